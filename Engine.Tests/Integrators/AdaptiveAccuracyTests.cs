using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>Adaptive integrators against closed forms: the tolerances are honoured and tighter tolerances help.</summary>
public class AdaptiveAccuracyTests
{
    private const double EndTime = 5.0;

    /// <summary>
    /// Global error band at rtol = 1e-6, atol = 1e-8: the per-step error is held near 1e-6 relative, and over the
    /// ~tens of steps on these O(1) problems the global error stays below 1e-4 (the brief's band).
    /// </summary>
    private const double GlobalErrorBandAtMicroTolerance = 1e-4;

    /// <summary>Going from rtol 1e-6 to 1e-9 must reduce the global error by at least this factor (ideally ~1000^(p/(p+1))).</summary>
    private const double MinimalImprovement = 30.0;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (IntegratorDescription entry in IntegratorRegistry.Descriptions.Where(e => e.DefaultOptions.FixedStep is null))
        {
            foreach (TestProblem problem in TestProblems.All)
            {
                if (entry.Name == "krylov" && !problem.IsLinear)
                    continue;
                yield return new TestCaseData(entry.Name, problem).SetName($"{entry.Name} on {problem.Name}");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void GlobalErrorHonoursTheToleranceAndShrinksWithIt(string name, object problemObject)
    {
        var problem = (TestProblem)problemObject;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);

        double[] loose = TestProblems.Solve(integrator, problem, EndTime, new IntegratorOptions(1e-6, 1e-8));
        double looseError = problem.ErrorAt(EndTime, loose);
        double[] tight = TestProblems.Solve(integrator, problem, EndTime, new IntegratorOptions(1e-9, 1e-11));
        double tightError = problem.ErrorAt(EndTime, tight);
        TestContext.Out.WriteLine($"{name} {problem.Name}: error {looseError:E2} at rtol 1e-6, {tightError:E2} at rtol 1e-9");

        Assert.That(looseError, Is.LessThan(GlobalErrorBandAtMicroTolerance));
        Assert.That(tightError, Is.LessThan(looseError / MinimalImprovement).Or.LessThan(1e-12));
    }

    [Test]
    public void Rk4WithItsDefaultFixedStepMatchesTheClosedForms()
    {
        IOdeIntegrator integrator = IntegratorRegistry.Create("rk4");
        foreach (TestProblem problem in TestProblems.All)
        {
            // Default h = 1e-3 gives a global error ~ T·(ωh)^4 ~ 1e-11 on these problems.
            double[] y = TestProblems.Solve(integrator, problem, EndTime, new IntegratorOptions());
            Assert.That(problem.ErrorAt(EndTime, y), Is.LessThan(1e-9), problem.Name);
            Assert.That(integrator.Statistics.AcceptedSteps, Is.EqualTo(5000), "T / default step");
        }
    }
}
