using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Model;

public class QuadratureTests
{
    // The quadratures target 1e-12 relative to ∫|f|; the integrals below are O(1).
    private const double QuadratureTolerance = 1e-10;

    private const double EulerGamma = 0.57721566490153286061;

    [TestCase(0)]
    [TestCase(7)]
    [TestCase(22)]
    public void GaussKronrod_IntegratesPowers(int k) =>
        Assert.That(GaussKronrodQuadrature.Integrate(x => Math.Pow(x, k), [0.0, 1.0], 1e-13), Is.EqualTo(1.0 / (k + 1)).Within(QuadratureTolerance));

    [Test]
    public void GaussKronrod_HandlesAnIntegrableEndpointSingularity() =>
        Assert.That(GaussKronrodQuadrature.Integrate(x => 1 / Math.Sqrt(x), [0.0, 1.0], 1e-12), Is.EqualTo(2.0).Within(1e-8));

    [Test]
    public void GaussKronrod_UsesBreakpoints() =>
        Assert.That(GaussKronrodQuadrature.Integrate(Math.Sin, [0.0, 1.0, 2.0, Math.PI], 1e-13), Is.EqualTo(2.0).Within(QuadratureTolerance));

    [TestCase(1e-3)]
    [TestCase(0.5)]
    [TestCase(1.3)]
    [TestCase(4.0)]
    [TestCase(12.0)]
    public void PrincipalValue_OfExponential_IsMinusExpTimesEi(double omega)
    {
        // P∫_0^∞ e^{−ε}/(ε − ω) dε = −e^{−ω} Ei(ω) for ω > 0.
        double expected = -Math.Exp(-omega) * Ei(omega);
        double actual = PrincipalValueIntegral.HalfLine(e => Math.Exp(-e), omega, 1.0);
        Assert.That(actual, Is.EqualTo(expected).Within(QuadratureTolerance));
    }

    [TestCase(-0.25)]
    [TestCase(-1.5)]
    public void PrincipalValue_BelowTheRange_IsAnOrdinaryIntegral(double omega)
    {
        // ∫_0^∞ e^{−ε}/(ε + |ω|) dε = e^{|ω|} E1(|ω|).
        double w = -omega;
        Assert.That(PrincipalValueIntegral.HalfLine(e => Math.Exp(-e), omega, 1.0), Is.EqualTo(Math.Exp(w) * E1(w)).Within(QuadratureTolerance));
    }

    [Test]
    public void PrincipalValue_ScalesWithTheDecayLength()
    {
        // P∫ e^{−ε/L}/(ε − ω) dε = P∫ e^{−x}/(x − ω/L) dx; the scale argument must not change the answer.
        double l = 0.05, omega = 0.3;
        double expected = -Math.Exp(-omega / l) * Ei(omega / l);
        Assert.That(PrincipalValueIntegral.HalfLine(e => Math.Exp(-e / l), omega, l), Is.EqualTo(expected).Within(QuadratureTolerance));
        Assert.That(PrincipalValueIntegral.HalfLine(e => Math.Exp(-e / l), omega, 1.0), Is.EqualTo(expected).Within(1e-8));
    }

    /// <summary>Ei(x) = γ + ln x + Σ_k x^k/(k·k!) for x &gt; 0 (all terms positive: no cancellation).</summary>
    internal static double Ei(double x)
    {
        double sum = 0, term = 1;
        for (int k = 1; k < 200; k++)
        {
            term *= x / k;
            sum += term / k;
            if (term / k < 1e-17 * sum) break;
        }
        return EulerGamma + Math.Log(x) + sum;
    }

    /// <summary>E1(x) = −γ − ln x − Σ_k (−x)^k/(k·k!) (accurate for x ≲ 3).</summary>
    internal static double E1(double x)
    {
        double sum = 0, term = 1;
        for (int k = 1; k < 200; k++)
        {
            term *= -x / k;
            sum += term / k;
        }
        return -EulerGamma - Math.Log(x) - sum;
    }
}
