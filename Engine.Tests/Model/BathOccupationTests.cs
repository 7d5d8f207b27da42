using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Model;

public class BathOccupationTests
{
    // Closed forms evaluated in double precision agree to a few ulps: 1e-14 relative, written in percent.
    private const double RoundoffPercent = 1e-12;

    [TestCase(0.5, 1.0, 0.0)]
    [TestCase(2.0, 1.0, -0.3)]
    [TestCase(0.2, 3.0, 0.5)]
    public void Bose_IsBoseEinstein(double temperature, double omega, double mu)
    {
        double expected = 1.0 / (Math.Exp((omega - mu) / temperature) - 1.0);
        Assert.That(BathOccupation.Occupation(BathStatistics.Bose, temperature, mu, omega), Is.EqualTo(expected).Within(RoundoffPercent).Percent);
    }

    [TestCase(0.5, 1.0, 0.0)]
    [TestCase(2.0, -1.0, 0.0)]
    [TestCase(0.2, 3.0, 0.5)]
    public void Fermi_IsFermiDirac(double temperature, double omega, double mu)
    {
        double expected = 1.0 / (Math.Exp((omega - mu) / temperature) + 1.0);
        Assert.That(BathOccupation.Occupation(BathStatistics.Fermi, temperature, mu, omega), Is.EqualTo(expected).Within(RoundoffPercent).Percent);
    }

    [Test]
    public void ZeroTemperature_IsAStepFunction()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BathOccupation.Occupation(BathStatistics.Bose, 0.0, 0.0, 1.0), Is.EqualTo(0.0));
            Assert.That(BathOccupation.Occupation(BathStatistics.Bose, 0.0, 0.9, 1.0), Is.EqualTo(0.0));
            Assert.That(BathOccupation.Occupation(BathStatistics.Fermi, 0.0, 0.0, 1.0), Is.EqualTo(0.0));
            Assert.That(BathOccupation.Occupation(BathStatistics.Fermi, 0.0, 0.0, -1.0), Is.EqualTo(1.0));
            Assert.That(BathOccupation.Occupation(BathStatistics.Fermi, 0.0, 0.3, 0.3), Is.EqualTo(0.5));
        });
    }

    [Test]
    public void Fermi_AtTheChemicalPotential_IsOneHalf() =>
        Assert.That(BathOccupation.Occupation(BathStatistics.Fermi, 0.7, 0.4, 0.4), Is.EqualTo(0.5));

    [Test]
    public void LargeExponents_UnderflowToZeroOrOneWithoutNaN()
    {
        Assert.Multiple(() =>
        {
            // (ω − μ)/T = 1e6: e^{−x} underflows; the answer is 0, not NaN.
            Assert.That(BathOccupation.Occupation(BathStatistics.Bose, 1e-6, 0.0, 1.0), Is.EqualTo(0.0));
            Assert.That(BathOccupation.Occupation(BathStatistics.Fermi, 1e-6, 0.0, 1.0), Is.EqualTo(0.0));
            Assert.That(BathOccupation.Occupation(BathStatistics.Fermi, 1e-6, 0.0, -1.0), Is.EqualTo(1.0));
            // x = 700 is still representable: p = e^{−700}/(1 ∓ e^{−700}) ≈ e^{−700}.
            Assert.That(BathOccupation.Occupation(BathStatistics.Bose, 1.0, 0.0, 700.0), Is.EqualTo(Math.Exp(-700)).Within(RoundoffPercent).Percent);
            Assert.That(BathOccupation.Occupation(BathStatistics.Fermi, 1.0, 0.0, 700.0), Is.EqualTo(Math.Exp(-700)).Within(RoundoffPercent).Percent);
        });
    }

    [Test]
    public void Bose_NearTheChemicalPotential_IsAccurate()
    {
        // p = 1/(e^x − 1) = 1/x − 1/2 + x/12 − …; naive Exp(x) − 1 would lose ~6 digits at x = 1e-10.
        double x = 1e-10;
        double expected = 1.0 / x - 0.5 + x / 12;
        Assert.That(BathOccupation.Occupation(BathStatistics.Bose, 1.0, 0.0, x), Is.EqualTo(expected).Within(RoundoffPercent).Percent);
    }

    [Test]
    public void ExpM1_IsAccurateAcrossScales()
    {
        foreach (double x in new[] { -1e-12, 1e-8, 1e-3, 0.3, -2.0, 5.0 })
        {
            double series = x + x * x / 2 + x * x * x / 6 + x * x * x * x / 24;
            double expected = Math.Abs(x) < 1e-2 ? series : Math.Exp(x) - 1.0;
            Assert.That(BathOccupation.ExpM1(x), Is.EqualTo(expected).Within(RoundoffPercent).Percent, $"x = {x}");
        }
    }

    [Test]
    public void Bose_AtOrBelowTheChemicalPotential_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => BathOccupation.Occupation(BathStatistics.Bose, 1.0, 1.0, 1.0));
        Assert.Throws<ArgumentException>(() => BathOccupation.Occupation(BathStatistics.Bose, 0.0, 2.0, 1.0));
        Assert.Throws<ArgumentException>(() => BathOccupation.Occupation(BathStatistics.Fermi, -1.0, 0.0, 1.0));
    }
}
