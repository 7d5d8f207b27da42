using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>Dense output inside the last step: its local order, its end points and its range.</summary>
public class DenseOutputTests
{
    /// <summary>Allowed deviation of the fitted local-error slope from (dense order + 1).</summary>
    private const double OrderBand = 0.3;

    /// <summary>
    /// Local interpolation error at mid-step after one step of size h from the exact initial value: the interpolant's
    /// own error O(h^(q+1)) dominates the O(h^(p+1)) step error when q &lt; p. Dense order q per method.
    /// </summary>
    [TestCase("dopri5", 4)]
    [TestCase("rk4", 3)]
    public void MidStepErrorHasTheDenseOutputOrder(string name, int denseOrder)
    {
        TestProblem problem = TestProblems.DampedOscillator;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        double[] steps = [0.1, 0.05, 0.025, 0.0125];
        var errors = new List<double>();
        var mid = new double[2];
        foreach (double h in steps)
        {
            integrator.Initialize(0.0, problem.InitialState, problem.F, new IntegratorOptions(FixedStep: h));
            integrator.Step(h);
            // θ = 0.3 rather than 0.5: some interpolants are super-convergent at the midpoint.
            integrator.Interpolate(0.3 * h, mid);
            errors.Add(problem.ErrorAt(0.3 * h, mid));
        }

        double slope = TestProblems.FittedSlope(steps, errors);
        TestContext.Out.WriteLine($"{name}: errors {string.Join(", ", errors.Select(e => e.ToString("E2")))}, slope {slope:F2}");
        Assert.That(slope, Is.EqualTo(denseOrder + 1).Within(OrderBand));
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
        integrator.Step(1.0);
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
