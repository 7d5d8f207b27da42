using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// Confidence intervals for nonlinear statistics of the finite-sample ensemble density matrix
/// ρ̂ = (1/n) Σ_k |ψ_k⟩⟨ψ_k| by the delete-group jackknife over the G groups kept in <see cref="EnsembleSums"/>
/// (trajectory k is in group (k / ChunkSize) mod G, so groups are interleaved blocks of consecutive trajectories and
/// independent). Groups may differ in size (an ensemble stopped mid-round), so the weighted delete-m_g jackknife of
/// Busing, Meijer and van der Leeden (1999) is used: with h_g = n/m_g and θ_(−g) the statistic without group g,
/// θ_J = G θ̂ − Σ_g (1 − m_g/n) θ_(−g) and SE² = (1/G) Σ_g (h_g θ̂ − (h_g − 1) θ_(−g) − θ_J)² / (h_g − 1);
/// for equal groups these are the usual jackknife formulas. Costs G + 1 evaluations of the statistic.
/// Memory of the group sums: G · D(D+1)/2 · 32 bytes per density time (20 groups at D = 1000: 320 MB).
/// </summary>
public static class EnsembleJackknife
{
    /// <summary>Default interval half-width in standard errors.</summary>
    public const double DefaultWidth = 4;

    /// <summary>Jackknife estimate of <paramref name="statistic"/>(ρ̂) at density slot <paramref name="slot"/>.</summary>
    /// <param name="statistic">A function of a row-major D×D density matrix.</param>
    public static JackknifeEstimate Estimate(EnsembleSums sums, int slot, Func<Complex[], double> statistic, double width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(statistic);
        if (!(width > 0)) throw new ArgumentException($"width = {width} must be positive", nameof(width));
        long n = sums.Count;
        double full = statistic(sums.DensityMatrix(slot));
        var groups = Enumerable.Range(0, sums.JackknifeGroups).Where(g => sums.GroupCount(g) > 0 && sums.GroupCount(g) < n).ToArray();
        int count = groups.Length;
        if (count < 2)
            return new JackknifeEstimate(full, full, double.NaN, double.NaN, double.NaN, width, n, count, double.PositiveInfinity);

        var leaveOut = groups.Select(g => statistic(sums.DensityMatrix(slot, g))).ToArray();
        double corrected = count * full;
        for (int i = 0; i < count; i++) corrected -= (1 - ((double)sums.GroupCount(groups[i]) / n)) * leaveOut[i];
        double variance = 0;
        for (int i = 0; i < count; i++)
        {
            double h = (double)n / sums.GroupCount(groups[i]);
            double pseudo = (h * full) - ((h - 1) * leaveOut[i]);
            variance += (pseudo - corrected) * (pseudo - corrected) / (h - 1);
        }
        double se = Math.Sqrt(variance / count);
        double needed = corrected == 0 ? double.PositiveInfinity : n * Math.Pow(width * se / Math.Abs(corrected), 2);
        return new JackknifeEstimate(full, corrected, se, corrected - (width * se), corrected + (width * se), width, n, count, needed);
    }

    /// <summary>
    /// Jackknife interval of the log-negativity E_N = ln‖ρ^{T_B}‖₁ of the ensemble ρ across
    /// (modes not in <paramref name="sideB"/>) | <paramref name="sideB"/> (<see cref="DensityMatrixEntanglement.Negativity(ReadOnlySpan{Complex}, FockSpace, IReadOnlyCollection{int}, bool, double)"/>).
    /// </summary>
    public static JackknifeEstimate LogNegativity(
        EnsembleSums sums, int slot, FockSpace space, IReadOnlyCollection<int> sideB, double width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(sideB);
        var basis = new BipartiteProductBasis(space, sideB);
        return Estimate(sums, slot, rho => DensityMatrixEntanglement.Negativity(rho, basis).LogNegativity, width);
    }
}
