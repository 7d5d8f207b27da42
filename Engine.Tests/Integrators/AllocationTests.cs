using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>After warm-up, stepping and dense output allocate nothing (buffers are owned by the integrator).</summary>
public class AllocationTests
{
    [TestCaseSource(typeof(IntegratorNames), nameof(IntegratorNames.All))]
    public void HundredStepsWithDenseOutputAllocateNothing(string name)
    {
        TestProblem problem = TestProblems.ComplexRotation;
        IOdeIntegrator integrator = IntegratorRegistry.Create(name);
        IntegratorOptions options = IntegratorRegistry.DefaultOptions(name) with { MaxStep = 0.01 };
        var y = new double[problem.InitialState.Length];

        integrator.Initialize(0.0, problem.InitialState, problem.F, options);
        RunSteps(integrator, y, 10);                       // warm-up: JIT, tiered compilation, lazy buffers
        integrator.Initialize(0.0, problem.InitialState, problem.F, options);   // same length: buffers reused
        integrator.ResetState(problem.InitialState);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunSteps(integrator, y, 100);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(after - before, Is.Zero);
    }

    private static void RunSteps(IOdeIntegrator integrator, double[] y, int count)
    {
        for (int i = 0; i < count; i++)
        {
            integrator.Step(1e3);
            integrator.Interpolate(0.5 * (integrator.PreviousTime + integrator.Time), y);
        }
    }
}
