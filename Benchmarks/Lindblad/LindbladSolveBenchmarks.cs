using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// The whole hot/cold lindblad evolution (perMode 20, tEnd 200, 201 samples, dopri5, rtol 1e-6, atol 1e-8; the
/// observer computes ⟨n_0⟩ as a caller would). The steady-state solves are in <see cref="SteadyStateTargetBenchmarks"/>
/// and <see cref="SteadyStateCutoffScalingBenchmarks"/>. Benchmarks/compare_qutip.py
/// runs the same problems through QuTiP. Allocation: per run, the evolution's buffers (a few D² arrays) and the
/// observer's closure; none per step (the integrator owns its stages).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LindbladSolveBenchmarks
{
    private LindbladProblem _hotCold = null!;
    private Complex[] _cat = [];
    private Fock.FockSpace _space = null!;

    [GlobalSetup]
    public void Setup()
    {
        _space = new FockSpace(new PerModeTruncation([20]), 2);
        _hotCold = LindbladProblem.Build(LindbladBenchmarkModels.HotCold(), _space);
        _cat = LindbladBenchmarkModels.CatTimesVacuum(_space, 20);
    }

    [Benchmark]
    public double HotColdLindbladRun()
    {
        double last = 0;
        var evolution = new LindbladEvolution(_hotCold, "dopri5", new IntegratorOptions(1e-6, 1e-8));
        evolution.Run(_cat, 200, 201, (_, rho) => last = LindbladBenchmarkModels.MeanOccupation(_space, rho, 0));
        return last;
    }

}
