using BosonicTrajectories.Tests.Cli;

namespace BosonicTrajectories.Tests.Sharding;

/// <summary>The config's ensemble options: a standard-error target and the time-averaged steady-state window.</summary>
public class EnsembleStoppingTests
{
    /// <summary>Standard errors of the thermal steady-state occupations below are ~0.05 after 32 trajectories; a target of
    /// 0.5 is met at the first check (after 32, the minimum count), one of 1e-9 never is.</summary>
    [Test]
    public void AStandardErrorTargetStopsAtTheFirstChunkBelowIt()
    {
        using var cli = new CliHarness();
        ShardFixture.AssertOk(cli.Run("run", cli.WriteConfig("c", ShardFixture.Config(extraRun: ", \"standardErrorTarget\": 0.5")), "--out", cli.Out));
        var statistics = ShardFixture.Summary(ShardFixture.Folder(cli, ""))["statistics"]!;
        Assert.That((string?)statistics["stopReason"], Is.EqualTo("StandardErrorTarget"));
        Assert.That((long)statistics["trajectories"]!, Is.EqualTo(32));
        Assert.That((double)statistics["maxStandardError"]!, Is.LessThan(0.5));

        ShardFixture.AssertOk(cli.Run("run", cli.WriteConfig("d", ShardFixture.Config(extraRun: ", \"standardErrorTarget\": 1e-9")), "--out", cli.Out));
        statistics = ShardFixture.Summary(ShardFixture.Folder(cli, ""))["statistics"]!;
        Assert.That((string?)statistics["stopReason"], Is.EqualTo("Completed"));
        Assert.That((long)statistics["trajectories"]!, Is.EqualTo(60));
    }

    /// <summary>
    /// Relaxation rate of the slowest mode ≈ 0.2, so after t = 30 the memory of the initial state is below e^{−6}·n₀ ≈ 0.003;
    /// the window estimate over [30, 120] must match the exact (Lyapunov) steady-state occupations within 4 standard errors
    /// plus that bias plus the truncation error of cutoff 7 at these temperatures (~1e-3).
    /// </summary>
    [Test]
    public void TheTimeAveragedSteadyStateMatchesTheLyapunovOccupations()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config(trajectories: 200, tEnd: 120, extraRun: ", \"steadyStateFrom\": 30")
            .Replace("\"samples\": 5", "\"samples\": 61", StringComparison.Ordinal));
        ShardFixture.AssertOk(cli.Run("run", config, "--out", cli.Out));
        var summary = ShardFixture.Summary(ShardFixture.Folder(cli, ""));
        var steady = summary["statistics"]!["steadyState"]!;
        Assert.That((int)steady["outputTimes"]!, Is.EqualTo(46), "output times 30, 32, …, 120");
        for (int i = 0; i < 2; i++)
        {
            double estimate = (double)steady["occupations"]![i]!, se = (double)steady["standardErrors"]![i]!;
            double exact = (double)summary["gaussianSteadyState"]!["adaggerA"]![i]![i]![0]!;
            Assert.That(se, Is.GreaterThan(0).And.LessThan(0.05));
            Assert.That(Math.Abs(estimate - exact), Is.LessThan((4 * se) + 0.005), $"mode {i}");
        }
    }

    [TestCase("\"standardErrorTarget\": 0.1", "lindblad", "run.standardErrorTarget", "applies to method \"trajectories\" only")]
    [TestCase("\"steadyStateFrom\": 8", "trajectories", "run.steadyStateFrom", "0 ≤ t < tEnd")]
    [TestCase("\"standardErrorTarget\": -1", "trajectories", "run.standardErrorTarget", "> 0")]
    public void BadEnsembleOptionsNameTheirPath(string option, string method, string path, string valid)
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config(extraRun: ", " + option)
            .Replace("\"method\": \"trajectories\"", $"\"method\": \"{method}\"", StringComparison.Ordinal));
        var (code, _, stderr) = cli.Run("validate", config);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(path).And.Contain(valid));
    }
}
