using BosonicTrajectories.Configuration;
using BosonicTrajectories.Convergence;

namespace BosonicTrajectories.Tests.Convergence;

public class CutoffRangeTests
{
    [TestCase("4:2:14", new[] { 4, 6, 8, 10, 12, 14 })]
    [TestCase("4:3:9", new[] { 4, 7 })]
    [TestCase("5:1:5", new[] { 5 })]
    [TestCase(" 2 : 4 : 10 ", new[] { 2, 6, 10 })]
    public void ParsesTheGrid(string text, int[] expected)
    {
        Assert.That(CutoffRange.Parse(text).Cutoffs, Is.EqualTo(expected));
    }

    [TestCase("8:2:4", "below FROM")]
    [TestCase("abc", "not a cutoff range")]
    [TestCase("4:2", "not a cutoff range")]
    [TestCase("4:2:8:10", "not a cutoff range")]
    [TestCase("4:0:8", "must be ≥ 1")]
    [TestCase("0:1:3", "must be ≥ 1")]
    [TestCase("-2:1:3", "not a cutoff range")]
    [TestCase("1:1:100000", "more than")]
    [TestCase("", "not a cutoff range")]
    public void RejectsBadRangesNamingTheOption(string text, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => CutoffRange.Parse(text))!;
        Assert.That(e.Errors, Has.Count.EqualTo(1));
        Assert.That(e.Errors[0].Path, Is.EqualTo("--cutoffs"));
        Assert.That(e.Errors[0].Message, Does.Contain(reason).And.Contain("FROM:STEP:TO"));
    }
}
