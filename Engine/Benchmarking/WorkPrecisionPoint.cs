namespace BosonicTrajectories.Benchmarking;

/// <summary>Which parameter a work-precision point varies.</summary>
public enum WorkPrecisionSweep
{
    /// <summary>An adaptive integrator's rtol (atol = rtol/100).</summary>
    Tolerance,

    /// <summary>rk4's fixed step.</summary>
    Step,

    /// <summary>The trajectory jump-time tolerance (integrator at the tightest tolerance / smallest step).</summary>
    JumpTime,
}

/// <summary>
/// One run of a work-precision study: its settings, its error against the reference and the work it took.
/// </summary>
/// <param name="Method">lindblad or trajectories.</param>
/// <param name="Integrator">Registry name.</param>
/// <param name="Sweep">Which parameter this point varies.</param>
/// <param name="RelativeTolerance">rtol (null for rk4).</param>
/// <param name="AbsoluteTolerance">atol (null for rk4).</param>
/// <param name="FixedStep">rk4's step (null otherwise).</param>
/// <param name="JumpTimeTolerance">Jump-time tolerance (trajectories only).</param>
/// <param name="Trajectories">Trajectories run (trajectories only).</param>
/// <param name="Seed">Ensemble seed (trajectories only).</param>
/// <param name="Error">max over output times and (i, j) of |⟨a_i† a_j⟩ − reference| (NaN for a failed run).</param>
/// <param name="StandardError">Trajectories: the largest standard error of the mean of those entries, the statistical
/// floor below which <see cref="Error"/> cannot fall at this trajectory count.</param>
/// <param name="SeedMatchedDeviation">Trajectories: the same maximum against the seed-matched reference ensemble (same
/// seed and count, reference integrator), i.e. the integration error with the statistical error removed.</param>
/// <param name="MaxTailPopulation">Lindblad: the largest top-level population over output times (truncation diagnostic).</param>
/// <param name="RhsEvaluations">Right-hand-side evaluations (trajectories: summed over the ensemble).</param>
/// <param name="AcceptedSteps">Accepted steps (summed over the ensemble).</param>
/// <param name="RejectedSteps">Rejected steps (summed over the ensemble).</param>
/// <param name="WallSeconds">Wall time of the solve (without building the problem or the reference).</param>
/// <param name="Failure">Why the run failed (a <see cref="Model.NumericalFailureException"/> message), or null.</param>
public sealed record WorkPrecisionPoint(
    WorkPrecisionMethod Method,
    string Integrator,
    WorkPrecisionSweep Sweep,
    double? RelativeTolerance,
    double? AbsoluteTolerance,
    double? FixedStep,
    double? JumpTimeTolerance,
    long? Trajectories,
    ulong? Seed,
    double Error,
    double? StandardError,
    double? SeedMatchedDeviation,
    double? MaxTailPopulation,
    long RhsEvaluations,
    long AcceptedSteps,
    long RejectedSteps,
    double WallSeconds,
    string? Failure)
{
    /// <summary>True when the run finished (its numbers are meaningful).</summary>
    public bool Succeeded => Failure is null;
}
