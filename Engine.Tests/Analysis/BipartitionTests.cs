using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Analysis;

public class BipartitionTests
{
    private static readonly Party[] ThreeParties =
        [new("A", [0]), new("B", [1, 2]), new("C", [3])];

    [Test]
    public void TwoPartiesGiveOneSplitEitherWay()
    {
        Party[] two = [new("A", [0]), new("B", [1])];
        Assert.That(Bipartition.Enumerate(two, BipartitionChoice.Parties), Has.Length.EqualTo(1));
        Assert.That(Bipartition.Enumerate(two, BipartitionChoice.All), Has.Length.EqualTo(1));
        Assert.That(Bipartition.Enumerate(two, BipartitionChoice.Parties)[0].Label, Is.EqualTo("A|B"));
    }

    [Test]
    public void ThreePartiesEachVersusTheRest()
    {
        var splits = Bipartition.Enumerate(ThreeParties, BipartitionChoice.Parties);
        Assert.That(splits.Select(s => s.Label), Is.EquivalentTo(new[] { "B+C|A", "A+C|B", "A+B|C" }.Select(Normalise)));
        var b = splits.Single(s => s.SideB.SequenceEqual(["B"]));
        Assert.That(b.ModesB, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(b.ModesA, Is.EqualTo(new[] { 0, 3 }));
    }

    [Test]
    public void AllSplitsOfFourPartiesAreSevenAndDistinct()
    {
        Party[] four = [new("A", [0]), new("B", [1]), new("C", [2]), new("D", [3])];
        var splits = Bipartition.Enumerate(four, BipartitionChoice.All);
        Assert.That(splits, Has.Length.EqualTo(7));
        Assert.That(splits.Select(s => string.Join(",", s.ModesB)).Distinct().Count(), Is.EqualTo(7));
        Assert.That(splits.All(s => s.SideA.Contains("A")), "party A is always on side A");
    }

    [Test]
    public void OnePartyHasNoSplit() =>
        Assert.That(Bipartition.Enumerate([new Party("A", [0, 1])], BipartitionChoice.All), Is.Empty);

    // Side A always holds the first party, so "B+C|A" is reported as "A|B+C".
    private static string Normalise(string label) => label switch
    {
        "B+C|A" => "A|B+C",
        _ => label,
    };
}
