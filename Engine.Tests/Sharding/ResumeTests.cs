using BosonicTrajectories.Configuration;
using BosonicTrajectories.Output;
using BosonicTrajectories.Simulation;
using BosonicTrajectories.Tests.Cli;

namespace BosonicTrajectories.Tests.Sharding;

/// <summary>Interruption and <c>--resume</c>: a valid partial result, then the same bits as an uninterrupted run.</summary>
public class ResumeTests
{
    [Test]
    public void AnInterruptedRunResumedGivesTheSameBitsAsOneRun([Values("0/1", "1/2")] string shard)
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config(trajectories: 120));
        string[] shardArgs = shard == "0/1" ? [] : ["--shard", shard];
        ShardFixture.AssertOk(cli.Run(["run", config, "--out", Path.Combine(cli.Out, "one"), .. shardArgs]));

        // Interrupt in-process, as Ctrl-C does: cancel at the first progress report (after the first committed chunk).
        var loaded = ConfigLoader.Load(config);
        using var cancel = new CancellationTokenSource();
        var context = new RunContext(2, (_, _) => cancel.Cancel(), cancel.Token) { Shard = BosonicTrajectories.Sharding.ShardSpec.Parse(shard) };
        var partial = SimulationRunner.Run(loaded, context);
        string outDir = Path.Combine(cli.Out, "resumed");
        string folder = ResultWriter.Write(outDir, partial);
        var manifest = ShardFixture.Manifest(folder);
        long completed = (long)manifest["trajectories"]!["completed"]!;
        Assert.That(completed, Is.InRange(1, 59), "the run stopped part-way");
        Assert.That((string?)manifest["trajectories"]!["stopReason"], Is.EqualTo("Cancelled"));
        var summary = ShardFixture.Summary(folder);
        Assert.That((bool)summary["details"]!["partial"]!, Is.True);
        Assert.That((long)summary["statistics"]!["trajectories"]!, Is.EqualTo(completed), "the partial summary counts what it holds");

        var resumed = cli.Run(["run", config, "--out", outDir, "--resume", .. shardArgs]);
        ShardFixture.AssertOk(resumed);
        Assert.That(resumed.StdOut, Does.Contain($"holds {completed} of {(shard == "0/1" ? 120 : 60)}"));
        string name = Path.GetFileName(folder);
        ShardFixture.AssertSameResult(Path.Combine(cli.Out, "one", name), folder);
    }

    [Test]
    public void AWallClockLimitWritesAPartialResultThatResumeFinishes()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config(trajectories: 100_000));
        var (code, _, stderr) = cli.Run("run", config, "--out", cli.Out, "--max-wall", "0.3");
        Assert.That(code, Is.EqualTo(75));
        Assert.That(stderr, Does.Contain("partial result").And.Contain("--resume"));
        string folder = ShardFixture.Folder(cli, "");
        var statistics = ShardFixture.Summary(folder)["statistics"]!;
        Assert.That((string?)statistics["stopReason"], Is.EqualTo("WallClockLimit"));
        Assert.That((long)statistics["trajectories"]!, Is.LessThan(100_000));
        Assert.That((long)statistics["requested"]!, Is.EqualTo(100_000));

        // Continue with fewer trajectories requested than first asked (an unsharded run may change the count).
        long done = (long)statistics["trajectories"]!;
        long target = done + 24;
        ShardFixture.AssertOk(cli.Run("run", config, "--out", cli.Out, "--resume", "--trajectories", target.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That((long)ShardFixture.Summary(folder)["statistics"]!["trajectories"]!, Is.EqualTo(target));
        Assert.That((string?)ShardFixture.Summary(folder)["statistics"]!["stopReason"], Is.EqualTo("Completed"));
    }

    [Test]
    public void AWallClockLimitBeforeTheFirstTrajectoryIsANumericalFailureSayingWhatToChange()
    {
        using var cli = new CliHarness();
        // tEnd 5000: one trajectory takes far longer than the timer's resolution, so none can finish within 1e-7 s.
        var (code, _, stderr) = cli.Run("run", cli.WriteConfig("c", ShardFixture.Config(tEnd: 5000)), "--out", cli.Out, "--max-wall", "1e-7");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("before the first trajectory finished").And.Contain("raise --max-wall"));
        Assert.That(Directory.Exists(ShardFixture.Folder(cli, "")), Is.False, "nothing written");
    }

    [Test]
    public void ResumeWithoutASavedRunStartsFromScratch()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config());
        var run = cli.Run("run", config, "--out", cli.Out, "--resume");
        ShardFixture.AssertOk(run);
        Assert.That(run.StdOut, Does.Contain("starting from the first trajectory"));
        Assert.That((long)ShardFixture.Summary(ShardFixture.Folder(cli, ""))["statistics"]!["trajectories"]!, Is.EqualTo(60));
    }

    [Test]
    public void ResumeRefusesTheSavedRunOfAnotherConfig()
    {
        using var cli = new CliHarness();
        ShardFixture.AssertOk(cli.Run("run", cli.WriteConfig("c", ShardFixture.Config()), "--out", cli.Out));
        var (code, _, stderr) = cli.Run("run", cli.WriteConfig("d", ShardFixture.Config(tEnd: 9)), "--out", cli.Out, "--resume");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--resume").And.Contain("different config"));
        (code, _, stderr) = cli.Run("run", cli.WriteConfig("e", ShardFixture.Config(seed: 8)), "--out", cli.Out, "--resume");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("seed 5, not 8"));
    }

    [Test]
    public void EnsembleOptionsApplyToTrajectoriesOnly()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config());
        var (code, _, stderr) = cli.Run("run", config, "--method", "lindblad", "--shard", "0/2", "--max-wall", "5", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--shard: applies to method trajectories only").And.Contain("--max-wall: applies"));
        (code, _, stderr) = cli.Run("run", config, "--max-wall", "0", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--max-wall").And.Contain("seconds > 0"));
    }
}
