using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Benchmarks.Trajectories;

/// <summary>
/// The 200-trajectory ensemble of the hot/cold cat machine on 1 and 2 threads (<see cref="HotColdCatProblem"/>).
/// Allocation per ensemble: one worker per thread and at most 2·threads + 1 chunk accumulators (threads and sums); none
/// per step or per trajectory.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class HotColdCatEnsembleBenchmarks
{
    private TrajectoryProblem _problem = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _problem = HotColdCatProblem.Build();

    [Benchmark]
    public long Ensemble200() =>
        TrajectoryEnsemble.Run(_problem, HotColdCatProblem.Settings, new IndexRange(0, HotColdCatProblem.Trajectories), Threads).Count;
}
