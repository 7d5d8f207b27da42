using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;

namespace BosonicTrajectories.Simulation;

/// <summary>
/// What the density-matrix methods record: per output time, t, ⟨n_i⟩ and one log-negativity per bipartition
/// (columns <c>logneg_&lt;A|B&gt;</c>); at the end, the moments, tail population and per-bipartition negativity with
/// its noise floor. One home for the observation logic of <c>lindblad</c> and <c>steadystate</c>.
/// </summary>
internal sealed class DensityMatrixObservations
{
    private readonly FockSpace space;
    private readonly ImmutableArray<Bipartition> bipartitions;

    public DensityMatrixObservations(FockSpace space, ImmutableArray<Bipartition> bipartitions)
    {
        this.space = space;
        this.bipartitions = bipartitions;
        var columns = new List<string> { "t" };
        columns.AddRange(Enumerable.Range(0, space.Modes).Select(i => $"n_{i}"));
        columns.AddRange(bipartitions.Select(b => $"logneg_{b.Label}"));
        Series = new TimeSeries(columns);
    }

    public TimeSeries Series { get; }

    /// <summary>Records one output time.</summary>
    public void Observe(double time, ReadOnlySpan<Complex> rho)
    {
        var row = new double[Series.Columns.Count];
        row[0] = time;
        var moments = DensityMatrixAnalysis.Moments(rho, space);
        for (int i = 0; i < space.Modes; i++) row[1 + i] = moments.AdaggerA[i, i].Real;
        for (int b = 0; b < bipartitions.Length; b++)
            row[1 + space.Modes + b] = DensityMatrixEntanglement.Negativity(rho, space, bipartitions[b].ModesB).LogNegativity;
        Series.Add(row);
    }

    /// <summary>Negativity of the final state per bipartition, with noise floor = <paramref name="stateErrorFloor"/> + the block-splitting bound.</summary>
    public IReadOnlyList<MeasuredEntanglement> FinalEntanglement(ReadOnlySpan<Complex> rho, double stateErrorFloor)
    {
        var result = new List<MeasuredEntanglement>();
        foreach (var b in bipartitions)
        {
            var n = DensityMatrixEntanglement.Negativity(rho, space, b.ModesB);
            result.Add(new MeasuredEntanglement(b, n.Negativity, n.LogNegativity, stateErrorFloor + n.TraceNormErrorBound));
        }
        return result;
    }

    public double MaxTailPopulation(ReadOnlySpan<Complex> rho) => DensityMatrixAnalysis.TailPopulations(rho, space).Max();
}
