using BosonicTrajectories.Tests.Cli;

namespace BosonicTrajectories.Tests.Sharding;

/// <summary><c>run --shard I/N</c> + <c>merge</c>: the same bits as one run, and every kind of bad shard set refused by name.</summary>
public class ShardMergeTests
{
    [Test]
    public void ThreeShardsMergedGiveTheSameBitsAsOneRun()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config());
        ShardFixture.AssertOk(cli.Run("run", config, "--out", Path.Combine(cli.Out, "one"), "--threads", "2"));
        var shards = RunShards(cli, config, "shards", 3);
        ShardFixture.AssertOk(cli.Run(["merge", .. shards, "--out", Path.Combine(cli.Out, "merged")]));

        ShardFixture.AssertSameResult(ShardFixture.Folder(cli, "one"), ShardFixture.Folder(cli, "merged"));
        var shard1 = ShardFixture.Manifest(shards[1]);
        Assert.That((long)shard1["trajectories"]!["range"]![0]!, Is.EqualTo(20), "shard 1 of 3 holds [20, 40) of 60");
        Assert.That((long)shard1["trajectories"]!["completed"]!, Is.EqualTo(20));
        Assert.That((int)ShardFixture.Summary(shards[1])["statistics"]!["shard"]!["index"]!, Is.EqualTo(1));
    }

    /// <summary>Shards of one trajectory have no standard error: their summaries say so (null), and they still merge exactly.</summary>
    [Test]
    public void ShardsOfOneTrajectoryEachStillMergeToTheSameBits()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config(trajectories: 3));
        ShardFixture.AssertOk(cli.Run("run", config, "--out", Path.Combine(cli.Out, "one")));
        var shards = RunShards(cli, config, "shards", 3);
        var statistics = ShardFixture.Summary(shards[2])["statistics"]!;
        Assert.That((long)statistics["trajectories"]!, Is.EqualTo(1));
        Assert.That(statistics["maxStandardError"], Is.Null, "no standard error from one trajectory");
        ShardFixture.AssertOk(cli.Run(["merge", .. shards, "--out", Path.Combine(cli.Out, "merged")]));
        ShardFixture.AssertSameResult(ShardFixture.Folder(cli, "one"), ShardFixture.Folder(cli, "merged"));
    }

    [Test]
    public void MergeRefusesAShardOfAnotherSeedNamingIt()
    {
        using var cli = new CliHarness();
        var shards = RunShards(cli, cli.WriteConfig("c", ShardFixture.Config()), "a", 2);
        string other = RunShards(cli, cli.WriteConfig("d", ShardFixture.Config(seed: 6)), "b", 2)[1];
        var (code, _, stderr) = cli.Run("merge", shards[0], other, "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(other).And.Contain("seed 6"));
    }

    [Test]
    public void MergeRefusesAShardOfAnotherConfigNamingIt()
    {
        using var cli = new CliHarness();
        var shards = RunShards(cli, cli.WriteConfig("c", ShardFixture.Config()), "a", 2);
        string other = RunShards(cli, cli.WriteConfig("d", ShardFixture.Config(tEnd: 9)), "b", 2)[1];
        var (code, _, stderr) = cli.Run("merge", shards[0], other, "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(other).And.Contain("different config"));
    }

    [Test]
    public void MergeRefusesADuplicateShardNamingBothFolders()
    {
        using var cli = new CliHarness();
        var shards = RunShards(cli, cli.WriteConfig("c", ShardFixture.Config()), "a", 2);
        string copy = Path.Combine(cli.Folder, "copy-of-shard-1");
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(shards[1])) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var (code, _, stderr) = cli.Run("merge", shards[0], shards[1], copy, "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("shard 1/2 is given more than once").And.Contain(copy).And.Contain(shards[1]));
        Assert.That(Directory.Exists(ShardFixture.Folder(cli, "")), Is.False, "nothing written");
    }

    [Test]
    public void MergeRefusesMissingShardsNamingThem()
    {
        using var cli = new CliHarness();
        var shards = RunShards(cli, cli.WriteConfig("c", ShardFixture.Config()), "a", 4);
        var (code, _, stderr) = cli.Run("merge", shards[0], shards[2], "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("shards 1, 3 of 4 missing").And.Contain("shards.shard-1-of-4"));
    }

    [Test]
    public void MergeRefusesAnUnfinishedShardAndSaysHowToFinishIt()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config(trajectories: 200_000));
        string outDir = Path.Combine(cli.Out, "a");
        var partial = cli.Run("run", config, "--shard", "0/2", "--out", outDir, "--max-wall", "0.3");
        Assert.That(partial.ExitCode, Is.EqualTo(75), "a partial shard exits with EX_TEMPFAIL");
        string folder = Path.Combine(outDir, "shards.shard-0-of-2");
        var (code, _, stderr) = cli.Run("merge", folder, "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(folder).And.Contain("--shard 0/2 --resume").And.Contain("WallClockLimit"));
        Assert.That(stderr, Does.Contain("shard 1 of 2 missing"), "every problem is reported together");
    }

    [Test]
    public void MergeRefusesAFolderThatIsNotAShard()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config());
        ShardFixture.AssertOk(cli.Run("run", config, "--method", "lindblad", "--out", cli.Out));
        string folder = ShardFixture.Folder(cli, "");
        var (code, _, stderr) = cli.Run("merge", folder, "--out", Path.Combine(cli.Folder, "m"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(folder).And.Contain("no shard.json"));
    }

    [Test]
    public void ShardingRefusesAStandardErrorTarget()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config(extraRun: ", \"standardErrorTarget\": 0.5"));
        var (code, _, stderr) = cli.Run("run", config, "--shard", "0/2", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("run.standardErrorTarget"));
    }

    /// <summary>Runs shards 0..n−1 of <paramref name="config"/> into <c>out/sub</c> and returns their folders.</summary>
    internal static string[] RunShards(CliHarness cli, string config, string sub, int n)
    {
        string outDir = Path.Combine(cli.Out, sub);
        var folders = new string[n];
        for (int i = 0; i < n; i++)
        {
            ShardFixture.AssertOk(cli.Run("run", config, "--shard", $"{i}/{n}", "--out", outDir, "--threads", (1 + (i % 2)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            folders[i] = Path.Combine(outDir, $"{ShardFixture.Name}.shard-{i}-of-{n}");
        }
        return folders;
    }
}
