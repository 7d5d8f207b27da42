using System.Text.Json.Nodes;
using BosonicTrajectories.Tests.Cli;

namespace BosonicTrajectories.Tests.Convergence;

public class ConvergeCommandTests
{
    private static string MachineConfig(CliHarness cli, string initialMode0 = """{ "vacuum": {} }""") =>
        cli.WriteConfig("machine", ConvergenceTestConfigs.TwoModeThermalMachine.Replace("INITIAL", initialMode0, StringComparison.Ordinal));

    [Test]
    public void WritesTableCsvAndJsonWithSkippedCutoffs()
    {
        using var cli = new CliHarness();
        var (code, stdout, stderr) = cli.Run("converge", MachineConfig(cli, """{ "fock": { "n": 3 } }"""), "--cutoffs", "2:2:8", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(0), stderr);
        string folder = Path.Combine(cli.Out, "two-mode-machine-convergence");
        Assert.That(stdout, Does.Contain("cutoff").And.Contain("tail").And.Contain("logneg A|B").And.Contain("skipped: initialState.product[0]"));

        string[] csv = File.ReadAllLines(Path.Combine(folder, "convergence.csv"));
        Assert.That(csv[0], Is.EqualTo("cutoff,hilbertDimension,error,covarianceChange,maxTailPopulation,logneg_A|B,wallSeconds"));
        Assert.That(csv.Skip(1).Select(line => line.Split(',')[0]), Is.EqualTo(new[] { "4", "6", "8" }), "cutoff 2 cannot hold |3⟩");

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "convergence.json")))!;
        Assert.That((string?)json["error"]!["reference"], Is.EqualTo("gaussian"));
        Assert.That(json["points"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That((int)json["points"]![2]!["hilbertDimension"]!, Is.EqualTo(64));
        Assert.That((int)json["skipped"]![0]!["cutoff"]!, Is.EqualTo(2));
        Assert.That((string?)json["skipped"]![0]!["reason"], Does.Contain("perMode[0] ≥ 4"));
        Assert.That(json["gaussianReference"]!["covariance"]!.AsArray(), Has.Count.EqualTo(4));
        Assert.That((string?)json["plot"], Is.EqualTo("convergence.png"));
        byte[] png = File.ReadAllBytes(Path.Combine(folder, "convergence.png"));
        Assert.That(png.Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), "a PNG convergence plot");
        Assert.That(Directory.GetDirectories(cli.Out), Has.Length.EqualTo(1), "no staging folder is left behind");
    }

    [TestCase("8:2:4")]
    [TestCase("abc")]
    public void BadCutoffRangeIsAUsageErrorNamingTheOption(string range)
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("converge", MachineConfig(cli), "--cutoffs", range, "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--cutoffs").And.Contain("FROM:STEP:TO"));
        Assert.That(Directory.Exists(cli.Out), Is.False);
    }

    [Test]
    public void MissingCutoffsIsAUsageError()
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("converge", MachineConfig(cli));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--cutoffs"));
    }

    [Test]
    public void EveryCutoffTooSmallIsAConfigErrorWithTheReason()
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("converge", MachineConfig(cli, """{ "fock": { "n": 9 } }"""), "--cutoffs", "4:2:8", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--cutoffs: no cutoff in 4:2:8 holds the initial state").And.Contain("perMode[0] ≥ 10"));
        Assert.That(Directory.Exists(Path.Combine(cli.Out, "two-mode-machine-convergence")), Is.False);
    }

    [Test]
    public void GaussianMethodIsRefused()
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("converge", MachineConfig(cli), "--cutoffs", "4:2:8", "--method", "gaussian", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("--method").And.Contain("no Fock truncation"));
    }

    [Test]
    public void RunWithAutoCutoffRecordsTheEvidence()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("damped", ConvergenceTestConfigs.DampedThermalMode(0.5));
        var (code, stdout, stderr) = cli.Run("run", config, "--cutoff", "auto", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("automatic cutoff: perMode = 17").And.Contain("← chosen"));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "damped-mode", "summary.json")))!;
        var auto = summary["truncation"]!["auto"]!;
        Assert.That((int)auto["cutoff"]!, Is.EqualTo(17));
        Assert.That((string?)auto["searchMethod"], Is.EqualTo("steadystate"));
        Assert.That((double)auto["tailTolerance"]!, Is.EqualTo(1e-6));
        Assert.That((double)auto["covarianceTolerance"]!, Is.EqualTo(1e-4));
        Assert.That(auto["steps"]!.AsArray().Select(s => (int)s!["cutoff"]!), Is.EqualTo(new[] { 2, 4, 6, 8, 10, 13, 17 }));
        Assert.That((int)summary["hilbertDimension"]!, Is.EqualTo(17));
        Assert.That((int)summary["config"]!["truncation"]!["perMode"]!, Is.EqualTo(17), "the normalised config shows the truncation that ran");
    }

    [Test]
    public void AutoCutoffSearchesWithTheSteadyStateThenRunsLindblad()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("damped", ConvergenceTestConfigs.DampedThermalMode(0.5, method: "lindblad"));
        var (code, stdout, stderr) = cli.Run("run", config, "--cutoff", "auto", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("searched with steadystate"));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "damped-mode", "summary.json")))!;
        Assert.That((string?)summary["method"], Is.EqualTo("lindblad"));
        Assert.That((string?)summary["truncation"]!["auto"]!["searchMethod"], Is.EqualTo("steadystate"));
        Assert.That((int)summary["hilbertDimension"]!, Is.EqualTo(17), "the same steady state as the steadystate config, so the same cutoff");
    }

    [Test]
    public void RunWithAFixedCutoffOverridesTheTruncation()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("damped", ConvergenceTestConfigs.DampedThermalMode(0.5));
        var (code, _, stderr) = cli.Run("run", config, "--cutoff", "9", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(0), stderr);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "damped-mode", "summary.json")))!;
        Assert.That((int)summary["hilbertDimension"]!, Is.EqualTo(9));
        Assert.That(summary["truncation"]!["auto"], Is.Null);
    }

    [TestCase("abc")]
    [TestCase("0")]
    public void BadCutoffIsAUsageErrorNamingTheOption(string cutoff)
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("damped", ConvergenceTestConfigs.DampedThermalMode(0.5));
        var (code, _, stderr) = cli.Run("run", config, "--cutoff", cutoff, "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--cutoff").And.Contain("auto"));
    }

    [Test]
    public void AutoCutoffWithTheGaussianMethodIsRefused()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("damped", ConvergenceTestConfigs.DampedThermalMode(0.5, method: "gaussian"));
        var (code, _, stderr) = cli.Run("run", config, "--cutoff", "auto", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("--cutoff").And.Contain("gaussian"));
    }
}
