using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// The two steady-state targets, solve alone (the problem — H, jumps, H_eff — is built in the setup; it takes ~0.1 s
/// for D = 1728): the embedded default config (two-mode hot/cold machine, cutoff 20 per mode, D = 400, 5340
/// coherence-order-zero unknowns) and the three-mode chain of configs/three-mode-steadystate.jsonc (cutoff 12 per
/// mode, D = 1728, 137292 unknowns), both with default <see cref="SteadyStateOptions"/> (symmetric block Gauss–Seidel
/// sweeps with exact no-jump block solves, GMRES to 1e-12 relative). Allocation per solve: the block factors
/// (eigenvectors, inverses, and MathNet's temporaries while computing them), two complex work vectors, and the
/// D×D result (48 MB at D = 1728); the Krylov vectors come from the shared array pool.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 9)]
public class SteadyStateTargetBenchmarks
{
    private LindbladProblem _hotCold = null!;
    private LindbladProblem _threeModes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigLoader.Default();
        var hotCold = ModelBuilder.Build(config.Model);
        _hotCold = LindbladProblem.Build(hotCold, new FockSpace(config.Truncation, hotCold.Modes));
        _threeModes = LindbladProblem.Build(LindbladBenchmarkModels.ThreeModeChain(), new FockSpace(new PerModeTruncation([12, 12, 12]), 3));
    }

    /// <summary>Default config, method steadystate: 2 modes × 20 levels.</summary>
    [Benchmark]
    public double SteadyStateHotColdCutoff20() => SteadyStateSolver.Solve(_hotCold).ResidualNorm;

    /// <summary>configs/three-mode-steadystate.jsonc: 3 modes × 12 levels.</summary>
    [Benchmark]
    public double SteadyStateThreeModesCutoff12() => SteadyStateSolver.Solve(_threeModes).ResidualNorm;
}
