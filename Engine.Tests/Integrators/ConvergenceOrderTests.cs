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
    /// Step counts per method, chosen so the errors lie in the asymptotic regime yet well above round-off
    /// (1e-13 or more); higher orders reach round-off sooner and so use fewer, larger steps.
    /// </summary>
    private static readonly Dictionary<string, int[]> StepCounts = new()
    {
        ["rk4"] = [40, 80, 160, 320],
        ["dopri5"] = [10, 20, 40, 80],
        ["tsit5"] = [20, 40, 80, 160],
        ["vern7"] = [16, 24, 32, 48],
    };

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (string name in IntegratorRegistry.Names.Where(StepCounts.ContainsKey))
        {
            foreach (TestProblem problem in new[] { TestProblems.DampedOscillator, TestProblems.Logistic, TestProblems.ComplexRotation })
                yield return new TestCaseData(name, problem).SetName($"{name} on {problem.Name}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void ObservedOrderMatchesTheDesignOrder(string name, object problemObject)
    {
        var problem = (TestProblem)problemObject;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        var steps = new List<double>();
        var errors = new List<double>();
        foreach (int n in StepCounts[name])
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
