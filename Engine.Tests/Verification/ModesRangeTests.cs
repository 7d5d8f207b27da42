using BosonicTrajectories.Verification;

namespace BosonicTrajectories.Tests.Verification;

public class ModesRangeTests
{
    [TestCase("2..4", 2, 4)]
    [TestCase("3", 3, 3)]
    [TestCase(" 2 .. 6 ", 2, 6)]
    public void ParsesRangesAndSingleCounts(string text, int min, int max) =>
        Assert.That(ModesRange.Parse(text), Is.EqualTo(new ModesRange(min, max)));

    [TestCase("1..3")]
    [TestCase("4..2")]
    [TestCase("two")]
    [TestCase("2..3..4")]
    [TestCase("")]
    [TestCase("-2")]
    public void RejectsInvalidRanges(string text) =>
        Assert.That(() => ModesRange.Parse(text), Throws.ArgumentException.With.Message.Contains("2..4"));

    [Test]
    public void PrintsAsParsed()
    {
        Assert.That(new ModesRange(2, 4).ToString(), Is.EqualTo("2..4"));
        Assert.That(new ModesRange(3, 3).ToString(), Is.EqualTo("3"));
    }
}
