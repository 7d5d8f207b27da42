using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>Dense output inside the last step: its local order, its end points and its range.</summary>
public class DenseOutputTests
{
    /// <summary>Allowed deviation of the fitted local-error slope from (dense order + 1).</summary>
    private const double OrderBand = 0.3;

    public static IEnumerable<TestCaseData> MidStepCases()
    {
        double[] moderate = [0.1, 0.05, 0.025, 0.0125];
        yield return new TestCaseData("dopri5", 4, TestProblems.KerrPhase, moderate, true).SetName("dopri5 dense output has order 4");
        yield return new TestCaseData("tsit5", 4, TestProblems.KerrPhase, moderate, true).SetName("tsit5 dense output has order 4");
        yield return new TestCaseData("rk4", 3, TestProblems.DampedOscillator, moderate, true).SetName("rk4 Hermite dense output has order 3");
        // vern7: larger steps, since at h = 0.1 its interpolation error is already ~1e-13; the order-7 defect of the
        // interpolant is too small to show above round-off, so only "at least order 6" is asserted.
        yield return new TestCaseData("vern7", 6, TestProblems.KerrPhase, new[] { 0.4, 0.283, 0.2, 0.141, 0.1 }, false)
            .SetName("vern7 dense output has order at least 6");
    }

    /// <summary>
    /// Local interpolation error inside one step of size h from the exact initial value: the interpolant's own error
    /// O(h^(q+1)) dominates the O(h^(p+1)) step error when q &lt; p. Evaluated at θ = 0.3 rather than ½, where some
    /// interpolants are super-convergent.
    /// </summary>
    [TestCaseSource(nameof(MidStepCases))]
    public void MidStepErrorHasTheDenseOutputOrder(string name, int denseOrder, object problemObject, double[] steps, bool exact)
    {
        var problem = (TestProblem)problemObject;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        var errors = new List<double>();
        var y = new double[problem.InitialState.Length];
        foreach (double h in steps)
        {
            integrator.Initialize(0.0, problem.InitialState, problem.F, new IntegratorOptions(FixedStep: h));
            integrator.Step(h);
            integrator.Interpolate(0.3 * h, y);
            errors.Add(problem.ErrorAt(0.3 * h, y));
        }

        double slope = TestProblems.FittedSlope(steps, errors);
        TestContext.Out.WriteLine($"{name}: errors {string.Join(", ", errors.Select(e => e.ToString("E2")))}, slope {slope:F2}");
        if (exact)
            Assert.That(slope, Is.EqualTo(denseOrder + 1).Within(OrderBand));
        else
            Assert.That(slope, Is.GreaterThan(denseOrder + 1 - OrderBand));
    }

    /// <summary>Dense output along an adaptive run stays within the tolerance band at arbitrary output times.</summary>
    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.All))]
    public void DenseOutputBetweenStepsMatchesTheClosedForm(string name)
    {
        // Interpolation error of order ≥ 3 with steps honouring rtol 1e-8 (or rk4's 1e-3 fixed step): well below 1e-6.
        const double DenseOutputBand = 1e-6;
        TestProblem problem = TestProblems.ComplexRotation;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        IntegratorOptions options = IntegratorRegistry.DefaultOptions(name) with { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10 };
        integrator.Initialize(0.0, problem.InitialState, problem.F, options);
        var y = new double[problem.InitialState.Length];
        double worst = 0.0;
        int outputs = 0;
        for (double tOut = 0.0; tOut <= 3.0; tOut += 0.0173)
        {
            while (integrator.Time < tOut)
                integrator.Step(3.0);
            integrator.Interpolate(tOut, y);
            worst = Math.Max(worst, problem.ErrorAt(tOut, y));
            outputs++;
        }

        Assert.That(outputs, Is.GreaterThan(100));
        Assert.That(worst, Is.LessThan(DenseOutputBand));
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.All))]
    public void InterpolationReproducesTheStepEndPoints(string name)
    {
        TestProblem problem = TestProblems.DampedOscillator;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, problem.InitialState, problem.F, IntegratorRegistry.DefaultOptions(name));
        integrator.Step(1.0);
        integrator.Step(2.0);
        double[] start = new double[2], end = new double[2];
        integrator.Interpolate(integrator.PreviousTime, start);
        integrator.Interpolate(integrator.Time, end);
        Assert.That(end, Is.EqualTo(integrator.State.ToArray()));
        Assert.That(integrator.PreviousTime, Is.LessThan(integrator.Time));
        // The start point is the previous state, which the first step produced: compare against the closed form.
        Assert.That(problem.ErrorAt(integrator.PreviousTime, start), Is.LessThan(1e-6));
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.All))]
    public void InterpolationOutsideTheLastStepIsRejected(string name)
    {
        TestProblem problem = TestProblems.ExponentialDecay;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, problem.InitialState, problem.F, IntegratorRegistry.DefaultOptions(name));
        integrator.Step(1.0);
        var y = new double[1];
        Assert.Throws<ArgumentOutOfRangeException>(() => integrator.Interpolate(integrator.Time + 0.5, y));
    }
}
