using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>A whole validated config (SPEC §3). Built only by <see cref="ConfigLoader"/>.</summary>
/// <param name="NormalizedJson">The normalised config (defaults filled in), for summary.json.</param>
public sealed record SimulationConfig(
    string Name,
    string? Description,
    int Modes,
    ModelDescription Model,
    Truncation Truncation,
    InitialStateDescription InitialState,
    RunSettings Run,
    AnalysisSettings Analysis,
    System.Text.Json.Nodes.JsonObject NormalizedJson);

/// <summary>Which method evolves the state.</summary>
public enum RunMethod { Lindblad, Trajectories, SteadyState, Gaussian }

/// <summary>The config's <c>run</c> section with defaults filled in.</summary>
/// <param name="TEnd">Final time; null means "steady": run until ‖dρ/dt‖ is below <see cref="SteadyTolerance"/>.</param>
/// <param name="Samples">Output times: evenly spaced on [0, TEnd], this many points.</param>
/// <param name="StandardErrorTarget">Trajectories: stop once every tracked standard error is below this (null: run all).</param>
/// <param name="SteadyStateFrom">Trajectories: start of the time-averaging window [t, TEnd] of the steady-state estimate.</param>
/// <param name="NormalModes">Lindblad: evolve in the normal modes of a passive Hamiltonian where that is exact (default true).</param>
public sealed record RunSettings(
    RunMethod Method,
    double? TEnd,
    int Samples,
    double RelativeTolerance,
    double AbsoluteTolerance,
    string Integrator,
    int Trajectories,
    ulong Seed,
    double SteadyTolerance,
    double? StandardErrorTarget = null,
    double? SteadyStateFrom = null,
    bool NormalModes = true);

/// <summary>Which bipartitions of parties the analysis reports.</summary>
public enum BipartitionChoice { Parties, All }

/// <summary>The config's <c>analysis</c> section.</summary>
/// <param name="Wigner">Wigner-function pictures to draw, or null for none.</param>
public sealed record AnalysisSettings(BipartitionChoice Bipartitions, WignerRequest? Wigner = null);

/// <summary>
/// <c>analysis.wigner</c>: draw W(q, p) of each of <see cref="Modes"/> at each of <see cref="Times"/> (each snapped to
/// the nearest output time; the steady-state method draws its one state). Needs a density matrix: methods
/// <c>lindblad</c> and <c>steadystate</c>.
/// </summary>
public sealed record WignerRequest(System.Collections.Immutable.ImmutableArray<int> Modes, System.Collections.Immutable.ImmutableArray<double> Times);
