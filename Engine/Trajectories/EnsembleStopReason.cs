namespace BosonicTrajectories.Trajectories;

/// <summary>Why an ensemble run ended. Whatever the reason, its sums are exactly those of the leading trajectories it kept.</summary>
public enum EnsembleStopReason
{
    /// <summary>Every requested trajectory ran.</summary>
    Completed,

    /// <summary>Every tracked standard error fell below the target (checked after each chunk, in index order).</summary>
    StandardErrorTarget,

    /// <summary>The wall-clock limit passed.</summary>
    WallClockLimit,

    /// <summary>The caller cancelled (e.g. Ctrl-C).</summary>
    Cancelled,
}
