using System.Collections.Immutable;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Gaussian;

namespace BosonicTrajectories.Convergence;

/// <summary>What the error column of a convergence study compares against.</summary>
public enum ConvergenceErrorReference
{
    /// <summary>Quadratic model: the exact Gaussian covariance at the same time (Lyapunov steady state for t = ∞), as in the cross-check.</summary>
    Gaussian,

    /// <summary>Non-quadratic model: the covariance at the largest cutoff that ran.</summary>
    LargestCutoff,
}

/// <summary>One cutoff that ran.</summary>
/// <param name="Cutoff">Levels per mode, or the bound K on Σ n_i for a total-excitation config.</param>
/// <param name="Error">max_jk |Σ_jk − Σ^ref_jk|; null for the reference cutoff itself (<see cref="ConvergenceErrorReference.LargestCutoff"/>).</param>
/// <param name="CovarianceChange">max_jk |Σ_jk(c) − Σ_jk(previous cutoff that ran)|; null for the first.</param>
/// <param name="TailPopulation">Largest population on any mode's top level (<see cref="RunResult.MaxTailPopulation"/>).</param>
/// <param name="LogNegativities">Measured log-negativity per bipartition, in <see cref="ConvergenceStudyResult.Bipartitions"/> order (NaN when the method measured none).</param>
/// <param name="WallSeconds">Wall time of this cutoff's run and analysis.</param>
public sealed record ConvergencePoint(
    int Cutoff,
    int HilbertDimension,
    double? Error,
    double? CovarianceChange,
    double TailPopulation,
    ImmutableArray<double> LogNegativities,
    double WallSeconds,
    QuadratureMoments Final,
    string Verdict);

/// <summary>A cutoff that did not run, and why: the initial-state errors of <see cref="Fock.InitialStates"/> (they name the cutoff that would hold it).</summary>
public sealed record SkippedCutoff(int Cutoff, IReadOnlyList<ConfigError> Problems)
{
    /// <summary>The problems on one line, each as "path: message".</summary>
    public string Reason => string.Join("; ", Problems.Select(e => e.ToString()));
}

/// <summary>A truncation convergence study: one <see cref="ConvergencePoint"/> per cutoff that ran, in ascending order.</summary>
/// <param name="Config">The config as given (its own truncation); each point ran it with the truncation of its cutoff.</param>
/// <param name="GaussianReference">The exact Gaussian moments the errors refer to (quadratic models); null otherwise or when the reference depends on the run's final time.</param>
/// <param name="GaussianLogNegativities">Log-negativity of <paramref name="GaussianReference"/> per bipartition; empty without it.</param>
public sealed record ConvergenceStudyResult(
    SimulationConfig Config,
    string Method,
    CutoffRange? Range,
    ConvergenceErrorReference ErrorReference,
    string ErrorDescription,
    ImmutableArray<Bipartition> Bipartitions,
    QuadratureMoments? GaussianReference,
    ImmutableArray<double> GaussianLogNegativities,
    IReadOnlyList<ConvergencePoint> Points,
    IReadOnlyList<SkippedCutoff> Skipped,
    double WallSeconds)
{
    /// <summary>"perMode" or "totalExcitations": what the cutoff sets.</summary>
    public string TruncationKey => CutoffTruncation.KeyOf(Config.Truncation);
}
