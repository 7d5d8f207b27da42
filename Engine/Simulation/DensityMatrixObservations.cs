using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;

namespace BosonicTrajectories.Simulation;

/// <summary>
/// What the density-matrix methods record: per output time, t, ⟨n_i⟩ and one log-negativity per bipartition
/// (columns <c>logneg_&lt;A|B&gt;</c>); at the end, the moments, tail population and per-bipartition negativity with
/// its noise floor. One home for the observation logic of <c>lindblad</c> and <c>steadystate</c>.
/// </summary>
/// <remarks>
/// The partial-transpose eigenproblems cost as much as the time stepping, so each output time's analysis runs on a
/// background task while the integrator goes on (at most <see cref="MaxPending"/> snapshots of ρ in flight, which
/// bounds the memory). Every row depends only on its own snapshot, so the table does not depend on scheduling. A
/// snapshot's buffer goes back to a small pool once its row is done (unless it is kept for pictures): at D = 400 a
/// fresh 2.5 MB array per output time cost about a tenth of a run's CPU time in page faults and copies into new pages.
/// Without bipartitions a row is only ⟨n_i⟩, far cheaper than a hand-over to a task (waking a pool thread took up to
/// ~0.2 ms on the benchmark VM, and the integrator waits once <see cref="MaxPending"/> rows are in flight): such rows are
/// computed at once on the caller's thread.
/// </remarks>
internal sealed class DensityMatrixObservations : IDisposable
{
    private const int MaxPending = 3;

    private readonly FockSpace space;
    private readonly ImmutableArray<Bipartition> bipartitions;
    private readonly List<Task<double[]>> rows = [];
    private readonly SemaphoreSlim pending = new(MaxPending);
    private readonly string[] columns;
    private readonly HashSet<int> snapshotIndices;
    private readonly List<DensityMatrixSnapshot> snapshots = [];
    private readonly ConcurrentBag<Complex[]> free = [];            // snapshot buffers whose rows are done

    /// <param name="snapshotIndices">Output-time indices (in call order of <see cref="Observe"/>) whose ρ is kept for pictures.</param>
    public DensityMatrixObservations(FockSpace space, ImmutableArray<Bipartition> bipartitions, IEnumerable<int>? snapshotIndices = null)
    {
        this.space = space;
        this.bipartitions = bipartitions;
        this.snapshotIndices = [.. snapshotIndices ?? []];
        var names = new List<string> { "t" };
        names.AddRange(Enumerable.Range(0, space.Modes).Select(i => $"n_{i}"));
        names.AddRange(bipartitions.Select(b => $"logneg_{b.Label}"));
        columns = [.. names];
    }

    /// <summary>Records one output time (copies ρ and finishes the analysis in the background; without bipartitions, analyses it at once).</summary>
    public void Observe(double time, ReadOnlySpan<Complex> rho)
    {
        bool kept = snapshotIndices.Contains(rows.Count);
        if (bipartitions.IsEmpty && !kept)
        {
            rows.Add(Task.FromResult(Row(time, rho)));      // only ⟨n_i⟩: cheaper than handing it to a task
            return;
        }
        pending.Wait();
        if (!free.TryTake(out var snapshot) || snapshot.Length != rho.Length) snapshot = new Complex[rho.Length];
        rho.CopyTo(snapshot);
        if (kept) snapshots.Add(new DensityMatrixSnapshot(time, space, snapshot));
        rows.Add(Task.Run(() =>
        {
            try
            {
                return Row(time, snapshot);
            }
            finally
            {
                if (!kept) free.Add(snapshot);
                pending.Release();
            }
        }));
    }

    /// <summary>The density matrices kept for pictures.</summary>
    public IReadOnlyList<DensityMatrixSnapshot> Snapshots => snapshots;

    /// <summary>The output-time indices nearest to the requested Wigner times (none without a request).</summary>
    public static IEnumerable<int> NearestIndices(IReadOnlyList<double> outputTimes, WignerRequest? request) =>
        request is null ? [] : request.Times.Select(t => Enumerable.Range(0, outputTimes.Count).MinBy(k => Math.Abs(outputTimes[k] - t))).Distinct();

    /// <summary>The time series, once every queued row is done (rethrows a failure of any row).</summary>
    public TimeSeries Series()
    {
        var series = new TimeSeries(columns);
        foreach (var row in rows) series.Add(row.GetAwaiter().GetResult());
        return series;
    }

    private double[] Row(double time, ReadOnlySpan<Complex> rho)
    {
        var row = new double[columns.Length];
        row[0] = time;
        var moments = DensityMatrixAnalysis.Moments(rho, space);
        for (int i = 0; i < space.Modes; i++) row[1 + i] = moments.AdaggerA[i, i].Real;
        for (int b = 0; b < bipartitions.Length; b++)
            row[1 + space.Modes + b] = DensityMatrixEntanglement.Negativity(rho, space, bipartitions[b].ModesB).LogNegativity;
        return row;
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

    public void Dispose() => pending.Dispose();
}
