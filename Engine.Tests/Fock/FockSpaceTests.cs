using System.Collections.Immutable;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Fock;

public class FockSpaceTests
{
    private static FockSpace PerMode(params int[] levels) => new(new PerModeTruncation([.. levels]), levels.Length);

    private static FockSpace Total(int maxTotal, int modes) => new(new TotalExcitationTruncation(maxTotal), modes);

    private static IEnumerable<FockSpace> Spaces()
    {
        yield return PerMode(3, 4, 2);
        yield return PerMode(5);
        yield return PerMode(1, 3);
        yield return Total(4, 3);
        yield return Total(6, 1);
        yield return Total(0, 2);
    }

    [TestCaseSource(nameof(Spaces))]
    public void IndexRoundTripsThroughOccupations(FockSpace space)
    {
        for (int index = 0; index < space.Dimension; index++)
            Assert.That(space.IndexOf(space.Occupations(index)), Is.EqualTo(index));
    }

    [TestCaseSource(nameof(Spaces))]
    public void BasisStatesAreDistinctAndInsideTheTruncation(FockSpace space)
    {
        var seen = new HashSet<string>();
        for (int index = 0; index < space.Dimension; index++)
        {
            int total = 0;
            for (int mode = 0; mode < space.Modes; mode++)
            {
                int n = space.Occupation(index, mode);
                Assert.That(n, Is.InRange(0, space.MaxLevel(mode)));
                total += n;
            }
            Assert.That(space.TotalExcitations(index), Is.EqualTo(total));
            Assert.That(total, Is.LessThanOrEqualTo(space.MaxTotalExcitations));
            Assert.That(seen.Add(string.Join(',', space.Occupations(index).ToArray())), Is.True);
        }
    }

    [TestCaseSource(nameof(Spaces))]
    public void SectorsPartitionTheBasisByTotalExcitation(FockSpace space)
    {
        var all = new List<int>();
        for (int n = 0; n < space.Sectors.Length; n++)
        {
            foreach (int index in space.Sectors[n]) Assert.That(space.SectorOf(index), Is.EqualTo(n));
            Assert.That(space.Sectors[n], Is.Ordered);
            all.AddRange(space.Sectors[n]);
        }
        Assert.That(all.Order(), Is.EqualTo(Enumerable.Range(0, space.Dimension)));
    }

    [Test]
    public void PerModeIndexIsMixedRadixWithModeZeroMostSignificant()
    {
        var space = PerMode(3, 4, 2);
        Assert.That(space.Dimension, Is.EqualTo(24));
        for (int n0 = 0; n0 < 3; n0++)
            for (int n1 = 0; n1 < 4; n1++)
                for (int n2 = 0; n2 < 2; n2++)
                    Assert.That(space.IndexOf([n0, n1, n2]), Is.EqualTo((((n0 * 4) + n1) * 2) + n2));
        Assert.That(space.MaxLevel(1), Is.EqualTo(3));
    }

    [Test]
    public void TotalExcitationSectorsAreContiguousAndLexicographic()
    {
        const int modes = 3, maxTotal = 4;
        var space = Total(maxTotal, modes);
        Assert.That(space.Dimension, Is.EqualTo(35));   // C(K + d, d) = C(7, 3)
        int start = 0;
        for (int n = 0; n <= maxTotal; n++)
        {
            int size = (n + 1) * (n + 2) / 2;           // C(n + d − 1, d − 1) for d = 3
            Assert.That(space.Sectors[n], Is.EqualTo(Enumerable.Range(start, size)));
            for (int k = start + 1; k < start + size; k++)
                Assert.That(Compare(space.Occupations(k - 1), space.Occupations(k)), Is.Negative);
            start += size;
        }
        Assert.That(space.IndexOf([0, 0, 1]), Is.EqualTo(1));
        Assert.That(space.IndexOf([1, 0, 0]), Is.EqualTo(3));
    }

    [Test]
    public void IndexOfReturnsMinusOneOutsideTheSpace()
    {
        var perMode = PerMode(3, 2);
        Assert.That(perMode.IndexOf([3, 0]), Is.EqualTo(-1));
        Assert.That(perMode.IndexOf([0, 2]), Is.EqualTo(-1));
        Assert.That(perMode.IndexOf([-1, 0]), Is.EqualTo(-1));
        var total = Total(3, 2);
        Assert.That(total.IndexOf([2, 2]), Is.EqualTo(-1));
        Assert.That(total.IndexOf([0, 4]), Is.EqualTo(-1));
        Assert.That(total.Contains([1, 2]), Is.True);
        Assert.Throws<ArgumentException>(() => total.IndexOf([1, 1, 1]));
    }

    [Test]
    public void TopLevelMarksStatesThatCreationLeaves()
    {
        var perMode = PerMode(3, 2);
        Assert.That(perMode.IsTopLevel(perMode.IndexOf([2, 0]), 0), Is.True);
        Assert.That(perMode.IsTopLevel(perMode.IndexOf([2, 0]), 1), Is.False);
        Assert.That(perMode.IsTopLevel(perMode.IndexOf([1, 1]), 1), Is.True);
        var total = Total(3, 2);
        Assert.That(total.IsTopLevel(total.IndexOf([1, 2]), 0), Is.True);
        Assert.That(total.IsTopLevel(total.IndexOf([1, 1]), 0), Is.False);
    }

    [Test]
    public void SingleLevelEntryAppliesToEveryMode()
    {
        var space = new FockSpace(new PerModeTruncation([4]), 2);
        Assert.That(space.Dimension, Is.EqualTo(16));
        Assert.That(space.MaxLevel(1), Is.EqualTo(3));
    }

    [Test]
    public void RejectsInvalidTruncations()
    {
        Assert.Throws<ArgumentException>(() => new FockSpace(new PerModeTruncation([3, 3, 3]), 2));
        Assert.Throws<ArgumentException>(() => new FockSpace(new PerModeTruncation([3, 0]), 2));
        Assert.Throws<ArgumentException>(() => new FockSpace(new TotalExcitationTruncation(-1), 2));
        Assert.Throws<ArgumentException>(() => new FockSpace(new PerModeTruncation([3]), 0));
        Assert.Throws<ArgumentException>(() => new FockSpace(new PerModeTruncation(ImmutableArray.Create(100000, 100000)), 2));
    }

    private static int Compare(ReadOnlySpan<int> x, ReadOnlySpan<int> y) => x.SequenceCompareTo(y);
}
