using System.Collections.Immutable;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Benchmarking;

/// <summary>The outcome of a <see cref="WorkPrecisionStudy"/>.</summary>
/// <param name="Config">The config that was studied.</param>
/// <param name="Settings">What was swept.</param>
/// <param name="HilbertDimension">D of the truncated space (ρ has D² entries, ψ has D).</param>
/// <param name="OutputTimes">The output times every error is taken over.</param>
/// <param name="Rk4Steps">The rk4 steps actually run (given, or automatic).</param>
/// <param name="Rk4StepsAutomatic">True when the rk4 steps came from <see cref="StiffnessEstimate"/>.</param>
/// <param name="SpectralRadius">The power-iteration estimate of ρ(𝓛) (null when rk4 steps were given).</param>
/// <param name="Reference">What the errors are measured against.</param>
/// <param name="SeedMatchedEnsemble">The seed-matched reference ensemble's work (trajectories only).</param>
/// <param name="Points">Every run, in the order run.</param>
/// <param name="WallSeconds">The whole study, references included.</param>
public sealed record WorkPrecisionResult(
    SimulationConfig Config,
    WorkPrecisionSettings Settings,
    int HilbertDimension,
    ImmutableArray<double> OutputTimes,
    ImmutableArray<double> Rk4Steps,
    bool Rk4StepsAutomatic,
    double? SpectralRadius,
    WorkPrecisionReference Reference,
    SeedMatchedEnsembleInfo? SeedMatchedEnsemble,
    ImmutableArray<WorkPrecisionPoint> Points,
    double WallSeconds);

/// <summary>The seed-matched reference ensemble (same seed and count as every trajectory point, reference integrator).</summary>
/// <param name="Error">Its own error against the reference (statistical, like every trajectory point's).</param>
/// <param name="StandardError">Its largest standard error.</param>
public sealed record SeedMatchedEnsembleInfo(double Error, double StandardError, long RhsEvaluations, double WallSeconds);
