using System.Numerics;
using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Benchmarks.Trajectories;

/// <summary>
/// Single-trajectory costs on the hot/cold cat machine (<see cref="HotColdCatProblem"/>): one right-hand side (the
/// cost of a step is about six of these plus vector updates) and one whole trajectory.
/// Allocation per step and per trajectory: 0 B (the worker owns every buffer; the Allocated column checks it).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class HotColdCatTrajectoryBenchmarks
{
    private TrajectoryProblem _problem = null!;
    private TrajectoryWorker _worker = null!;
    private Complex[] _phases = null!;
    private Complex[] _psi = null!;
    private Complex[] _derivative = null!;
    private long _index;

    [GlobalSetup]
    public void Setup()
    {
        _problem = HotColdCatProblem.Build();
        _worker = new TrajectoryWorker(_problem, HotColdCatProblem.Settings);
        _phases = new Complex[_problem.Generator.PhaseBufferLength];
        _psi = [.. _problem.InitialState(0)];
        _derivative = new Complex[_problem.Dimension];
        for (int k = 0; k < 20; k++) TrajectorySolver.RunOne(_worker, 1_000_000 + k);
    }

    /// <summary>One right-hand-side evaluation −i(H_eff − H0)_I(t) ψ_I (a dopri5 step costs ~6 of these plus vector updates).</summary>
    [Benchmark]
    public void RightHandSide()
    {
        _problem.Generator.ComputePhases(17.0, _phases);
        _problem.Generator.Multiply(_phases, _psi, _derivative);
    }

    /// <summary>One whole trajectory, t = 0..200 with its jumps and 201 outputs (per-thread worker, no allocation).</summary>
    [Benchmark]
    public long OneTrajectory()
    {
        TrajectorySolver.RunOne(_worker, ++_index);
        return _worker.Record.AcceptedSteps;
    }
}
