using System.Collections.Immutable;
using BosonicTrajectories.Benchmarking;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Tests.Benchmarking;

/// <summary>The work-precision study on one driven damped mode (quadratic: the reference is the exact Gaussian solution).</summary>
public class WorkPrecisionStudyTests
{
    /// <summary>
    /// A tolerance-controlled integrator keeps the local error per unit time below ≈ tol; over t = 5 (2.5 decay times,
    /// |N| ≤ 1) the global error stays within a few tol. 10 tol leaves room for the integrators' differing safety
    /// factors without admitting an error that ignores the tolerance.
    /// </summary>
    private const double ErrorBandPerTolerance = 10;

    /// <summary>RK4 halves its step: the error should fall by 2⁴ = 16; 8 allows for the pre-asymptotic first halving.</summary>
    private const double Rk4HalvingGain = 8;

    /// <summary>Truncation floor at cutoff 16: the tight vern7 run differs from the exact moments by ≈ 1e-12 (its own tolerance).</summary>
    private const double TruncationFloorBound = 1e-10;

    private static readonly ImmutableArray<double> Tolerances = GeometricSweep.Tolerances("1e-3:1e-7:0.5", "--tolerances");   // 1e-3, 1e-5, 1e-7

    private static WorkPrecisionSettings Settings(ImmutableArray<WorkPrecisionMethod> methods, params string[] integrators) => new(
        methods, [.. integrators], Tolerances, Rk4Steps: [0.1, 0.05, 0.025], JumpTimeTolerances: [1e-3, 1e-8],
        JumpTimeTolerance: WorkPrecisionSettings.DefaultJumpTimeTolerance, Trajectories: 40, Seed: 3, Threads: 1);

    private static readonly Lazy<WorkPrecisionResult> LindbladStudy = new(() => WorkPrecisionStudy.Run(
        DrivenDampedMode.Config(), Settings([WorkPrecisionMethod.Lindblad], "dopri5", "tsit5", "vern7", "rk4", "krylov"), RunContext.Default));

    [TestCase("dopri5")]
    [TestCase("tsit5")]
    [TestCase("vern7")]
    public void ErrorDecreasesWithTheToleranceForEachAdaptiveIntegrator(string integrator)
    {
        var errors = LindbladStudy.Value.Points.Where(p => p.Integrator == integrator).OrderByDescending(p => p.RelativeTolerance).Select(p => p.Error).ToArray();
        Assert.That(errors, Has.Length.EqualTo(Tolerances.Length));
        for (int k = 1; k < errors.Length; k++)
            Assert.That(errors[k], Is.LessThan(errors[k - 1]), $"{integrator}: error at rtol {Tolerances[k]} vs {Tolerances[k - 1]}");
    }

    [TestCase("dopri5")]
    [TestCase("tsit5")]
    [TestCase("vern7")]
    [TestCase("krylov")]
    public void ErrorAgainstTheExactMomentsLiesWithinTheToleranceBand(string integrator)
    {
        foreach (var p in LindbladStudy.Value.Points.Where(p => p.Integrator == integrator))
        {
            Assert.That(p.Succeeded, Is.True, p.Failure);
            Assert.That(p.Error, Is.GreaterThan(0).And.LessThanOrEqualTo(ErrorBandPerTolerance * p.RelativeTolerance!.Value), $"{integrator} rtol {p.RelativeTolerance}");
            Assert.That(p.AbsoluteTolerance, Is.EqualTo(p.RelativeTolerance!.Value / 100).Within(1e-15 * p.RelativeTolerance.Value));
            Assert.That(p.RhsEvaluations, Is.GreaterThan(0));
            Assert.That(p.AcceptedSteps, Is.GreaterThan(0));
        }
    }

    [Test]
    public void Rk4ErrorFallsAsTheFourthPowerOfTheStep()
    {
        var points = LindbladStudy.Value.Points.Where(p => p.Integrator == "rk4").ToArray();
        Assert.That(points.Select(p => p.FixedStep), Is.EqualTo(new double?[] { 0.1, 0.05, 0.025 }));
        Assert.That(points.Select(p => p.Sweep), Is.All.EqualTo(WorkPrecisionSweep.Step));
        for (int k = 1; k < points.Length; k++)
            Assert.That(points[k - 1].Error / points[k].Error, Is.GreaterThan(Rk4HalvingGain), $"h = {points[k].FixedStep}");
        Assert.That(points.Select(p => p.RejectedSteps), Is.All.EqualTo(0), "fixed steps are never rejected");
    }

    [Test]
    public void ReferenceIsExactAndTheTruncationFloorIsMeasured()
    {
        var reference = LindbladStudy.Value.Reference;
        Assert.That(reference.Kind, Is.EqualTo(WorkPrecisionReferenceKind.ExactGaussian));
        Assert.That(reference.TruncationFloor, Is.Not.Null.And.LessThan(TruncationFloorBound));
        Assert.That(reference.MaxTailPopulation, Is.Not.Null.And.LessThan(1e-12));  // e^{-1}/15! ≈ 3e-13 at t = 0
    }

    [Test]
    public void NonQuadraticModelUsesTheVern7ReferenceRun()
    {
        // A Kerr term a†²a² makes the model non-quadratic: no exact moments, so the reference is a tight Fock run.
        string json = DrivenDampedMode.Json().Replace("\"terms\": [", "\"terms\": [ { \"coefficient\": 0.05, \"ops\": \"ad0 ad0 a0 a0\" },", StringComparison.Ordinal);
        var result = WorkPrecisionStudy.Run(ConfigLoader.Parse(json), Settings([WorkPrecisionMethod.Lindblad], "dopri5"), RunContext.Default);
        Assert.That(result.Reference.Kind, Is.EqualTo(WorkPrecisionReferenceKind.FockReferenceRun));
        Assert.That(result.Reference.Description, Does.Contain("vern7").And.Contain("1E-12").IgnoreCase);
        Assert.That(result.Reference.TruncationFloor, Is.Null);
        var errors = result.Points.Select(p => p.Error).ToArray();
        Assert.That(errors[0], Is.GreaterThan(errors[^1]));
        Assert.That(errors, Is.All.LessThan(ErrorBandPerTolerance * Tolerances[0]));
    }

    [Test]
    public void TrajectoryErrorsSitOnTheStatisticalFloorAndTheSeedMatchedDeviationFollowsTheTolerance()
    {
        // Fock |2⟩ under loss: trajectories differ (jump times are random), so the standard error is a real floor.
        var config = DrivenDampedMode.Config(initialState: "{ \"fock\": { \"n\": 2 } }");
        var result = WorkPrecisionStudy.Run(config, Settings([WorkPrecisionMethod.Trajectories], "dopri5"), RunContext.Default);
        var sweep = result.Points.Where(p => p.Sweep == WorkPrecisionSweep.Tolerance).ToArray();
        var jumps = result.Points.Where(p => p.Sweep == WorkPrecisionSweep.JumpTime).ToArray();
        Assert.That(sweep, Has.Length.EqualTo(Tolerances.Length));
        Assert.That(jumps.Select(p => p.JumpTimeTolerance), Is.EqualTo(new double?[] { 1e-3, 1e-8 }));
        Assert.That(jumps.Select(p => p.RelativeTolerance), Is.All.EqualTo(Tolerances.Min()), "jump-time sweep at the tightest rtol");
        foreach (var p in result.Points)
        {
            Assert.That(p.Trajectories, Is.EqualTo(40));
            Assert.That(p.Seed, Is.EqualTo(3UL));
            Assert.That(p.StandardError, Is.GreaterThan(1e-3), "40 trajectories of a Fock state: SE of ⟨n⟩ of order 0.1");
            // 5 σ (the max over 11 times of a few entries) plus the integration error band.
            Assert.That(p.Error, Is.LessThan((5 * p.StandardError!.Value) + (ErrorBandPerTolerance * (p.RelativeTolerance ?? 1e-3))));
        }
        Assert.That(sweep[0].SeedMatchedDeviation, Is.GreaterThan(sweep[^1].SeedMatchedDeviation!.Value), "loosest vs tightest rtol, same random numbers");
        Assert.That(sweep[^1].SeedMatchedDeviation, Is.LessThan(ErrorBandPerTolerance * Tolerances[^1]));
        Assert.That(result.SeedMatchedEnsemble, Is.Not.Null);
    }

    [Test]
    public void SteadyEndTimeIsAConfigErrorNamingTheKey()
    {
        var config = ConfigLoader.Parse(DrivenDampedMode.Json().Replace("\"tEnd\": 5", "\"tEnd\": \"steady\"", StringComparison.Ordinal));
        var e = Assert.Throws<ConfigException>(() => WorkPrecisionStudy.Run(config, Settings([WorkPrecisionMethod.Lindblad], "dopri5"), RunContext.Default));
        Assert.That(e!.Errors.Select(x => x.Path), Does.Contain("run.tEnd"));
    }

    [Test]
    public void UnknownIntegratorIsAConfigErrorListingTheValidNames()
    {
        var e = Assert.Throws<ConfigException>(() => WorkPrecisionStudy.Run(DrivenDampedMode.Config(), Settings([WorkPrecisionMethod.Lindblad], "euler"), RunContext.Default));
        Assert.That(e!.Errors.Single().Path, Is.EqualTo("--integrators"));
        Assert.That(e.Errors.Single().Message, Does.Contain("euler").And.Contain("dopri5").And.Contain("krylov"));
    }
}
