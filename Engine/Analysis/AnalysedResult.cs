using BosonicTrajectories.Configuration;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using BosonicTrajectories.Thermodynamics;

namespace BosonicTrajectories.Analysis;

/// <summary>Everything summary.json reports (SPEC §5): the run, its Gaussian reference, the checks and the verdict.</summary>
public sealed record AnalysedResult(
    SimulationConfig Config,
    OpenSystemModel Model,
    RunResult Run,
    QuadratureMoments FinalQuadratures,
    GaussianReference? Gaussian,
    CrossCheck? CrossCheck,
    IReadOnlyList<EntanglementReport> Entanglement,
    SeparabilityCertificate Certificate,
    Verdict Verdict,
    double WallSeconds)
{
    /// <summary>Heat and particle currents, energy balance and entropy production; null unless the model is a thermal machine.</summary>
    public MachineThermodynamicsReport? Thermodynamics { get; init; }

    /// <summary>Seconds spent in the method's evolution or solve (<see cref="RunResult.SolveSeconds"/>), at most <see cref="WallSeconds"/>.</summary>
    public double SolveSeconds => Math.Min(Run.SolveSeconds ?? WallSeconds, WallSeconds);
}

/// <summary>
/// The exact Gaussian theory for the model (quadratic models only): the Lyapunov steady state, and the exact
/// moments at the run's final time evolved from the initial state's exact moments.
/// </summary>
public sealed record GaussianReference(LadderMoments SteadyLadder, QuadratureMoments Steady, QuadratureMoments? AtFinalTime);

/// <summary>Largest |Σ_method − Σ_reference| over covariance entries against its tolerance; <see cref="Reference"/> names what was compared.</summary>
public sealed record CrossCheck(string Reference, double CovarianceMaxAbsError, double Tolerance)
{
    public bool Agrees => CovarianceMaxAbsError <= Tolerance;
}

/// <summary>One bipartition's entanglement: what the method measured (if it has a state) and the Gaussian log-negativity of its final covariance.</summary>
public sealed record EntanglementReport(Bipartition Bipartition, MeasuredEntanglement? Measured, double GaussianLogNegativity);

/// <summary>"separable", "entangled" or "inconclusive", with the reason in words.</summary>
public sealed record Verdict(string Value, string Reason)
{
    public const string Separable = "separable";
    public const string Entangled = "entangled";
    public const string Inconclusive = "inconclusive";
}
