namespace BosonicTrajectories.Model;

/// <summary>
/// Bath occupation numbers (SPEC §1, seed paper eq. 12): p(ω) = 1 / (ξ + exp((ω − μ)/T)), with ξ = −1 for a
/// Bose–Einstein bath and ξ = +1 for a Fermi–Dirac (spin) bath.
/// </summary>
public static class BathOccupation
{
    /// <summary>ξ of the statistics: −1 for bose, +1 for fermi.</summary>
    public static double Xi(BathStatistics statistics) => statistics switch
    {
        BathStatistics.Bose => -1.0,
        BathStatistics.Fermi => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(statistics), statistics, "unknown bath statistics"),
    };

    /// <summary>
    /// p(ω) = 1 / (ξ + exp((ω − μ)/T)). At T = 0 a bose bath gives 0 (for ω &gt; μ) and a fermi bath gives
    /// 0 above μ, 1 below μ and ½ at ω = μ. Stable for any exponent (no overflow; a bose bath near ω = μ uses
    /// an accurate expm1). A bose bath needs ω &gt; μ.
    /// </summary>
    /// <exception cref="ArgumentException">T &lt; 0, a non-finite argument, or a bose bath with ω ≤ μ.</exception>
    public static double Occupation(BathStatistics s, double temperature, double mu, double omega)
    {
        if (!(temperature >= 0) || double.IsInfinity(temperature))
            throw new ArgumentException($"temperature must be finite and ≥ 0, got {temperature}", nameof(temperature));
        if (!double.IsFinite(mu)) throw new ArgumentException($"chemical potential must be finite, got {mu}", nameof(mu));
        if (!double.IsFinite(omega)) throw new ArgumentException($"frequency must be finite, got {omega}", nameof(omega));

        if (s == BathStatistics.Bose)
        {
            if (omega <= mu)
                throw new ArgumentException(
                    $"a bose bath needs μ < ω at every frequency where it is evaluated; got ω = {omega}, μ = {mu}",
                    nameof(omega));
            if (temperature == 0) return 0.0;
            double x = (omega - mu) / temperature;
            return 1.0 / ExpM1(x); // x > 0; ExpM1 → ∞ for large x gives 0
        }

        if (temperature == 0)
            return omega > mu ? 0.0 : omega < mu ? 1.0 : 0.5;
        double y = (omega - mu) / temperature;
        if (y >= 0)
        {
            double e = Math.Exp(-y); // ≤ 1, underflows gracefully to 0
            return e / (1.0 + e);
        }
        return 1.0 / (1.0 + Math.Exp(y));
    }

    /// <summary>
    /// exp(x) − 1 without cancellation for small |x| (Kahan's trick: (u − 1)·x / ln u with u = e^x rounded);
    /// .NET's double.ExpM1 is computed as Exp(x) − 1 and loses relative accuracy near 0.
    /// </summary>
    internal static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        if (double.IsPositiveInfinity(u)) return u;
        return um1 * x / Math.Log(u);
    }
}
