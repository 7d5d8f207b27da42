using System.Globalization;
using System.Text.Json.Nodes;

namespace BosonicTrajectories.Tests.Cli;

/// <summary>
/// configs/kerr-benchmark.jsonc (the driven Kerr oscillator of the QuTiP comparison) validates and runs, shortened to
/// t ∈ [0, 2], by <c>lindblad</c> and by <c>trajectories</c>; the two agree statistically, and summary.json times the solve.
/// </summary>
public class KerrBenchmarkRunTests
{
    /// <summary>
    /// Trajectory means agree with the density-matrix result within 4 standard errors (fixed seed; ~6e-5 two-sided for
    /// one Gaussian quantity). The band of the series uses the largest SE over its times: at the earliest times few of
    /// the sampled trajectories have jumped, so a pointwise SE underestimates the spread of the mean.
    /// </summary>
    private const double Band = 4;

    /// <summary>Shortened run: a tenth of the benchmark's interval, enough for ⟨n⟩ to rise from 0 to ≈ 2.5.</summary>
    private const string ShortEnd = "2";

    private const string Trajectories = "200";

    [Test]
    public void ConfigValidates()
    {
        using var cli = new CliHarness();
        var (code, stdout, stderr) = cli.Run("validate", CliHarness.RepoConfig("kerr-benchmark.jsonc"));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("kerr-benchmark"));
    }

    [Test]
    public void LindbladAndTrajectoriesAgreeWithinFourStandardErrors()
    {
        using var cli = new CliHarness();
        string config = CliHarness.RepoConfig("kerr-benchmark.jsonc");
        var (code, _, stderr) = cli.Run("run", config, "--method", "lindblad", "--t-end", ShortEnd, "--out", Path.Combine(cli.Out, "me"));
        Assert.That(code, Is.EqualTo(0), stderr);
        (code, _, stderr) = cli.Run("run", config, "--method", "trajectories", "--trajectories", Trajectories, "--seed", "3",
            "--t-end", ShortEnd, "--threads", "2", "--out", Path.Combine(cli.Out, "mc"));
        Assert.That(code, Is.EqualTo(0), stderr);

        var me = Rows(Path.Combine(cli.Out, "me", "kerr-benchmark", "timeseries.csv"));
        var mc = Rows(Path.Combine(cli.Out, "mc", "kerr-benchmark", "timeseries.csv"));
        Assert.That(mc[0], Is.EqualTo(new[] { "t", "n_0", "n_0_se" }));
        Assert.That(mc, Has.Length.EqualTo(me.Length));
        double maxSe = mc.Skip(1).Max(r => Value(r[2]));
        Assert.That(maxSe, Is.GreaterThan(0));
        for (int k = 1; k < mc.Length; k++)
        {
            Assert.That(Value(mc[k][0]), Is.EqualTo(Value(me[k][0])).Within(1e-12));
            Assert.That(Math.Abs(Value(mc[k][1]) - Value(me[k][1])), Is.LessThanOrEqualTo(Band * maxSe), $"t = {mc[k][0]}");
        }
        double finalSe = Value(mc[^1][2]);
        Assert.That(Math.Abs(Value(mc[^1][1]) - Value(me[^1][1])), Is.LessThanOrEqualTo(Band * finalSe), "final ⟨n⟩");
        Assert.That(Value(me[^1][1]), Is.GreaterThan(1), "the drive must have populated the mode by t = 2");

        // The final ⟨a⟩: the largest SE of any tracked final observable bounds the SE of Re⟨a⟩ and Im⟨a⟩.
        var lindblad = Summary(cli, "me");
        var ensemble = Summary(cli, "mc");
        double momentSe = (double)ensemble["statistics"]!["maxStandardError"]!;
        var aExact = lindblad["final"]!["moments"]!["a"]![0]!.AsArray();
        var aMean = ensemble["final"]!["moments"]!["a"]![0]!.AsArray();
        for (int part = 0; part < 2; part++)
            Assert.That(Math.Abs((double)aMean[part]! - (double)aExact[part]!), Is.LessThanOrEqualTo(Band * momentSe), $"⟨a⟩ part {part}");
    }

    [Test]
    public void SummaryTimesTheSolveWithinTheWallTime()
    {
        using var cli = new CliHarness();
        string config = CliHarness.RepoConfig("kerr-benchmark.jsonc");
        foreach (string method in new[] { "lindblad", "trajectories" })
        {
            var (code, _, stderr) = cli.Run("run", config, "--method", method, "--trajectories", "4", "--t-end", "0.5",
                "--out", Path.Combine(cli.Out, method));
            Assert.That(code, Is.EqualTo(0), stderr);
            var timing = Summary(cli, method)["timing"]!;
            double wall = (double)timing["wallSeconds"]!;
            Assert.That(timing["solveSeconds"], Is.Not.Null, method);
            double solve = (double)timing["solveSeconds"]!;
            Assert.That(solve, Is.GreaterThan(0), method);
            Assert.That(solve, Is.LessThanOrEqualTo(wall), method);
        }
    }

    private static JsonNode Summary(CliHarness cli, string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, folder, "kerr-benchmark", "summary.json")))!;

    private static string[][] Rows(string path) => [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(','))];

    private static double Value(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
