using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>Passive thermal-machine models for the Lindblad benchmarks, built directly from H, E and A (SPEC §1 jumps).</summary>
internal static class LindbladBenchmarkModels
{
    /// <summary>The reference hot/cold machine (/work/shared/reference/hot-cold-cat.json, global, κ = 0.05, T = 2 and 0.2).</summary>
    public static OpenSystemModel HotCold() => Passive(
        new double[,] { { 1.0, 0.1 }, { 0.1, 1.2 } },
        new double[,] { { 0.11055047124992488, -0.02151940208070236 }, { -0.02151940208070236, 0.06751166708852016 } },
        new double[,] { { 0.06055047124992488, -0.02151940208070236 }, { -0.02151940208070237, 0.017511667088520158 } });

    /// <summary>A three-mode chain with local baths: E = diag(κ(n̄_i + 1)), A = diag(κ n̄_i), n̄ = (1, 0.3, 0.1), κ = 0.05.</summary>
    public static OpenSystemModel ThreeModeChain() => Passive(
        new double[,] { { 1.0, 0.1, 0 }, { 0.1, 1.2, 0.1 }, { 0, 0.1, 1.4 } },
        new double[,] { { 0.1, 0, 0 }, { 0, 0.065, 0 }, { 0, 0, 0.055 } },
        new double[,] { { 0.05, 0, 0 }, { 0, 0.015, 0 }, { 0, 0, 0.005 } });

    /// <summary>|cat(α = 2)⟩ ⊗ |0⟩ ⊗ … as a density matrix on any truncation (levels beyond the space are dropped).</summary>
    public static Complex[] CatTimesVacuum(FockSpace space, int cutoff)
    {
        var cat = new Complex[cutoff];
        for (int n = 0; n < cutoff; n += 2)
        {
            double amplitude = Math.Exp(-2);
            for (int k = 1; k <= n; k++) amplitude *= 2 / Math.Sqrt(k);
            cat[n] = amplitude;
        }
        double norm = Math.Sqrt(cat.Sum(c => c.Magnitude * c.Magnitude));
        int d = space.Dimension;
        var index = new int[cutoff];
        for (int n = 0; n < cutoff; n++)
        {
            var occupations = new int[space.Modes];
            occupations[0] = n;
            index[n] = space.IndexOf(occupations);
        }
        var rho = new Complex[d * d];
        for (int i = 0; i < cutoff; i++)
            for (int j = 0; j < cutoff; j++)
                if (index[i] >= 0 && index[j] >= 0) rho[(index[i] * d) + index[j]] = cat[i] * cat[j] / (norm * norm);
        return rho;
    }

    /// <summary>⟨n_mode⟩ of a row-major D×D density matrix (what the solve benchmarks observe at every sample).</summary>
    public static double MeanOccupation(FockSpace space, ReadOnlySpan<Complex> rho, int mode)
    {
        int d = space.Dimension;
        double n = 0;
        for (int i = 0; i < d; i++) n += space.Occupation(i, mode) * rho[(i * d) + i].Real;
        return n;
    }

    private static OpenSystemModel Passive(double[,] h, double[,] emission, double[,] absorption)
    {
        int d = h.GetLength(0);
        var jumps = ImmutableArray.CreateBuilder<JumpOperator>();
        foreach (var (rate, v) in Eigenpairs(emission))
            jumps.Add(new JumpOperator("emission", Polynomial.Linear([.. v.Select(x => Math.Sqrt(rate) * Complex.Conjugate(x))], new Complex[d])));
        foreach (var (rate, w) in Eigenpairs(absorption))
            jumps.Add(new JumpOperator("absorption", Polynomial.Linear(new Complex[d], [.. w.Select(x => Math.Sqrt(rate) * x)])));
        var matrix = new Complex[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) matrix[i, j] = h[i, j];
        return new OpenSystemModel(d, [.. Enumerable.Range(0, d).Select(i => new Party($"P{i}", [i]))],
            Polynomial.FromHoppingMatrix(matrix), jumps.ToImmutable(), null, []);
    }

    private static IEnumerable<(double Rate, Complex[] Vector)> Eigenpairs(double[,] hermitian)
    {
        var evd = Matrix<Complex>.Build.Dense(hermitian.GetLength(0), hermitian.GetLength(1), (i, j) => hermitian[i, j]).Evd(Symmetricity.Hermitian);
        for (int k = 0; k < evd.EigenValues.Count; k++)
            if (evd.EigenValues[k].Real > 1e-14) yield return (evd.EigenValues[k].Real, [.. evd.EigenVectors.Column(k)]);
    }
}
