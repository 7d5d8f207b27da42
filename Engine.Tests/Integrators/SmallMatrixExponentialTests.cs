using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>The Padé scaling-and-squaring exponential against closed forms.</summary>
public class SmallMatrixExponentialTests
{
    /// <summary>Padé [13/13] is accurate to ~unit round-off times the condition of the squarings.</summary>
    private const double Roundoff = 1e-13;

    private readonly SmallMatrixExponential _expm = new(8);

    [TestCase(0.3)]
    [TestCase(7.0)]
    [TestCase(150.0)]
    public void RotationGeneratorGivesCosinesAndSines(double angle)
    {
        var result = new double[4];
        _expm.Compute([0.0, 1.0, -1.0, 0.0], 2, angle, result);
        // Squaring amplifies round-off by ~ the number of squarings times the angle's size.
        double tolerance = Roundoff * Math.Max(1, angle);
        Assert.That(result[0], Is.EqualTo(Math.Cos(angle)).Within(tolerance));
        Assert.That(result[1], Is.EqualTo(Math.Sin(angle)).Within(tolerance));
        Assert.That(result[2], Is.EqualTo(-Math.Sin(angle)).Within(tolerance));
        Assert.That(result[3], Is.EqualTo(Math.Cos(angle)).Within(tolerance));
    }

    [Test]
    public void JordanBlockGivesTheTimesExponential()
    {
        // exp(s [[λ, 1], [0, λ]]) = e^(λs) [[1, s], [0, 1]]
        const double Lambda = -3.0, S = 2.5;
        var result = new double[4];
        _expm.Compute([Lambda, 1.0, 0.0, Lambda], 2, S, result);
        double e = Math.Exp(Lambda * S);
        Assert.That(result, Is.EqualTo(new[] { e, S * e, 0.0, e }).Within(Roundoff));
    }

    [Test]
    public void StiffDiagonalDecaysWithoutLosingTheSlowMode()
    {
        // ‖sA‖ = 7000 needs 11 squarings, each doubling the relative round-off: ~2^11 · 1e-16 ≈ 2e-13.
        const double SquaringRoundoff = 1e-12;
        var result = new double[9];
        _expm.Compute([-1e4, 0, 0, 0, -1, 0, 0, 0, 0.5], 3, 0.7, result);
        Assert.That(result[0], Is.EqualTo(0.0).Within(1e-300));
        Assert.That(result[4], Is.EqualTo(Math.Exp(-0.7)).Within(SquaringRoundoff));
        Assert.That(result[8], Is.EqualTo(Math.Exp(0.35)).Within(SquaringRoundoff));
    }

    [Test]
    public void UpperTriangularMatchesTheDivideDifferenceFormula()
    {
        // exp([[a, 1], [0, b]]) = [[e^a, (e^a − e^b)/(a − b)], [0, e^b]]
        const double A = 0.4, B = -1.3;
        var result = new double[4];
        _expm.Compute([A, 1.0, 0.0, B], 2, 1.0, result);
        Assert.That(result[1], Is.EqualTo((Math.Exp(A) - Math.Exp(B)) / (A - B)).Within(Roundoff));
    }

    [Test]
    public void SizeBeyondCapacityIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _expm.Compute(new double[81], 9, 1.0, new double[81]));
}
