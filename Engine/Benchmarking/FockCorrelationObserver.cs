using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Benchmarking;

/// <summary>
/// Records N(t)_ij = Tr(ρ(t) a_i† a_j) and the largest tail population (<see cref="DensityMatrixAnalysis.TailPopulations"/>)
/// of the density matrices handed to it at consecutive output times. The operators a_i† a_j are built once.
/// </summary>
internal sealed class FockCorrelationObserver
{
    private readonly FockSpace _space;
    private readonly SparseMatrix[,] _correlations;
    private int _next;

    public FockCorrelationObserver(FockSpace space, int times)
    {
        _space = space;
        int d = space.Modes;
        var a = Enumerable.Range(0, d).Select(i => FockOperators.Annihilation(space, i)).ToArray();
        _correlations = new SparseMatrix[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) _correlations[i, j] = a[i].Adjoint() * a[j];
        Series = new CorrelationSeries(times, d);
    }

    public CorrelationSeries Series { get; }

    /// <summary>Largest population on a top level of any mode at any observed time.</summary>
    public double MaxTailPopulation { get; private set; }

    /// <summary>A <see cref="Lindblad.DensityMatrixObserver"/>: records the next output time.</summary>
    public void Observe(double time, ReadOnlySpan<Complex> rho)
    {
        if (_next >= Series.Times) throw new InvalidOperationException($"more than {Series.Times} output times observed (t = {time})");
        for (int i = 0; i < Series.Modes; i++)
            for (int j = 0; j < Series.Modes; j++) Series[_next, i, j] = DensityMatrixAnalysis.Expectation(rho, _correlations[i, j]);
        foreach (double tail in DensityMatrixAnalysis.TailPopulations(rho, _space)) MaxTailPopulation = Math.Max(MaxTailPopulation, tail);
        _next++;
    }

    /// <summary>True once every output time has been observed.</summary>
    public bool IsComplete => _next == Series.Times;
}
