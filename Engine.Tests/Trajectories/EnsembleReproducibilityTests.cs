using System.Numerics;
using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;
using static BosonicTrajectories.Tests.Trajectories.TrajectoryTestModels;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>Same seed ⇒ same bits, whatever the threads, shards, stopping point or serialisation.</summary>
public class EnsembleReproducibilityTests
{
    private const int Count = 70;

    private static (TrajectoryProblem Problem, TrajectorySettings Settings) Setup(int? chunkSize = null)
    {
        var model = HoppingPair(omega0: 1.0, omega1: 1.3, g: 0.4, kappa0: 0.3, kappa1: 0.5, gain: 0.2);
        var space = Space(2, 5);
        var problem = TrajectoryProblem.Build(model, Initial(space, new FockState(2), new VacuumState()), Linspace(0, 4, 9));
        var settings = new TrajectorySettings(
            Seed: 77, ChunkSize: chunkSize ?? 8, JackknifeGroups: 4, DensityMatrixTimes: [4, 8], SteadyStateWindowStart: 2.0);
        return (problem, settings);
    }

    private static byte[] Bytes(EnsembleSums sums)
    {
        using var stream = new MemoryStream();
        sums.WriteTo(stream);
        return stream.ToArray();
    }

    [Test]
    public void OneAndTwoThreadsGiveIdenticalBits()
    {
        var (problem, settings) = Setup();
        var one = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, Count), threads: 1);
        var two = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, Count), threads: 2);
        Assert.That(one.Count, Is.EqualTo(Count));
        Assert.That(one.TotalJumps, Is.GreaterThan(Count), "the model must jump for the test to mean something");
        Assert.That(Bytes(two), Is.EqualTo(Bytes(one)));
    }

    [Test]
    public void MergedShardsEqualOneRun()
    {
        var (problem, settings) = Setup();
        var whole = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, Count), threads: 2);
        // Splits deliberately not aligned to the chunk size 8, merged out of order.
        var parts = new[] { new IndexRange(0, 13), new IndexRange(13, 41), new IndexRange(41, Count) }
            .Select(r => TrajectoryEnsemble.Run(problem, settings, r, threads: 1)).ToArray();
        var merged = parts[2];
        merged.Merge(parts[0]);
        merged.Merge(parts[1]);
        Assert.That(merged.TrajectoryRanges, Is.EqualTo(new[] { new IndexRange(0, Count) }));
        Assert.That(Bytes(merged), Is.EqualTo(Bytes(whole)));
    }

    [Test]
    public void SerialisationRoundTripsBitForBit()
    {
        var (problem, settings) = Setup();
        var sums = TrajectoryEnsemble.Run(problem, settings, new IndexRange(5, 30), threads: 2);
        byte[] bytes = Bytes(sums);
        using var stream = new MemoryStream(bytes);
        var read = EnsembleSums.ReadFrom(stream);
        Assert.That(Bytes(read), Is.EqualTo(bytes));
        Assert.That(read.Mean(3, 0), Is.EqualTo(sums.Mean(3, 0)));
        Assert.That(read.DensityMatrix(1), Is.EqualTo(sums.DensityMatrix(1)));
    }

    [Test]
    public void MergeRejectsOverlapAndForeignSums()
    {
        var (problem, settings) = Setup();
        var a = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 10), threads: 1);
        var b = TrajectoryEnsemble.Run(problem, settings, new IndexRange(5, 12), threads: 1);
        Assert.That(() => a.Merge(b), Throws.ArgumentException.With.Message.Contains("already included"));
        var other = TrajectoryEnsemble.Run(problem, settings with { Seed = 78 }, new IndexRange(20, 22), threads: 1);
        Assert.That(() => a.Merge(other), Throws.ArgumentException.With.Message.Contains("seeds differ"));
    }

    [Test]
    public void StandardErrorTargetStopsAtAChunkBoundaryReproducibly()
    {
        var (problem, settings) = Setup(chunkSize: 4);
        settings = settings with { StandardErrorTarget = 0.12, MinimumTrajectoriesForTarget = 8 };
        var one = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 400), threads: 1);
        var two = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 400), threads: 2);
        Assert.That(one.StopReason, Is.EqualTo(EnsembleStopReason.StandardErrorTarget));
        Assert.That(one.Count % 4, Is.EqualTo(0));
        Assert.That(one.Count, Is.LessThan(400));
        Assert.That(one.MaxStandardError(), Is.LessThan(0.12));
        Assert.That(Bytes(two), Is.EqualTo(Bytes(one)));
        // ...and it is exactly the result of the first n trajectories.
        var prefix = TrajectoryEnsemble.Run(problem, settings with { StandardErrorTarget = null }, new IndexRange(0, one.Count), threads: 2);
        prefix.StopReason = EnsembleStopReason.StandardErrorTarget;
        Assert.That(Bytes(prefix), Is.EqualTo(Bytes(one)));
    }

    [Test]
    public void CancellationReturnsTheCompletedLeadingTrajectories()
    {
        var (problem, settings) = Setup();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Completed >= 16) cancel.Cancel(); });
        var partial = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 100_000), threads: 2, progress: progress,
            cancellation: cancel.Token);
        Assert.That(partial.StopReason, Is.EqualTo(EnsembleStopReason.Cancelled));
        Assert.That(partial.Count, Is.InRange(16, 99_999));
        Assert.That(partial.TrajectoryRanges, Is.EqualTo(new[] { new IndexRange(0, partial.Count) }));
        var prefix = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, partial.Count), threads: 1);
        Assert.That(prefix.Mean(8, 0), Is.EqualTo(partial.Mean(8, 0)));
        Assert.That(prefix.DensityMatrix(1), Is.EqualTo(partial.DensityMatrix(1)));
    }

    [Test]
    public void WallClockLimitKeepsAValidPrefix()
    {
        var (problem, settings) = Setup();
        var limited = TrajectoryEnsemble.Run(problem, settings with { WallClockLimit = TimeSpan.FromMilliseconds(300) },
            new IndexRange(0, 1_000_000), threads: 2);
        Assert.That(limited.StopReason, Is.EqualTo(EnsembleStopReason.WallClockLimit));
        Assert.That(limited.Count, Is.LessThan(1_000_000));
        Assert.That(limited.TrajectoryRanges, Is.EqualTo(limited.Count == 0 ? Array.Empty<IndexRange>() : new[] { new IndexRange(0, limited.Count) }));
    }

    [Test]
    public void StreamsDependOnSeedAndIndexOnly()
    {
        var a = TrajectoryRandom.ForTrajectory(9, 1000);
        var b = TrajectoryRandom.ForTrajectory(9, 1000);
        var c = TrajectoryRandom.ForTrajectory(9, 1001);
        var d = TrajectoryRandom.ForTrajectory(10, 1000);
        ulong x = a.NextUInt64();
        Assert.That(b.NextUInt64(), Is.EqualTo(x));
        Assert.That(c.NextUInt64(), Is.Not.EqualTo(x));
        Assert.That(d.NextUInt64(), Is.Not.EqualTo(x));
    }

    /// <summary>Reports on the calling (committing) thread, unlike <see cref="Progress{T}"/>.</summary>
    private sealed class SynchronousProgress(Action<EnsembleProgress> action) : IProgress<EnsembleProgress>
    {
        public void Report(EnsembleProgress value) => action(value);
    }
}
