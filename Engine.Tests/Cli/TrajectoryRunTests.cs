using System.Globalization;
using System.Text.Json.Nodes;

namespace BosonicTrajectories.Tests.Cli;

/// <summary>The trajectories method end to end: statistics, standard-error columns, agreement with lindblad, thread independence.</summary>
public class TrajectoryRunTests
{
    /// <summary>Means agree with the density-matrix result within 4 standard errors (a fixed seed; ~6e-5 two-sided per point).</summary>
    private const double Band = 4;

    private const string Machine = """
        {
          "name": "small",
          "modes": 2,
          "model": {
            "kind": "thermalMachine",
            "hamiltonian": { "frequencies": [1.0, 1.2], "hoppings": [ { "modes": [0, 1], "rate": [0.1, 0.05] } ] },
            "parties": [ { "name": "A", "modes": [0] }, { "name": "B", "modes": [1] } ],
            "baths": [
              { "party": "A", "statistics": "bose", "temperature": 0.6, "spectralDensity": { "kind": "flat", "kappa": 0.1 } },
              { "party": "B", "statistics": "fermi", "temperature": 0.2, "spectralDensity": { "kind": "flat", "kappa": 0.1 } }
            ]
          },
          "truncation": { "perMode": 10 },
          "initialState": { "product": [ { "fock": { "n": 2 } }, { "thermal": { "nbar": 0.2 } } ] },
          "run": { "method": "trajectories", "tEnd": 20, "samples": 11, "trajectories": 300, "seed": 11 }
        }
        """;

    [Test]
    public void MeansAgreeWithLindbladWithinFourStandardErrorsAtEveryOutputTime()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("small", Machine);
        var (code, _, stderr) = cli.Run("run", config, "--out", Path.Combine(cli.Out, "mc"));
        Assert.That(code, Is.EqualTo(0), stderr);
        (code, _, stderr) = cli.Run("run", config, "--method", "lindblad", "--out", Path.Combine(cli.Out, "me"));
        Assert.That(code, Is.EqualTo(0), stderr);

        var mc = Rows(Path.Combine(cli.Out, "mc", "small", "timeseries.csv"));
        var me = Rows(Path.Combine(cli.Out, "me", "small", "timeseries.csv"));
        Assert.That(mc[0], Is.EqualTo(new[] { "t", "n_0", "n_1", "n_0_se", "n_1_se" }));
        for (int k = 1; k < mc.Length; k++)
            for (int i = 0; i < 2; i++)
            {
                double mean = Value(mc[k][1 + i]), se = Value(mc[k][3 + i]), exact = Value(me[k][1 + i]);
                Assert.That(Math.Abs(mean - exact), Is.LessThanOrEqualTo(Band * se + 1e-12), $"t = {mc[k][0]}, mode {i}");
            }

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "mc", "small", "summary.json")))!;
        Assert.That((long)summary["statistics"]!["trajectories"]!, Is.EqualTo(300));
        Assert.That((ulong)summary["statistics"]!["seed"]!, Is.EqualTo(11UL));
        Assert.That((string?)summary["verdict"], Is.Not.EqualTo("entangled"), "a thermal machine; the interval must not exclude 0");
        Assert.That(summary["entanglement"]![0]!["logNegativityInterval"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public void OneAndTwoThreadsWriteIdenticalResults()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("small", Machine.Replace("\"trajectories\": 300", "\"trajectories\": 40", StringComparison.Ordinal));
        Assert.That(cli.Run("run", config, "--threads", "1", "--out", Path.Combine(cli.Out, "one")).ExitCode, Is.EqualTo(0));
        Assert.That(cli.Run("run", config, "--threads", "2", "--out", Path.Combine(cli.Out, "two")).ExitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllBytes(Path.Combine(cli.Out, "two", "small", "timeseries.csv")),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(cli.Out, "one", "small", "timeseries.csv"))));
        var one = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "one", "small", "summary.json")))!.AsObject();
        var two = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "two", "small", "summary.json")))!.AsObject();
        one.Remove("timing");
        two.Remove("timing");
        Assert.That(two.ToJsonString(), Is.EqualTo(one.ToJsonString()), "summary.json equal apart from timing");
    }

    private static string[][] Rows(string path) => File.ReadAllLines(path).Select(l => l.Split(',')).ToArray();

    private static double Value(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
