namespace BosonicTrajectories.Benchmarking;

/// <summary>What a work-precision study's errors are measured against.</summary>
public enum WorkPrecisionReferenceKind
{
    /// <summary>The exact Gaussian moments (quadratic models: the moment equations close, exact for any initial state, no truncation).</summary>
    ExactGaussian,

    /// <summary>A Lindblad run with <see cref="WorkPrecisionReference.Integrator"/> at rtol <see cref="WorkPrecisionReference.RelativeTolerance"/> on the same truncation.</summary>
    FockReferenceRun,
}

/// <summary>
/// The reference of a work-precision study and what limits it.
/// </summary>
/// <param name="Kind">Exact Gaussian moments or a tight Fock run.</param>
/// <param name="Description">One sentence for the reader (written into work-precision.json and the table).</param>
/// <param name="TruncationFloor">Quadratic models: max |⟨a_i† a_j⟩_Fock − exact| of the tight Fock run, i.e. the Fock truncation
/// error (plus ≈ 1e-12 of integration error); no Lindblad error can be smaller. Null when not measured.</param>
/// <param name="MaxTailPopulation">Largest top-level population of the tight Fock run over the output times (null when not run).</param>
/// <param name="ReferenceRhsEvaluations">Right-hand-side evaluations of the tight Fock run (0 when not run).</param>
/// <param name="ReferenceWallSeconds">Its wall time (0 when not run).</param>
public sealed record WorkPrecisionReference(
    WorkPrecisionReferenceKind Kind,
    string Description,
    double? TruncationFloor,
    double? MaxTailPopulation,
    long ReferenceRhsEvaluations,
    double ReferenceWallSeconds)
{
    /// <summary>The reference integrator (for non-quadratic models, the truncation floor, and the seed-matched ensemble).</summary>
    public const string Integrator = "vern7";

    /// <summary>Its rtol.</summary>
    public const double RelativeTolerance = 1e-12;

    /// <summary>Its atol (rtol/100, as every point of the study).</summary>
    public const double AbsoluteTolerance = 1e-14;

    /// <summary>Jump-time tolerance of the seed-matched reference ensemble.</summary>
    public const double JumpTimeTolerance = 1e-12;
}
