namespace BosonicTrajectories.Verification;

/// <summary>
/// One control experiment: a model outside (or, for s = 0, on the edge of) the theorem's hypotheses, the
/// log-negativity one backend found, and whether that matches what must be reported.
/// </summary>
/// <param name="Name">What the control is ("parametric amplifier", "squeezing sweep", …).</param>
/// <param name="Method">"gaussian" (the campaign's backend) or "fock steady state".</param>
/// <param name="Squeezing">The squeezing rate s of the control.</param>
/// <param name="LogNegativity">Largest log-negativity over the bipartitions of the parties.</param>
/// <param name="NoiseFloor">Values up to this are reported as 0 (separable).</param>
/// <param name="MustBeEntangled">True for s &gt; 0: the engine must report entanglement; false for s = 0 (theorem).</param>
/// <param name="Expected">A closed-form or Gaussian reference value, when there is one.</param>
/// <param name="ExpectedTolerance">Allowed |LogNegativity − Expected|.</param>
/// <param name="Error">Why the control could not be computed, when it could not.</param>
public sealed record ControlResult(
    string Name,
    string Method,
    double Squeezing,
    double LogNegativity,
    double NoiseFloor,
    bool MustBeEntangled,
    double? Expected,
    double ExpectedTolerance,
    string? Error)
{
    /// <summary>The engine's verdict for this control: log-negativity above the noise floor.</summary>
    public bool ReportedEntangled => LogNegativity > NoiseFloor;

    /// <summary>Computed, the verdict is the required one, and the value matches its reference when there is one.</summary>
    public bool Passed => Error is null && ReportedEntangled == MustBeEntangled &&
                          (Expected is not { } e || Math.Abs(LogNegativity - e) <= ExpectedTolerance);

    public string Verdict => Error is not null ? "error" : ReportedEntangled ? "entangled" : "separable";
}
