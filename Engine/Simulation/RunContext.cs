using BosonicTrajectories.Sharding;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Simulation;

/// <summary>
/// How a run is carried out, as opposed to what is computed: threads, progress reporting, cancellation.
/// Results never depend on it.
/// </summary>
/// <param name="Threads">Worker threads for trajectory ensembles (default: all cores).</param>
/// <param name="Progress">Called with the fraction done in [0, 1] and an optional detail text.</param>
public sealed record RunContext(int Threads, Action<double, string?>? Progress, CancellationToken Cancellation)
{
    public static RunContext Default => new(Environment.ProcessorCount, null, CancellationToken.None);

    /// <summary>Trajectories: which block of the ensemble to run (default: all of it).</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.Whole;

    /// <summary>Trajectories: the saved sums of an interrupted run of the same shard to continue from.</summary>
    public EnsembleSums? ResumeFrom { get; init; }

    /// <summary>Trajectories: stop at this wall-clock time, keeping the completed leading trajectories.</summary>
    public TimeSpan? WallClockLimit { get; init; }

    public void Report(double fraction, string? detail = null) => Progress?.Invoke(fraction, detail);
}
