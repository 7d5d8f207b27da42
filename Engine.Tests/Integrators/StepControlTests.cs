using BosonicTrajectories.Integrators;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>Step-size selection, landing on tLimit, rejection counting and failure reporting.</summary>
public class StepControlTests
{
    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.All))]
    public void StepsNeverPassTLimitAndLandExactlyOnIt(string name)
    {
        TestProblem problem = TestProblems.DampedOscillator;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, problem.InitialState, problem.F, IntegratorRegistry.DefaultOptions(name));
        foreach (double tOut in new[] { 0.1, 0.7, 0.70001, 2.0 / 3.0 + 1, 3.3 })
        {
            while (integrator.Time < tOut)
            {
                integrator.Step(tOut);
                Assert.That(integrator.Time, Is.LessThanOrEqualTo(tOut));
            }

            Assert.That(integrator.Time, Is.EqualTo(tOut), "the last step lands exactly on tLimit");
        }
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.AdaptiveExplicit))]
    public void AdaptiveStepsAreNotForcedOntoEveryOutputTime(string name)
    {
        TestProblem problem = TestProblems.ExponentialDecay;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, problem.InitialState, problem.F, IntegratorRegistry.DefaultOptions(name));
        integrator.Step(10.0);
        Assert.That(integrator.Time, Is.GreaterThan(0.0).And.LessThan(10.0), "one accepted step, chosen by the controller");
        Assert.That(integrator.Statistics.AcceptedSteps, Is.EqualTo(1));
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.AdaptiveExplicit))]
    public void TooLargeInitialStepIsRejectedAndCounted(string name)
    {
        // y' = −50 y with h₀ = 1: the first trial's error is enormous and must be rejected, then the step recovers.
        RightHandSide f = static (_, y, dydt) => dydt[0] = -50 * y[0];
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, [1.0], f, new IntegratorOptions(InitialStep: 1.0));
        while (integrator.Time < 1.0)
            integrator.Step(1.0);
        Assert.That(integrator.Statistics.RejectedSteps, Is.GreaterThan(0));
        Assert.That(integrator.State[0], Is.EqualTo(Math.Exp(-50)).Within(1e-6 * 1e-3 + 1e-8), "solution still accurate");
    }

    [Test]
    public void Dopri5CountsEveryRightHandSideEvaluation()
    {
        // FSAL: 1 evaluation at the start + 1 for the initial-step heuristic + 6 per attempted step.
        TestProblem problem = TestProblems.DampedOscillator;
        IOdeIntegrator integrator = IntegratorRegistry.Create("dopri5");
        long calls = 0;
        RightHandSide counted = (t, y, dydt) => { calls++; problem.F(t, y, dydt); };
        integrator.Initialize(0.0, problem.InitialState, counted, new IntegratorOptions(1e-8, 1e-10));
        while (integrator.Time < 5.0)
            integrator.Step(5.0);
        IntegratorStatistics s = integrator.Statistics;
        Assert.That(s.RhsEvaluations, Is.EqualTo(calls));
        Assert.That(calls, Is.EqualTo(2 + 6 * (s.AcceptedSteps + s.RejectedSteps)));
    }

    [Test]
    public void Vern7DenseOutputCostsFiveExtraEvaluationsOncePerStep()
    {
        // 1 (f at t0) + 1 (initial-step heuristic) + 9 stages; then the first interpolation adds f(t1, y1) and 5 extra stages.
        TestProblem problem = TestProblems.DampedOscillator;
        IOdeIntegrator integrator = IntegratorRegistry.Create("vern7");
        integrator.Initialize(0.0, problem.InitialState, problem.F, new IntegratorOptions());
        integrator.Step(1.0);
        Assert.That(integrator.Statistics.RhsEvaluations, Is.EqualTo(11));
        var y = new double[2];
        integrator.Interpolate(0.5 * (integrator.PreviousTime + integrator.Time), y);
        integrator.Interpolate(0.7 * integrator.PreviousTime + 0.3 * integrator.Time, y);
        Assert.That(integrator.Statistics.RhsEvaluations, Is.EqualTo(17));
        integrator.Step(1.0);   // f(t1, y1) is reused as the next first stage: 9 more
        Assert.That(integrator.Statistics.RhsEvaluations, Is.EqualTo(26));
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.Adaptive))]
    public void MaxStepIsHonoured(string name)
    {
        const double MaxStep = 0.05;
        TestProblem problem = TestProblems.ExponentialDecay;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, problem.InitialState, problem.F, new IntegratorOptions(MaxStep: MaxStep));
        while (integrator.Time < 1.0)
        {
            integrator.Step(1.0);
            Assert.That(integrator.Time - integrator.PreviousTime, Is.LessThanOrEqualTo(MaxStep * (1 + 1e-12)));
        }
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.Adaptive))]
    public void InitialStepIsUsedWhenGiven(string name)
    {
        TestProblem problem = TestProblems.ExponentialDecay;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, problem.InitialState, problem.F, new IntegratorOptions(InitialStep: 1e-4));
        integrator.Step(1.0);
        Assert.That(integrator.Time, Is.EqualTo(1e-4), "a tiny first step is always accepted as given");
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.AdaptiveExplicit))]
    public void BlowUpEndsInAnUnderflowNamingTheOptions(string name)
    {
        // y' = y², y(0) = 1 blows up at t = 1: the steps shrink until they underflow.
        RightHandSide f = static (_, y, dydt) => dydt[0] = y[0] * y[0];
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, [1.0], f, new IntegratorOptions());
        var failure = Assert.Throws<NumericalFailureException>(() =>
        {
            while (integrator.Time < 2.0)
                integrator.Step(2.0);
        });
        Assert.That(failure!.Message, Does.Contain(name).And.Contain("underflow").And.Contain("rtol").And.Contain("atol").And.Contain("krylov"));
        // The failure happens at the singularity (the last accepted step may graze just past t = 1 within tolerance).
        Assert.That(integrator.Time, Is.EqualTo(1.0).Within(1e-3));
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.All))]
    public void ExceedingMaxStepsThrowsSayingWhatToChange(string name)
    {
        TestProblem problem = TestProblems.DampedOscillator;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, problem.InitialState, problem.F,
            IntegratorRegistry.DefaultOptions(name) with { MaxSteps = 3, MaxStep = 0.01 });
        var failure = Assert.Throws<NumericalFailureException>(() =>
        {
            while (integrator.Time < 10.0)
                integrator.Step(10.0);
        });
        Assert.That(failure!.Message, Does.Contain("MaxSteps").And.Contain("rtol"));
        Assert.That(integrator.Statistics.AcceptedSteps, Is.EqualTo(3));
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.All))]
    public void ResetStateRestartsFromTheNewStateAtTheSameTime(string name)
    {
        TestProblem problem = TestProblems.ExponentialDecay;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        integrator.Initialize(0.0, problem.InitialState, problem.F, IntegratorRegistry.DefaultOptions(name));
        while (integrator.Time < 1.0)
            integrator.Step(1.0);
        double stepBefore = integrator.StepSize;
        integrator.ResetState([2.0]);
        Assert.That(integrator.Time, Is.EqualTo(1.0));
        Assert.That(integrator.StepSize, Is.EqualTo(stepBefore), "the step-size history is kept");
        while (integrator.Time < 2.0)
            integrator.Step(2.0);
        Assert.That(integrator.State[0], Is.EqualTo(2.0 * Math.Exp(-TestProblems.DecayRate)).Within(1e-6));
    }

    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.All))]
    public void CallerErrorsNameTheArgument(string name)
    {
        TestProblem problem = TestProblems.ExponentialDecay;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        Assert.Throws<InvalidOperationException>(() => integrator.Step(1.0));
        Assert.That(Assert.Throws<ArgumentException>(() =>
            integrator.Initialize(0.0, [double.NaN], problem.F, new IntegratorOptions()))!.ParamName, Is.EqualTo("y0"));
        Assert.That(Assert.Throws<ArgumentException>(() =>
            integrator.Initialize(0.0, [1.0], problem.F, new IntegratorOptions(RelativeTolerance: -1)))!.ParamName, Is.EqualTo("options"));
        integrator.Initialize(0.0, problem.InitialState, problem.F, IntegratorRegistry.DefaultOptions(name));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => integrator.Step(0.0))!.ParamName, Is.EqualTo("tLimit"));
        Assert.That(Assert.Throws<ArgumentException>(() => integrator.ResetState([1.0, 2.0]))!.ParamName, Is.EqualTo("y"));
    }
}
