namespace BosonicTrajectories.Trajectories;

/// <summary>
/// A statistic of the ensemble density matrix (e.g. the log-negativity) with a delete-group jackknife error bar.
/// </summary>
/// <param name="Estimate">θ̂, the statistic of the full ensemble ρ (biased by the sampling noise of ρ).</param>
/// <param name="BiasCorrected">θ_J, the jackknife bias-corrected estimate (removes the O(1/n) bias).</param>
/// <param name="StandardError">Jackknife standard error of θ̂.</param>
/// <param name="Lower">BiasCorrected − Width · StandardError.</param>
/// <param name="Upper">BiasCorrected + Width · StandardError.</param>
/// <param name="Width">Half-width of the interval in standard errors (default 4).</param>
/// <param name="Trajectories">n, the trajectories behind the estimate.</param>
/// <param name="Groups">Non-empty jackknife groups used.</param>
/// <param name="TrajectoriesNeeded">n · (Width · SE / |θ_J|)²: the trajectories at which the interval would just exclude 0
/// if θ_J stayed put (SE ∝ 1/√n); +∞ when θ_J = 0.</param>
public sealed record JackknifeEstimate(
    double Estimate, double BiasCorrected, double StandardError, double Lower, double Upper, double Width,
    long Trajectories, int Groups, double TrajectoriesNeeded)
{
    /// <summary>True when the interval lies strictly above 0 (e.g. entanglement is established).</summary>
    public bool ExcludesZero => Lower > 0;
}
