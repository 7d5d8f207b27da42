using System.Collections.Immutable;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Tests.Gaussian;

/// <summary>OpenSystemModels for the Gaussian tests, built directly from polynomials.</summary>
internal static class GaussianTestModels
{
    public static ImmutableArray<Party> OnePartyPerMode(int modes) =>
        Enumerable.Range(0, modes).Select(i => new Party(((char)('A' + i)).ToString(), [i])).ToImmutableArray();

    public static OpenSystemModel BuildModel(int modes, Polynomial hamiltonian, params JumpOperator[] jumps) =>
        new(modes, OnePartyPerMode(modes), hamiltonian, [.. jumps], null, []);

    public static Complex[] Unit(int modes, int mode, Complex value)
    {
        var v = new Complex[modes];
        v[mode] = value;
        return v;
    }

    /// <summary>H = ω a†a, jumps √(κ(n̄+1)) a and √(κ n̄) a†.</summary>
    public static OpenSystemModel DampedMode(double omega, double kappa, double nbar) =>
        BuildModel(1, Polynomial.FromHoppingMatrix(new Complex[,] { { omega } }),
            new JumpOperator("loss", Polynomial.Linear([Math.Sqrt(kappa * (nbar + 1))], [0])),
            new JumpOperator("gain", Polynomial.Linear([0], [Math.Sqrt(kappa * nbar)])));

    /// <summary>
    /// The SPEC's passive model: H_S = Σ H_ij a_i† a_j with emission E = Σ e_k v_k v_k† → L = √e_k Σ_j (v_k)*_j a_j and
    /// absorption A = Σ α_k w_k w_k† → L = √α_k Σ_i (w_k)_i a_i†.
    /// </summary>
    public static OpenSystemModel Passive(Matrix<Complex> h, Matrix<Complex> emission, Matrix<Complex> absorption)
    {
        int d = h.RowCount;
        var jumps = new List<JumpOperator>();
        var e = emission.Evd(Symmetricity.Hermitian);
        for (int k = 0; k < d; k++)
        {
            double rate = e.EigenValues[k].Real;
            if (rate <= 1e-15) continue;
            var v = e.EigenVectors.Column(k);
            jumps.Add(new JumpOperator($"emission {k}",
                Polynomial.Linear(v.Select(x => Math.Sqrt(rate) * Complex.Conjugate(x)).ToArray(), new Complex[d])));
        }
        var a = absorption.Evd(Symmetricity.Hermitian);
        for (int k = 0; k < d; k++)
        {
            double rate = a.EigenValues[k].Real;
            if (rate <= 1e-15) continue;
            var w = a.EigenVectors.Column(k);
            jumps.Add(new JumpOperator($"absorption {k}",
                Polynomial.Linear(new Complex[d], w.Select(x => Math.Sqrt(rate) * x).ToArray())));
        }
        return BuildModel(d, Polynomial.FromHoppingMatrix(h.ToArray()), [.. jumps]);
    }

    /// <summary>H = s (a0† a1† + a0 a1), jumps √κ a0 and √κ a1.</summary>
    public static OpenSystemModel ParametricAmplifier(double s, double kappa) =>
        BuildModel(2,
            Polynomial.Single(s, new LadderOperator(0, true), new LadderOperator(1, true)) +
            Polynomial.Single(s, new LadderOperator(0, false), new LadderOperator(1, false)),
            new JumpOperator("loss 0", Polynomial.Linear(Unit(2, 0, Math.Sqrt(kappa)), new Complex[2])),
            new JumpOperator("loss 1", Polynomial.Linear(Unit(2, 1, Math.Sqrt(kappa)), new Complex[2])));

    /// <summary>A random Hermitian matrix with entries of order <paramref name="scale"/>.</summary>
    public static Matrix<Complex> RandomHermitian(int d, Random random, double scale)
    {
        var m = Matrix<Complex>.Build.Dense(d, d, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        return scale * (m + m.ConjugateTranspose());
    }

    /// <summary>A random Hermitian positive semidefinite matrix B B† (B d×d, entries of order √scale).</summary>
    public static Matrix<Complex> RandomPositive(int d, Random random, double scale)
    {
        var b = Matrix<Complex>.Build.Dense(d, d, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        return scale * b * b.ConjugateTranspose() / d;
    }

    /// <summary>
    /// A random stable passive model: H Hermitian, A ≥ 0, E = A + (positive definite part), so E − A &gt; 0 and the
    /// drift X = −iH − ½(E − A) is stable.
    /// </summary>
    public static (OpenSystemModel Model, Matrix<Complex> H, Matrix<Complex> E, Matrix<Complex> A) RandomPassive(int d, Random random)
    {
        var h = RandomHermitian(d, random, 1.0) + 2 * Matrix<Complex>.Build.DenseIdentity(d);
        var absorption = RandomPositive(d, random, 0.05);
        var emission = absorption + RandomPositive(d, random, 0.1) + 0.02 * Matrix<Complex>.Build.DenseIdentity(d);
        return (Passive(h, emission, absorption), h, emission, absorption);
    }
}
