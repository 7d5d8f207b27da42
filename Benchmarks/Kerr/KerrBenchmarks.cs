using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Benchmarks.Kerr;

/// <summary>
/// The driven Kerr oscillator of configs/kerr-benchmark.jsonc (N = 50, H = 0.1 a†a + 0.025 a†²a² + 2(a + a†), jumps
/// √1.2 a and √0.2 a†, vacuum, t ∈ [0, 10] with 100 samples, dopri5, rtol 1e−6, atol 1e−8), run warm and in-process
/// exactly as <c>run</c> runs it (model build, solve, analysis; no output writing): <c>lindblad</c>, and
/// <c>trajectories</c> with 100 trajectories on 1 and 2 threads. Benchmarks/compare_qutip.py and
/// Benchmarks/qutip/kerr.py run the same problem through QuTiP's mesolve and mcsolve.
/// Allocation: per run, the D² buffers of the evolution (lindblad) or one worker per thread and the chunk sums
/// (trajectories), plus the analysis; none per step.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class KerrBenchmarks
{
    private SimulationConfig _lindblad = null!;
    private SimulationConfig _trajectories = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigLoader.Load(KerrConfig.Path());
        _lindblad = ConfigLoader.ApplyOverrides(config, method: "lindblad");
        _trajectories = ConfigLoader.ApplyOverrides(config, method: "trajectories", trajectories: 100);
    }

    [Benchmark]
    public double Lindblad() => Run(_lindblad);

    [Benchmark]
    public double Trajectories100() => Run(_trajectories);

    private double Run(SimulationConfig config) =>
        SimulationRunner.Run(config, new RunContext(Threads, null, CancellationToken.None)).Run.Final.AdaggerA[0, 0].Real;
}
