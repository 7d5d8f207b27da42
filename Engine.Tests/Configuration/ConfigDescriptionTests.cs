using System.Collections.Immutable;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Configuration.ConfigTestSupport;

namespace BosonicTrajectories.Tests.Configuration;

public class ConfigDescriptionTests
{
    [Test]
    public void DescribesTheDefaultConfig()
    {
        string text = ConfigDescription.Describe(ConfigLoader.Default());
        Assert.That(text, Does.Contain("hot-cold-cat"));
        Assert.That(text, Does.Contain("A = {0}, B = {1}"));
        Assert.That(text, Does.Contain("[[1, 0.1], [0.1, 1.2]]"));
        Assert.That(text, Does.Contain("bose, T = 2"));
        Assert.That(text, Does.Contain("Hilbert dimension 400"));
        Assert.That(text, Does.Contain("cat alpha = 2"));
        Assert.That(text, Does.Contain("dopri5"));
        Assert.That(text.Split('\n'), Has.Length.LessThan(25), "one screen");
    }

    [Test]
    public void DescribesALindbladModel()
    {
        var tree = LindbladTree();
        tree["model"]!["jumps"] = Json("""[ { "rate": 1, "ops": "a0 a0" } ]""");
        string text = ConfigDescription.Describe(Parse(tree));
        Assert.That(text, Does.Contain("explicit Lindblad"));
        Assert.That(text, Does.Contain("jumps[0]"));
    }

    [TestCase(new[] { 20, 20 }, 400L)]
    [TestCase(new[] { 3, 4, 5 }, 60L)]
    public void PerModeDimensionIsTheProduct(int[] levels, long expected) =>
        Assert.That(ConfigDescription.HilbertDimension(new PerModeTruncation([.. levels]), levels.Length), Is.EqualTo(expected));

    [TestCase(2, 25, 351L)]   // C(27, 2)
    [TestCase(3, 4, 35L)]     // C(7, 3)
    [TestCase(1, 9, 10L)]     // C(10, 1)
    public void TotalExcitationDimensionIsBinomial(int modes, int k, long expected) =>
        Assert.That(ConfigDescription.HilbertDimension(new TotalExcitationTruncation(k), modes), Is.EqualTo(expected));

    [Test]
    public void OverflowingDimensionIsNull() =>
        Assert.That(ConfigDescription.HilbertDimension(new PerModeTruncation(Enumerable.Repeat(1000, 10).ToImmutableArray()), 10), Is.Null);
}
