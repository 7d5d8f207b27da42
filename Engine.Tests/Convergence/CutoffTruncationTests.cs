using BosonicTrajectories.Configuration;
using BosonicTrajectories.Convergence;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Convergence;

public class CutoffTruncationTests
{
    [Test]
    public void PerModeConfigGetsTheCutoffOnEveryModeAndItsJsonSaysSo()
    {
        var config = ConfigLoader.Parse(ConvergenceTestConfigs.TwoModeThermalMachine
            .Replace("INITIAL", """{ "vacuum": {} }""", StringComparison.Ordinal)
            .Replace("\"perMode\": 14", "\"perMode\": [14, 9]", StringComparison.Ordinal));
        var changed = CutoffTruncation.Apply(config, 7);
        Assert.That(((PerModeTruncation)changed.Truncation).Levels, Is.EqualTo(new[] { 7, 7 }));
        Assert.That(changed.NormalizedJson["truncation"]!.ToJsonString(), Is.EqualTo("""{"perMode":7}"""));
        Assert.That(config.NormalizedJson["truncation"]!["perMode"]!.AsArray(), Has.Count.EqualTo(2), "the original config is untouched");
        Assert.That(ConfigLoader.Parse(changed.NormalizedJson.ToJsonString()).Truncation, Is.EqualTo(changed.Truncation), "the JSON reloads to the same truncation");
    }

    [Test]
    public void TotalExcitationConfigGetsKEqualToTheCutoff()
    {
        var config = ConvergenceTestConfigs.Machine();
        config = config with { Truncation = new TotalExcitationTruncation(20) };
        var changed = CutoffTruncation.Apply(config, 9);
        Assert.That(changed.Truncation, Is.EqualTo(new TotalExcitationTruncation(9)));
        Assert.That(changed.NormalizedJson["truncation"]!.ToJsonString(), Is.EqualTo("""{"totalExcitations":9}"""));
    }

    [TestCase(1, 7)]
    [TestCase(2, 5)]
    [TestCase(3, 4)]
    [TestCase(4, 6)]
    public void HilbertDimensionMatchesTheBuiltSpace(int modes, int cutoff)
    {
        foreach (Truncation kind in new Truncation[] { new PerModeTruncation([1]), new TotalExcitationTruncation(1) })
        {
            var truncation = CutoffTruncation.Of(kind, cutoff, modes);
            Assert.That(CutoffTruncation.HilbertDimension(kind, cutoff, modes), Is.EqualTo(new FockSpace(truncation, modes).Dimension), kind.GetType().Name);
        }
    }

    [Test]
    public void HilbertDimensionClosedForms()
    {
        Assert.That(CutoffTruncation.HilbertDimension(new PerModeTruncation([1]), 20, 2), Is.EqualTo(400));
        Assert.That(CutoffTruncation.HilbertDimension(new TotalExcitationTruncation(1), 25, 2), Is.EqualTo(351), "C(27, 2)");
        Assert.That(CutoffTruncation.HilbertDimension(new TotalExcitationTruncation(1), 10, 3), Is.EqualTo(286), "C(13, 3)");
    }
}
