using System.Numerics;
using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;

namespace BosonicTrajectories.Benchmarks.Analysis;

/// <summary>
/// Two pieces of a run's analysis outside the solver. <c>WignerPicture</c>: the Wigner function of one mode on the
/// 161 × 161 grid of a Wigner picture (<see cref="WignerFunction.OnGrid"/>), for an even cat of |β|² = 4 on 20 levels,
/// as the default run draws three times. <c>HermitianSpectrum</c>: the eigenvalues of a random dense Hermitian matrix
/// of order <see cref="Order"/> (<see cref="HermitianEigenvalues.Compute"/>), the kernel of the per-time
/// log-negativity (the default run's partial transposes split into two blocks of order 200 at each of its 201
/// times). Allocation: the grid, and the spectrum's diagonal, off-diagonal and Householder vectors.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PerSampleAnalysisBenchmarks
{
    private Complex[,] _cat = new Complex[0, 0];
    private double[] _axis = [];
    private Complex[] _hermitian = [];

    /// <summary>Order of the Hermitian matrix.</summary>
    [Params(200)]
    public int Order { get; set; } = 200;

    [GlobalSetup]
    public void Setup()
    {
        const int levels = 20;
        var cat = CatProfile.Create(2, 0, "benchmark");
        var amplitude = Enumerable.Range(0, levels).Select(cat.Amplitude).ToArray();
        double norm2 = amplitude.Sum(a => a.Magnitude * a.Magnitude);       // the truncated state, renormalised
        _cat = new Complex[levels, levels];
        for (int i = 0; i < levels; i++)
            for (int j = 0; j < levels; j++) _cat[i, j] = amplitude[i] * Complex.Conjugate(amplitude[j]) / norm2;
        _axis = WignerFunction.Axis(-6, 6, 161);

        var random = new Random(3);
        _hermitian = new Complex[Order * Order];
        for (int i = 0; i < Order; i++)
            for (int j = 0; j <= i; j++)
            {
                var z = new Complex(random.NextDouble() - 0.5, i == j ? 0 : random.NextDouble() - 0.5);
                _hermitian[(i * Order) + j] = z;
                _hermitian[(j * Order) + i] = Complex.Conjugate(z);
            }
    }

    [Benchmark]
    public double[,] WignerPicture() => WignerFunction.OnGrid(_cat, _axis, _axis);

    [Benchmark]
    public double[] HermitianSpectrum() => HermitianEigenvalues.Compute(_hermitian, Order);
}
