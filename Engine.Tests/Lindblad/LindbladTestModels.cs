using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Lindblad;

/// <summary>Small models with closed-form or reference answers, built directly as <see cref="OpenSystemModel"/>s.</summary>
internal static class LindbladTestModels
{
    /// <summary>H = ω a†a; L = √(κ(n̄+1)) a and √(κ n̄) a† (the latter omitted at n̄ = 0).</summary>
    public static OpenSystemModel DampedMode(double omega, double kappa, double meanOccupation)
    {
        var jumps = ImmutableArray.CreateBuilder<JumpOperator>();
        jumps.Add(new JumpOperator("loss", Polynomial.Single(Math.Sqrt(kappa * (meanOccupation + 1)), new LadderOperator(0, false))));
        if (meanOccupation > 0)
            jumps.Add(new JumpOperator("gain", Polynomial.Single(Math.Sqrt(kappa * meanOccupation), new LadderOperator(0, true))));
        return new OpenSystemModel(1, [new Party("A", [0])], Polynomial.Single(omega, new(0, true), new(0, false)),
            jumps.ToImmutable(), null, []);
    }

    // Reference emission / absorption matrices of /work/shared/reference/hot-cold-cat.json (global approach,
    // H = [[1, 0.1], [0.1, 1.2]], bose baths, flat κ = 0.05, T = 2 on mode 0 and T = 0.2 on mode 1).
    public static readonly double[,] HotColdHamiltonian = { { 1.0, 0.1 }, { 0.1, 1.2 } };

    public static readonly double[,] HotColdEmission =
    {
        { 0.11055047124992488, -0.02151940208070236 },
        { -0.02151940208070236, 0.06751166708852016 },
    };

    public static readonly double[,] HotColdAbsorption =
    {
        { 0.06055047124992488, -0.02151940208070236 },
        { -0.02151940208070237, 0.017511667088520158 },
    };

    /// <summary>The two-mode hot/cold machine from the reference E and A.</summary>
    public static OpenSystemModel HotColdMachine() =>
        PassiveModel(ToComplex(HotColdHamiltonian), ToComplex(HotColdEmission), ToComplex(HotColdAbsorption));

    /// <summary>
    /// H = Σ H_ij a_i† a_j with jumps from E = Σ e_k v_k v_k† → √e_k Σ_j conj(v_kj) a_j and
    /// A = Σ α_k w_k w_k† → √α_k Σ_i w_ki a_i† (SPEC §1).
    /// </summary>
    public static OpenSystemModel PassiveModel(Complex[,] hamiltonian, Complex[,] emission, Complex[,] absorption)
    {
        int d = hamiltonian.GetLength(0);
        var jumps = ImmutableArray.CreateBuilder<JumpOperator>();
        foreach (var (rate, vector) in Eigenpairs(emission))
            jumps.Add(new JumpOperator("emission", Polynomial.Linear([.. vector.Select(v => Math.Sqrt(rate) * Complex.Conjugate(v))], new Complex[d])));
        foreach (var (rate, vector) in Eigenpairs(absorption))
            jumps.Add(new JumpOperator("absorption", Polynomial.Linear(new Complex[d], [.. vector.Select(v => Math.Sqrt(rate) * v)])));
        var parties = Enumerable.Range(0, d).Select(i => new Party(((char)('A' + i)).ToString(), [i])).ToImmutableArray();
        return new OpenSystemModel(d, parties, Polynomial.FromHoppingMatrix(hamiltonian), jumps.ToImmutable(), null, []);
    }

    public static Complex[,] ToComplex(double[,] m)
    {
        var c = new Complex[m.GetLength(0), m.GetLength(1)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++) c[i, j] = m[i, j];
        return c;
    }

    private static IEnumerable<(double Rate, Complex[] Vector)> Eigenpairs(Complex[,] hermitian)
    {
        var evd = Matrix<Complex>.Build.DenseOfArray(hermitian).Evd(Symmetricity.Hermitian);
        for (int k = 0; k < evd.EigenValues.Count; k++)
        {
            double rate = evd.EigenValues[k].Real;
            if (rate > 1e-14) yield return (rate, [.. evd.EigenVectors.Column(k)]);
        }
    }

    /// <summary>Tr(ρ O) for a row-major ρ.</summary>
    public static Complex Expectation(ReadOnlySpan<Complex> rho, SparseMatrix op)
    {
        int d = op.Dimension;
        Complex sum = 0;
        for (int r = 0; r < d; r++)
            for (int p = op.RowPointers[r]; p < op.RowPointers[r + 1]; p++)
                sum += op.Values[p] * rho[(op.ColumnIndices[p] * d) + r];
        return sum;
    }

    /// <summary>⟨a_i† a_j⟩ for all i, j.</summary>
    public static Complex[,] NumberMatrix(FockSpace space, ReadOnlySpan<Complex> rho)
    {
        var n = new Complex[space.Modes, space.Modes];
        for (int i = 0; i < space.Modes; i++)
            for (int j = 0; j < space.Modes; j++)
                n[i, j] = Expectation(rho, FockOperators.Build(space, Polynomial.Single(1, new(i, true), new(j, false))));
        return n;
    }

    /// <summary>|ψ⟩⟨ψ| row-major.</summary>
    public static Complex[] Projector(ReadOnlySpan<Complex> psi)
    {
        var rho = new Complex[psi.Length * psi.Length];
        for (int r = 0; r < psi.Length; r++)
            for (int c = 0; c < psi.Length; c++) rho[(r * psi.Length) + c] = psi[r] * Complex.Conjugate(psi[c]);
        return rho;
    }

    /// <summary>A random Hermitian matrix (fixed seed), unit trace, not positive: for linear-map checks.</summary>
    public static Complex[] RandomHermitian(int d, int seed)
    {
        var random = new Random(seed);
        var m = new Complex[d * d];
        for (int r = 0; r < d; r++)
        {
            m[(r * d) + r] = random.NextDouble();
            for (int c = r + 1; c < d; c++)
            {
                var z = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
                m[(r * d) + c] = z;
                m[(c * d) + r] = Complex.Conjugate(z);
            }
        }
        return m;
    }

    /// <summary>The plain dense Lindblad right-hand side −i[H, ρ] + Σ (LρL† − ½{L†L, ρ}) in the lab frame.</summary>
    public static Matrix<Complex> DenseLindblad(MathNet.Numerics.LinearAlgebra.Matrix<Complex> h, IEnumerable<Matrix<Complex>> jumps, Matrix<Complex> rho)
    {
        var i = Complex.ImaginaryOne;
        var result = -i * ((h * rho) - (rho * h));
        foreach (var l in jumps)
        {
            var ld = l.ConjugateTranspose();
            result += (l * rho * ld) - (0.5 * ((ld * l * rho) + (rho * ld * l)));
        }
        return result;
    }

    public static Matrix<Complex> ToMatrix(ReadOnlySpan<Complex> rowMajor, int d)
    {
        var m = Matrix<Complex>.Build.Dense(d, d);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++) m[r, c] = rowMajor[(r * d) + c];
        return m;
    }
}

/// <summary>One-mode state vectors in a truncated Fock basis (normalised after truncation).</summary>
internal static class TestStates
{
    public static Complex[] Coherent(Complex alpha, int levels)
    {
        var psi = new Complex[levels];
        psi[0] = Math.Exp(-alpha.Magnitude * alpha.Magnitude / 2);
        for (int n = 1; n < levels; n++) psi[n] = psi[n - 1] * alpha / Math.Sqrt(n);
        return Normalise(psi);
    }

    /// <summary>∝ |α⟩ + e^{iφ}|−α⟩.</summary>
    public static Complex[] Cat(Complex alpha, double phase, int levels)
    {
        var plus = Coherent(alpha, levels);
        var minus = Coherent(-alpha, levels);
        var factor = Complex.FromPolarCoordinates(1, phase);
        return Normalise([.. plus.Zip(minus, (p, m) => p + (factor * m))]);
    }

    public static Complex[] Fock(int n, int levels)
    {
        var psi = new Complex[levels];
        psi[n] = 1;
        return psi;
    }

    /// <summary>Diagonal thermal state with mean occupation n̄ (renormalised after truncation).</summary>
    public static Complex[] ThermalDensityMatrix(double meanOccupation, int levels)
    {
        var rho = new Complex[levels * levels];
        double ratio = meanOccupation / (1 + meanOccupation), p = 1 / (1 + meanOccupation), sum = 0;
        for (int n = 0; n < levels; n++, p *= ratio)
        {
            rho[(n * levels) + n] = p;
            sum += p;
        }
        for (int n = 0; n < levels; n++) rho[(n * levels) + n] /= sum;
        return rho;
    }

    /// <summary>ψ_A ⊗ ψ_B with mode 0 most significant (the FockSpace per-mode order).</summary>
    public static Complex[] Product(Complex[] first, Complex[] second)
    {
        var psi = new Complex[first.Length * second.Length];
        for (int i = 0; i < first.Length; i++)
            for (int j = 0; j < second.Length; j++) psi[(i * second.Length) + j] = first[i] * second[j];
        return psi;
    }

    private static Complex[] Normalise(Complex[] psi)
    {
        double norm = Math.Sqrt(psi.Sum(c => c.Magnitude * c.Magnitude));
        return [.. psi.Select(c => c / norm)];
    }
}
