using BosonicTrajectories.Benchmarking;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Tests.Benchmarking;

public class GeometricSweepTests
{
    [Test]
    public void DecadesAreExactAsWritten() =>
        Assert.That(GeometricSweep.Tolerances("1e-3:1e-9", "--tolerances"), Is.EqualTo(new[] { 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9 }));

    [Test]
    public void PointsPerDecadeMayBeFractionalOrSeveral()
    {
        Assert.That(GeometricSweep.Tolerances("1e-2:1e-10:0.5", "--jump-tolerances"), Is.EqualTo(new[] { 1e-2, 1e-4, 1e-6, 1e-8, 1e-10 }));
        var two = GeometricSweep.Tolerances("1e-3:1e-4:2", "--tolerances");
        Assert.That(two, Has.Length.EqualTo(3));
        Assert.That(two[1], Is.EqualTo(Math.Pow(10, -3.5)).Within(1e-15));
    }

    [Test]
    public void StepsHalveDownToTheLastValue() =>
        Assert.That(GeometricSweep.Halvings("0.1:0.0125", "--rk4-steps"), Is.EqualTo(new[] { 0.1, 0.05, 0.025, 0.0125 }));

    [TestCase("1e-9:1e-3")]
    [TestCase("2:1e-3")]
    [TestCase("1e-3")]
    [TestCase("a:b")]
    [TestCase("1e-3:1e-9:0")]
    [TestCase("1:1e-300:10")]
    public void MalformedToleranceRangesNameTheOption(string text)
    {
        var e = Assert.Throws<ConfigException>(() => GeometricSweep.Tolerances(text, "--tolerances"));
        Assert.That(e!.Errors.Single().Path, Is.EqualTo("--tolerances"));
    }

    [TestCase("0.01:0.1")]
    [TestCase("0.1:0")]
    [TestCase("0.1:0.01:2")]
    public void MalformedStepRangesNameTheOption(string text)
    {
        var e = Assert.Throws<ConfigException>(() => GeometricSweep.Halvings(text, "--rk4-steps"));
        Assert.That(e!.Errors.Single().Path, Is.EqualTo("--rk4-steps"));
    }
}
