using System.Text.Json.Nodes;

namespace BosonicTrajectories.Tests.Cli;

public class RunCommandTests
{
    private const string ParametricAmplifier = """
        {
          "name": "paramp",
          "modes": 2,
          "model": {
            "kind": "lindblad",
            "hamiltonian": { "squeezing": [ { "modes": [0, 1], "rate": RATE } ] },
            "jumps": [ { "rate": 0.1, "annihilate": [1, 0] }, { "rate": 0.1, "annihilate": [0, 1] } ],
            "parties": [ { "name": "A", "modes": [0] }, { "name": "B", "modes": [1] } ]
          },
          "truncation": { "perMode": 8 },
          "initialState": { "product": [ { "vacuum": {} }, { "vacuum": {} } ] },
          "run": { "method": "gaussian", "tEnd": 400, "samples": 5 }
        }
        """;

    [Test]
    public void GaussianRunWritesTheSummaryFieldsOfSpecSection5()
    {
        using var cli = new CliHarness();
        var (code, stdout, stderr) = cli.Run("run", CliHarness.RepoConfig("three-parties.jsonc"), "--out", cli.Out);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("verdict separable"));
        string folder = Path.Combine(cli.Out, "three-parties");
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!.AsObject();
        foreach (string key in new[] { "name", "method", "modes", "config", "final", "gaussianSteadyState", "crossCheck", "entanglement", "separabilityCertificate", "verdict", "timing" })
            Assert.That(summary.ContainsKey(key), key);
        Assert.That((string?)summary["verdict"], Is.EqualTo("separable"));
        Assert.That(summary["final"]!["covariance"]!.AsArray(), Has.Count.EqualTo(8));
        Assert.That(summary["entanglement"]!.AsArray(), Has.Count.EqualTo(3), "three parties, all splits: 2^(3-1) - 1 = 3");
        string[] csv = File.ReadAllLines(Path.Combine(folder, "timeseries.csv"));
        Assert.That(csv[0], Does.StartWith("t,n_0,n_1,n_2,n_3"));
        Assert.That(csv, Has.Length.EqualTo(1 + 101));
        Assert.That(Directory.GetDirectories(cli.Out), Has.Length.EqualTo(1), "no staging folder is left behind");
    }

    [Test]
    public void ParametricAmplifierIsReportedEntangled()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("paramp", ParametricAmplifier.Replace("RATE", "0.02", StringComparison.Ordinal));
        var (code, _, stderr) = cli.Run("run", config, "--out", cli.Out);
        Assert.That(code, Is.EqualTo(0), stderr);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "paramp", "summary.json")))!;
        Assert.That((string?)summary["verdict"], Is.EqualTo("entangled"));
        Assert.That((double)summary["entanglement"]![0]!["gaussianLogNegativity"]!, Is.EqualTo(0.3365).Within(1e-3));
    }

    [Test]
    public void UnstableModelIsAConfigErrorAndWritesNothing()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("paramp", ParametricAmplifier.Replace("RATE", "0.06", StringComparison.Ordinal));
        var (code, _, stderr) = cli.Run("run", config, "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("model").And.Contain("no steady state"));
        Assert.That(Directory.Exists(Path.Combine(cli.Out, "paramp")), Is.False);
    }

    [Test]
    public void NonGaussianModelWithGaussianMethodNamesTheTerm()
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("run", CliHarness.RepoConfig("kerr-driven.jsonc"), "--method", "gaussian", "--t-end", "5", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("model.hamiltonian.terms").And.Contain("ad0 ad0 a0 a0"));
    }

    [Test]
    public void ValidateReportsEveryProblemWithItsPath()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("bad", """
            { "name": "bad", "modes": 2,
              "model": { "kind": "thermalMachine", "hamiltonian": { "matrix": [[1, 0.5], [0.4, -1]] },
                         "parties": [ { "name": "A", "modes": [0, 1] }, { "name": "B", "modes": [1] } ], "baths": [] },
              "truncation": { "perMode": 3 }, "initialState": { "product": [ { "vacuum": {} }, { "vacuum": {} } ] },
              "run": { "method": "gaussian", "tEnd": 1, "bogus": 1 } }
            """);
        var (code, _, stderr) = cli.Run("validate", config);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("model.hamiltonian.matrix[0][1]").And.Contain("model.parties[1].modes[0]").And.Contain("run.bogus"));
    }

    [Test]
    public void ValidateDescribesAGoodConfig()
    {
        using var cli = new CliHarness();
        var (code, stdout, stderr) = cli.Run("validate", CliHarness.RepoConfig("hot-cold-cat.jsonc"));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Hilbert dimension 400").And.Contain("secular margin"));
        Assert.That(stdout, Does.Contain("lindblad basis: local modes (a perMode truncation"));
        (code, stdout, stderr) = cli.Run("validate", CliHarness.RepoConfig("hot-cold-total-excitations.jsonc"));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("lindblad basis: normal modes, frequencies 0.958579, 1.24142"));
    }

    [Test]
    public void UnknownOptionIsAUsageError()
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("run", "--no-such-option");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--no-such-option"));
    }

    [Test]
    public void MissingConfigFileIsAConfigError()
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("validate", Path.Combine(cli.Folder, "absent.jsonc"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("absent.jsonc"));
    }
}
