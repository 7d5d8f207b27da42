namespace BosonicTrajectories.Convergence;

/// <summary>
/// Tolerances of the automatic cutoff search (<see cref="AutoCutoff"/>). A cutoff is accepted when its largest
/// top-level population is below <see cref="TailTolerance"/> AND the covariance moved by less than
/// <see cref="CovarianceTolerance"/> (absolute, max_jk |Σ_jk(c) − Σ_jk(c_previous)|, vacuum Σ = I/2) since the
/// previous cutoff tried.
/// </summary>
/// <param name="TailTolerance">Largest accepted tail population (default 1e-6: the truncation then moves ⟨n⟩ by ~c·1e-6).</param>
/// <param name="CovarianceTolerance">Largest accepted covariance change between successive cutoffs (default 1e-4 absolute,
/// well above the steady-state solver's error ~1e-9 and below the 1e-3 scale at which moments are quoted).</param>
/// <param name="MaxHilbertDimension">The search never tries a cutoff whose Hilbert dimension exceeds this (default 10 000:
/// a dense ρ is then 1.6 GB, the most this machine class can hold a few copies of).</param>
public sealed record AutoCutoffOptions(double TailTolerance = 1e-6, double CovarianceTolerance = 1e-4, long MaxHilbertDimension = 10_000)
{
    /// <summary>The smallest cutoff the search starts from (one level cannot show a tail).</summary>
    public const int MinimumCutoff = 2;

    internal void Validate()
    {
        if (!(TailTolerance > 0 && TailTolerance < 1)) throw new ArgumentException($"TailTolerance must lie in (0, 1), got {TailTolerance}", nameof(TailTolerance));
        if (!(CovarianceTolerance > 0)) throw new ArgumentException($"CovarianceTolerance must be positive, got {CovarianceTolerance}", nameof(CovarianceTolerance));
        if (MaxHilbertDimension < MinimumCutoff) throw new ArgumentException($"MaxHilbertDimension must be ≥ {MinimumCutoff}, got {MaxHilbertDimension}", nameof(MaxHilbertDimension));
    }
}
