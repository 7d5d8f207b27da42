using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;
using static BosonicTrajectories.Tests.Trajectories.TrajectoryTestModels;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>The trajectory loop allocates nothing once the worker is built and warmed up.</summary>
public class AllocationTests
{
    [Test]
    public void LongTrajectoryAllocatesNothing()
    {
        var model = HoppingPair(omega0: 1.0, omega1: 1.3, g: 0.4, kappa0: 0.3, kappa1: 0.5, gain: 0.3);
        var space = Space(2, 8);
        var problem = TrajectoryProblem.Build(model, Initial(space, new FockState(2), new VacuumState()), Linspace(0, 200, 201));
        var worker = new TrajectoryWorker(problem, new TrajectorySettings(DensityMatrixTimes: [200], SteadyStateWindowStart: 100, JumpLogCapacity: 8));
        TrajectorySolver.RunOne(worker, 0); // warm-up: JIT and tiering

        long before = GC.GetAllocatedBytesForCurrentThread();
        TrajectorySolver.RunOne(worker, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(worker.Record.AcceptedSteps, Is.GreaterThan(500), "a long trajectory");
        Assert.That(worker.Record.JumpCount, Is.GreaterThan(20), "with many jumps");
        Assert.That(allocated, Is.Zero);
    }
}
