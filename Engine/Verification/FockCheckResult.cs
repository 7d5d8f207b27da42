namespace BosonicTrajectories.Verification;

/// <summary>
/// The Fock-space cross-check of one two-mode thermal machine: the truncated steady state against the Gaussian
/// backend, and a Lindblad run from an entangled cat that must lose its entanglement.
/// </summary>
/// <param name="Candidate">Index j of the Fock stream the machine came from (see <see cref="FockInstances"/>).</param>
/// <param name="Machine">The machine.</param>
/// <param name="Cutoff">Fock levels per mode.</param>
/// <param name="PredictedTail">max_i x_i^c with x_i = n̄_i/(1 + n̄_i): the Gaussian weight beyond the cutoff.</param>
/// <param name="MaxTailPopulation">Largest population on a mode's top level in the Fock steady state.</param>
/// <param name="CorrelationMaxAbsError">max_ij |⟨a_i† a_j⟩_Fock − ⟨a_i† a_j⟩_Gaussian|.</param>
/// <param name="CorrelationTolerance">Its allowed size (solver tolerance plus truncation).</param>
/// <param name="SteadyLogNegativity">Log-negativity of the Fock steady state.</param>
/// <param name="RelaxationTime">1/γ, γ the slowest decay rate of ⟨a⟩ (smallest −Re λ of X = −i(H + H_LS) − ½(E − A)).</param>
/// <param name="RunTime">End time of the Lindblad run from the cat.</param>
/// <param name="InitialLogNegativity">Log-negativity of the initial cat (truncated).</param>
/// <param name="FinalLogNegativity">Log-negativity at the end of the run.</param>
/// <param name="NoiseFloor">Fock log-negativities up to this are numerical noise.</param>
/// <param name="WallSeconds">Time spent on this check.</param>
/// <param name="Error">Why the check could not be carried out, when it could not.</param>
public sealed record FockCheckResult(
    int Candidate,
    GeneratedMachine Machine,
    int Cutoff,
    double PredictedTail,
    double MaxTailPopulation,
    double CorrelationMaxAbsError,
    double CorrelationTolerance,
    double SteadyLogNegativity,
    double RelaxationTime,
    double RunTime,
    double InitialLogNegativity,
    double FinalLogNegativity,
    double NoiseFloor,
    double WallSeconds,
    string? Error)
{
    /// <summary>The Fock steady state reproduces the Gaussian ⟨a_i† a_j⟩ within the tolerance.</summary>
    public bool Agrees => CorrelationMaxAbsError <= CorrelationTolerance;

    /// <summary>Computed, agrees, the steady state is PPT and the cat's entanglement is gone by the end of the run.</summary>
    public bool Passed => Error is null && Agrees && SteadyLogNegativity <= NoiseFloor && FinalLogNegativity <= NoiseFloor;
}
