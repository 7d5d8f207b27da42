using System.Text.Json.Nodes;

using BosonicTrajectories.Gaussian;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// What every method yields before the cross-check: final moments and covariance, the time series, the
/// entanglement it measured itself (from a density matrix or an ensemble), and method-specific details.
/// </summary>
/// <param name="Method">"lindblad", "trajectories", "steadystate" or "gaussian".</param>
/// <param name="HilbertDimension">Dimension of the truncated space; null for the Gaussian backend (no truncation).</param>
/// <param name="FinalTime">Time of the final state (+∞ for a steady-state solve).</param>
/// <param name="Final">Final moments ⟨a⟩, ⟨a†a⟩, ⟨aa⟩.</param>
/// <param name="MeasuredEntanglement">Entanglement of the method's own state per bipartition; empty for the Gaussian backend.</param>
/// <param name="MaxTailPopulation">Largest population on any mode's top Fock level; null without truncation.</param>
/// <param name="MomentErrorEstimate">Estimated absolute error of the final covariance entries from the method itself
/// (integrator tolerance, statistics), added to the truncation part of the cross-check tolerance.</param>
/// <param name="Statistics">Trajectory counts and seeds; null for other methods.</param>
/// <param name="Details">Method-specific facts for summary.json (step counts, residuals, ...).</param>
public sealed record RunResult(
    string Method,
    int? HilbertDimension,
    double FinalTime,
    LadderMoments Final,
    TimeSeries Series,
    IReadOnlyList<MeasuredEntanglement> MeasuredEntanglement,
    double? MaxTailPopulation,
    double MomentErrorEstimate,
    JsonObject? Statistics,
    JsonObject Details)
{
    /// <summary>Density matrices kept for pictures (Wigner functions), with the space they live in.</summary>
    public IReadOnlyList<DensityMatrixSnapshot> Snapshots { get; init; } = [];

    /// <summary>Trajectories: the ensemble's exact sums and their manifest (written as shard.json + ensemble.bin).</summary>
    public BosonicTrajectories.Sharding.ShardedEnsemble? Ensemble { get; init; }

    /// <summary>
    /// Seconds the method spent building its operators and evolving or solving (observations at the output times
    /// included; config reading, the final analysis and output writing excluded); null when the method did not time itself.
    /// </summary>
    public double? SolveSeconds { get; init; }
}

/// <summary>A density matrix at one time (+∞ for a steady state), kept for pictures.</summary>
public sealed record DensityMatrixSnapshot(double Time, BosonicTrajectories.Fock.FockSpace Space, System.Numerics.Complex[] DensityMatrix);

/// <summary>
/// Negativity of a state across one bipartition, with its numerical noise floor and, for trajectory ensembles,
/// a confidence interval for the log-negativity.
/// </summary>
public sealed record MeasuredEntanglement(
    Bipartition Bipartition,
    double Negativity,
    double LogNegativity,
    double NoiseFloor,
    double? LogNegativityLower = null,
    double? LogNegativityUpper = null,
    double? LogNegativityStandardError = null,
    int? TrajectoriesNeeded = null);
