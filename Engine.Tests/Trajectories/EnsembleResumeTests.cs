using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;
using static BosonicTrajectories.Tests.Trajectories.TrajectoryTestModels;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary><see cref="TrajectoryEnsemble.Run"/> with <c>resumeFrom</c>: the same bits, and the same stopping point, as one run.</summary>
public class EnsembleResumeTests
{
    private const int Count = 160;

    private static (TrajectoryProblem Problem, TrajectorySettings Settings) Setup()
    {
        var model = HoppingPair(omega0: 1.0, omega1: 1.3, g: 0.4, kappa0: 0.3, kappa1: 0.5, gain: 0.2);
        var space = Space(2, 5);
        var problem = TrajectoryProblem.Build(model, Initial(space, new FockState(2), new VacuumState()), Linspace(0, 4, 9));
        return (problem, new TrajectorySettings(Seed: 21, JackknifeGroups: 4, DensityMatrixTimes: [8], SteadyStateWindowStart: 2.0));
    }

    private static byte[] Bytes(EnsembleSums sums)
    {
        using var stream = new MemoryStream();
        sums.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Cancels at the first progress report, i.e. right after the first committed chunk.</summary>
    private static EnsembleSums Interrupted(TrajectoryProblem problem, TrajectorySettings settings, IndexRange range)
    {
        using var cancel = new CancellationTokenSource();
        var sums = TrajectoryEnsemble.Run(problem, settings, range, threads: 2, progress: new CancelOnReport(cancel), cancellation: cancel.Token);
        Assert.That(sums.StopReason, Is.EqualTo(EnsembleStopReason.Cancelled));
        Assert.That(sums.Count, Is.InRange(1, range.Count - 1), "stopped part-way");
        return sums;
    }

    [Test]
    public void ResumingAnInterruptedRunGivesTheSameBits([Values(0, 37)] int start)
    {
        var (problem, settings) = Setup();
        var range = new IndexRange(start, start + Count);
        var whole = TrajectoryEnsemble.Run(problem, settings, range, threads: 2);
        var partial = Interrupted(problem, settings, range);
        var resumed = TrajectoryEnsemble.Run(problem, settings, range, threads: 1, resumeFrom: partial);
        Assert.That(resumed.StopReason, Is.EqualTo(EnsembleStopReason.Completed));
        Assert.That(Bytes(resumed), Is.EqualTo(Bytes(whole)));
    }

    /// <summary>
    /// The target is set just above the largest standard error after 96 trajectories, so an uninterrupted run stops at
    /// some chunk boundary between 32 (the minimum) and 96; the resumed run must stop at the same one.
    /// </summary>
    [Test]
    public void AResumedRunStopsOnItsStandardErrorTargetWhereAnUninterruptedOneDoes()
    {
        var (problem, settings) = Setup();
        double target = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 96), threads: 2).MaxStandardError() * 1.0001;
        var withTarget = settings with { StandardErrorTarget = target };
        var whole = TrajectoryEnsemble.Run(problem, withTarget, new IndexRange(0, Count), threads: 2);
        Assert.That(whole.StopReason, Is.EqualTo(EnsembleStopReason.StandardErrorTarget));
        Assert.That(whole.Count, Is.InRange(32, 96));

        var partial = Interrupted(problem, withTarget, new IndexRange(0, Count));
        Assert.That(partial.Count, Is.LessThan(whole.Count));
        var resumed = TrajectoryEnsemble.Run(problem, withTarget, new IndexRange(0, Count), threads: 2, resumeFrom: partial);
        Assert.That(resumed.Count, Is.EqualTo(whole.Count));
        Assert.That(Bytes(resumed), Is.EqualTo(Bytes(whole)));
    }

    [Test]
    public void ResumeRefusesSumsThatAreNotALeadingBlock()
    {
        var (problem, settings) = Setup();
        var middle = TrajectoryEnsemble.Run(problem, settings, new IndexRange(10, 20), threads: 1);
        Assert.That(() => TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 40), threads: 1, resumeFrom: middle),
            Throws.ArgumentException.With.Message.Contains("not a leading block of [0, 40)"));
        var otherSeed = TrajectoryEnsemble.Run(problem, settings with { Seed = 22 }, new IndexRange(0, 8), threads: 1);
        Assert.That(() => TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 40), threads: 1, resumeFrom: otherSeed),
            Throws.ArgumentException.With.Message.Contains("seeds differ"));
    }

    private sealed class CancelOnReport(CancellationTokenSource cancel) : IProgress<EnsembleProgress>
    {
        public void Report(EnsembleProgress value) => cancel.Cancel();
    }
}
