using System.Text.Json.Nodes;
using BosonicTrajectories.Benchmarking;
using BosonicTrajectories.Simulation;
using BosonicTrajectories.Tests.Cli;

namespace BosonicTrajectories.Tests.Benchmarking;

/// <summary>work-precision.csv / .json / PNGs and the bench-integrators command.</summary>
public class WorkPrecisionOutputTests
{
    /// <summary>The documented CSV columns (WorkPrecisionReport.Csv), in order.</summary>
    private static readonly string[] DocumentedColumns =
    [
        "method", "integrator", "sweep", "rtol", "atol", "fixedStep", "jumpTimeTolerance", "trajectories", "seed",
        "error", "standardError", "seedMatchedDeviation", "maxTailPopulation",
        "rhsEvaluations", "acceptedSteps", "rejectedSteps", "wallSeconds", "status",
    ];

    private static readonly Lazy<WorkPrecisionResult> Study = new(() => WorkPrecisionStudy.Run(
        DrivenDampedMode.Config(),
        new WorkPrecisionSettings([WorkPrecisionMethod.Lindblad, WorkPrecisionMethod.Trajectories], ["dopri5", "rk4"],
            [1e-3, 1e-5], Rk4Steps: null, JumpTimeTolerances: [1e-4], JumpTimeTolerance: 1e-10, Trajectories: 8, Seed: 5, Threads: 1),
        RunContext.Default));

    [Test]
    public void CsvHasTheDocumentedColumnsAndOneRowPerRun()
    {
        var lines = WorkPrecisionReport.Csv(Study.Value).TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.That(lines[0].Split(','), Is.EqualTo(DocumentedColumns));
        Assert.That(WorkPrecisionReport.CsvColumns, Is.EqualTo(DocumentedColumns));
        // lindblad: 2 dopri5 + 4 automatic rk4 steps; trajectories: the same plus one jump-time point each.
        Assert.That(lines, Has.Length.EqualTo(1 + Study.Value.Points.Length));
        Assert.That(Study.Value.Points, Has.Length.EqualTo(2 + 4 + 3 + 5));
        foreach (string line in lines.Skip(1))
        {
            string[] fields = line.Split(',');
            Assert.That(fields, Has.Length.EqualTo(DocumentedColumns.Length), line);
            Assert.That(fields[^1], Is.EqualTo("ok"), line);
            Assert.That(double.Parse(fields[Array.IndexOf(DocumentedColumns, "error")], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0), line);
        }
        var rk4 = lines.Skip(1).Where(l => l.StartsWith("lindblad,rk4,step,", StringComparison.Ordinal)).ToArray();
        Assert.That(rk4, Has.Length.EqualTo(StiffnessEstimate.AutomaticStepCount));
        Assert.That(rk4.Select(l => l.Split(',')[3]), Is.All.Empty, "rk4 has no rtol");
    }

    [Test]
    public void AutomaticRk4StepsStartInsideTheStabilityRegion()
    {
        var result = Study.Value;
        Assert.That(result.Rk4StepsAutomatic, Is.True);
        // H = a†a (+ drive) with loss 0.5 on 16 levels: the Liouvillian's eigenvalues reach |i·15 − 7.5| ≈ 17, so the
        // power iteration must find a radius of that order; h₀ = 2/ρ (below the 0.5 output interval).
        Assert.That(result.SpectralRadius, Is.InRange(10.0, 40.0));
        Assert.That(result.Rk4Steps[0], Is.EqualTo(StiffnessEstimate.StabilityFraction / result.SpectralRadius!.Value).Within(1e-12));
        Assert.That(result.Rk4Steps[1], Is.EqualTo(result.Rk4Steps[0] / 2));
    }

    [Test]
    public void WriteProducesCsvJsonAndPlotsAtomically()
    {
        using var cli = new CliHarness();
        string folder = WorkPrecisionReport.Write(cli.Out, Study.Value);
        Assert.That(Path.GetFileName(folder), Is.EqualTo("driven-damped-mode-work-precision"));
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToArray();
        Assert.That(files, Does.Contain("work-precision.csv").And.Contain("work-precision.json"));
        Assert.That(Directory.GetDirectories(cli.Out), Has.Length.EqualTo(1), "no staging folder left behind");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "work-precision.json")))!.AsObject();
        Assert.That((string?)json["reference"]!["kind"], Is.EqualTo("exactGaussian"));
        Assert.That(json["points"]!.AsArray(), Has.Count.EqualTo(Study.Value.Points.Length));
        Assert.That((string?)json["settings"]!["atol"], Is.EqualTo("rtol / 100"));
        var plots = json["plots"]!.AsArray().Select(p => (string?)p).ToArray();
        if (!files.Contains(BosonicTrajectories.Output.Plots.PictureGuard.FailureFile))
        {
            Assert.That(plots, Is.EquivalentTo(new[]
            {
                "work-precision-lindblad.png", "work-precision-lindblad-time.png",
                "work-precision-trajectories.png", "work-precision-trajectories-time.png",
            }));
            foreach (string? plot in plots) Assert.That(File.Exists(Path.Combine(folder, plot!)), plot);
        }
    }

    [Test]
    public void UnknownIntegratorExitsWithCode2ListingTheValidNames()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("damped", DrivenDampedMode.Json());
        var (code, _, stderr) = cli.Run("bench-integrators", config, "--out", cli.Out, "--integrators", "dopri5,euler");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--integrators").And.Contain("\"euler\""));
        foreach (string name in BosonicTrajectories.Integrators.IntegratorRegistry.Names) Assert.That(stderr, Does.Contain(name));
        Assert.That(Directory.Exists(cli.Out), Is.False, "nothing written");
    }

    [Test]
    public void UnknownMethodAndMalformedToleranceAreUsageErrors()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("damped", DrivenDampedMode.Json());
        var (code, _, stderr) = cli.Run("bench-integrators", config, "--methods", "lindblad,gaussian");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--methods").And.Contain("\"gaussian\"").And.Contain("trajectories"));
        (code, _, stderr) = cli.Run("bench-integrators", config, "--tolerances", "1e-9:1e-3");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--tolerances"));
    }

    [Test]
    public void CommandRunsASmallStudyAndPrintsTheTable()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("damped", DrivenDampedMode.Json());
        var (code, stdout, stderr) = cli.Run("bench-integrators", config, "--out", cli.Out, "--methods", "lindblad",
            "--integrators", "tsit5", "--tolerances", "1e-4:1e-6");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("exact Gaussian moments").And.Contain("tsit5"));
        string csv = File.ReadAllText(Path.Combine(cli.Out, "driven-damped-mode-work-precision", "work-precision.csv"));
        Assert.That(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1 + 3));
    }
}
