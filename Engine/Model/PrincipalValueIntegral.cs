namespace BosonicTrajectories.Model;

/// <summary>
/// Cauchy principal value I(ω) = P∫_0^∞ f(ε) / (ε − ω) dε for a smooth f that decays on the scale
/// <c>scale</c>. For ω &gt; 0 the pole is removed by subtraction on a symmetric window of half-width
/// δ = min(ω, scale):
/// P∫_{ω−δ}^{ω+δ} f/(ε − ω) = ∫_{ω−δ}^{ω+δ} (f(ε) − f(ω))/(ε − ω) dε (the odd part integrates to zero);
/// the rest is an ordinary integral, the tail [ω + δ, ∞) mapped to [0, 1) by ε = ω + δ + scale·t/(1 − t).
/// For ω ≤ 0 there is no pole on the range and the whole integral is ordinary.
/// </summary>
internal static class PrincipalValueIntegral
{
    /// <summary>Relative to ∫|integrand| on each piece.</summary>
    public const double DefaultRelativeTolerance = 1e-12;

    // Initial subintervals for a finite piece: at most this many, each no longer than the scale.
    private const int MaxInitialPieces = 256;

    // Beyond this many scales a decaying f is taken as zero if it cannot be evaluated.
    private const double FarTail = 1e3;

    /// <summary>P∫_0^∞ f(ε)/(ε − ω) dε. f is never evaluated at ε = 0 or ε = ω.</summary>
    /// <param name="f">The numerator, finite on (0, ∞) and integrable at 0.</param>
    /// <param name="omega">The pole position ω.</param>
    /// <param name="scale">A length on which f varies and decays (e.g. the spectral cutoff); &gt; 0.</param>
    /// <param name="relativeTolerance">Target error relative to ∫|integrand|.</param>
    public static double HalfLine(Func<double, double> f, double omega, double scale, double relativeTolerance = DefaultRelativeTolerance)
    {
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentException($"scale must be positive and finite, got {scale}", nameof(scale));
        if (!double.IsFinite(omega)) throw new ArgumentException($"pole position must be finite, got {omega}", nameof(omega));

        if (omega <= 0) return Tail(f, omega, 0.0, scale, relativeTolerance);

        double delta = Math.Min(omega, scale);
        double fOmega = f(omega);
        if (!double.IsFinite(fOmega))
            throw new NumericalFailureException($"principal-value integral: the integrand is not finite at the pole ε = {omega}");

        double window = GaussKronrodQuadrature.Integrate(
            e => e == omega ? 0.0 : (f(e) - fOmega) / (e - omega),
            [omega - delta, omega, omega + delta], relativeTolerance);
        double left = omega - delta > 0
            ? GaussKronrodQuadrature.Integrate(e => f(e) / (e - omega), Breakpoints(0.0, omega - delta, scale), relativeTolerance)
            : 0.0;
        return left + window + Tail(f, omega, omega + delta, scale, relativeTolerance);
    }

    // ∫_start^∞ f(ε)/(ε − ω) dε with start > ω (or start = 0 ≥ ω), via ε = start + scale·t/(1 − t).
    private static double Tail(Func<double, double> f, double omega, double start, double scale, double relativeTolerance)
    {
        double Mapped(double t)
        {
            double oneMinus = 1.0 - t;
            double e = start + scale * t / oneMinus;
            if (!double.IsFinite(e)) return 0.0;
            double value = f(e) / (e - omega) * scale / (oneMinus * oneMinus);
            // Far in the tail a decaying f can evaluate as ∞·0 = NaN (e.g. ε^s e^{−ε} for ε near overflow).
            return !double.IsFinite(value) && e > FarTail * scale + start ? 0.0 : value;
        }

        return GaussKronrodQuadrature.Integrate(Mapped, [0.0, 0.125, 0.25, 0.5, 0.75, 1.0], relativeTolerance);
    }

    private static double[] Breakpoints(double a, double b, double scale)
    {
        int n = (int)Math.Clamp(Math.Ceiling((b - a) / scale), 1, MaxInitialPieces);
        var points = new double[n + 1];
        for (int i = 0; i <= n; i++) points[i] = a + (b - a) * i / n;
        points[n] = b;
        return points;
    }
}
