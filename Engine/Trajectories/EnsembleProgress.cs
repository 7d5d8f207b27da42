namespace BosonicTrajectories.Trajectories;

/// <summary>Progress of an ensemble run, reported after chunks are committed in index order (throttled).</summary>
/// <param name="Completed">Trajectories committed so far (a leading block of the requested range).</param>
/// <param name="Requested">Trajectories requested.</param>
/// <param name="Elapsed">Wall time since the start.</param>
/// <param name="RatePerSecond">Committed trajectories per second.</param>
/// <param name="EstimatedRemaining">Time left at this rate (null before any trajectory finished).</param>
/// <param name="MaxStandardError">The largest standard error over every tracked observable and output time.</param>
public readonly record struct EnsembleProgress(
    long Completed, long Requested, TimeSpan Elapsed, double RatePerSecond, TimeSpan? EstimatedRemaining, double MaxStandardError);
