using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>
/// Observed order of convergence of each explicit integrator, run in fixed-step mode (options.FixedStep = T/N):
/// the global error at T must fall like h^p with p within ±0.3 of the design order.
/// </summary>
public class ConvergenceOrderTests
{
    /// <summary>Allowed deviation of the fitted slope from the design order (the brief's band).</summary>
    private const double OrderBand = 0.3;

    /// <summary>Integration interval: a few oscillation periods / the logistic's rise.</summary>
    private const double EndTime = 4.0;

    /// <summary>
    /// Step counts per (method, problem), chosen so the errors lie in the asymptotic regime yet well above round-off
    /// (≥ 1e-13). Tsitouras' pair has very small principal error coefficients, so its h^6 terms dominate down to
    /// smaller steps than dopri5's; vern7 reaches round-off on the logistic problem already at 12 steps, so it is
    /// measured on the Kerr problem instead (still nonlinear).
    /// </summary>
    private static readonly (string Method, TestProblem Problem, int[] Steps)[] Plan =
    [
        ("rk4", TestProblems.DampedOscillator, [40, 80, 160, 320]),
        ("rk4", TestProblems.ComplexRotation, [40, 80, 160, 320]),
        ("rk4", TestProblems.Logistic, [40, 80, 160, 320]),
        ("rk4", TestProblems.KerrPhase, [64, 128, 256, 512]),
        ("dopri5", TestProblems.DampedOscillator, [10, 20, 40, 80]),
        ("dopri5", TestProblems.ComplexRotation, [10, 20, 40, 80]),
        ("dopri5", TestProblems.Logistic, [10, 20, 40, 80]),
        ("dopri5", TestProblems.KerrPhase, [128, 192, 256, 384, 512]),
        ("tsit5", TestProblems.DampedOscillator, [64, 128, 256, 512]),
        ("tsit5", TestProblems.ComplexRotation, [64, 128, 256, 512]),
        ("tsit5", TestProblems.Logistic, [32, 64, 128, 256]),
        ("tsit5", TestProblems.KerrPhase, [128, 192, 256, 384, 512]),
        ("vern7", TestProblems.DampedOscillator, [16, 24, 32, 48, 64]),
        ("vern7", TestProblems.ComplexRotation, [16, 24, 32, 48, 64]),
        ("vern7", TestProblems.KerrPhase, [16, 24, 32, 48, 64]),
    ];

    public static IEnumerable<TestCaseData> Cases() =>
        Plan.Where(p => IntegratorRegistry.IsRegistered(p.Method))
            .Select(p => new TestCaseData(p.Method, p.Problem, p.Steps).SetName($"{p.Method} on {p.Problem.Name}"));

    [Test]
    public void EveryExplicitIntegratorHasItsOrderMeasured() =>
        Assert.That(Plan.Select(p => p.Method).Distinct(), Is.SupersetOf(IntegratorNames.Explicit));

    [TestCaseSource(nameof(Cases))]
    public void ObservedOrderMatchesTheDesignOrder(string name, object problemObject, int[] stepCounts)
    {
        var problem = (TestProblem)problemObject;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        var steps = new List<double>();
        var errors = new List<double>();
        foreach (int n in stepCounts)
        {
            double h = EndTime / n;
            double[] y = TestProblems.Solve(integrator, problem, EndTime, new IntegratorOptions(FixedStep: h));
            Assert.That(integrator.Statistics.AcceptedSteps, Is.EqualTo(n), "fixed-step mode takes exactly T/h steps");
            steps.Add(h);
            errors.Add(problem.ErrorAt(EndTime, y));
        }

        double slope = TestProblems.FittedSlope(steps, errors);
        TestContext.Out.WriteLine($"{name} {problem.Name}: errors {string.Join(", ", errors.Select(e => e.ToString("E2")))}, slope {slope:F2}");
        Assert.That(slope, Is.EqualTo(integrator.Order).Within(OrderBand));
    }
}
