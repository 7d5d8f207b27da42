using BosonicTrajectories.Configuration;
using BosonicTrajectories.Sharding;

namespace BosonicTrajectories.Tests.Sharding;

/// <summary>The shard contract: shard I of N is the contiguous block [⌊I·T/N⌋, ⌊(I+1)·T/N⌋), so the shards partition [0, T).</summary>
public class ShardSpecTests
{
    [Test]
    public void ShardsPartitionTheTrajectoriesIntoContiguousNearlyEqualBlocks(
        [Values(0, 1, 7, 100, 1001)] int total, [Values(1, 2, 3, 7, 16)] int count)
    {
        long next = 0;
        for (int i = 0; i < count; i++)
        {
            var range = new ShardSpec(i, count).Range(total);
            Assert.That(range.Start, Is.EqualTo(next), $"shard {i} starts where shard {i - 1} ended");
            Assert.That(range.Count, Is.InRange(total / count, (total / count) + 1), "block sizes differ by at most one");
            next = range.End;
        }
        Assert.That(next, Is.EqualTo(total));
    }

    [TestCase("0/1", 0, 1)]
    [TestCase("2/3", 2, 3)]
    [TestCase("15/16", 15, 16)]
    public void ParsesIOverN(string text, int index, int count) =>
        Assert.That(ShardSpec.Parse(text), Is.EqualTo(new ShardSpec(index, count)));

    [TestCase("3/3")]
    [TestCase("1/0")]
    [TestCase("-1/3")]
    [TestCase("1")]
    [TestCase("a/b")]
    [TestCase("1/2/3")]
    public void RefusesAnythingElseNamingTheOption(string text)
    {
        var e = Assert.Throws<ConfigException>(() => ShardSpec.Parse(text))!;
        Assert.That(e.Errors[0].Path, Is.EqualTo("--shard"));
        Assert.That(e.Errors[0].Message, Does.Contain("0 ≤ I < N"));
    }

    [Test]
    public void FolderNamesCarryTheShardExceptForTheWholeEnsemble()
    {
        Assert.That(ShardSpec.Whole.FolderName("cat"), Is.EqualTo("cat"));
        Assert.That(new ShardSpec(2, 5).FolderName("cat"), Is.EqualTo("cat.shard-2-of-5"));
    }
}
