using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// Cutoff scaling of the steady-state solve ℒρ = 0, Tr ρ = 1 (<see cref="SteadyStateSolver"/>, default options: the
/// diagonal excitation-number blocks of this excitation-conserving model, restarted GMRES right-preconditioned with
/// symmetric block Gauss–Seidel sweeps whose block solves are the exact no-jump solves) on the hot/cold machine at
/// cutoffs 8, 12, 16, 20 per mode (2 modes: D = 64, 144, 256, 400; D² unknowns before the block reduction). The
/// right-hand side's scaling is in <see cref="LindbladRhsBenchmarks"/>. The problem (operators, H_eff) is built once
/// in the setup; the measured call is the solve alone. Allocation per solve: the block Liouvillian, the preconditioner's
/// factors and two work vectors, all made once per solve and reported by the Allocated column (the GMRES basis comes
/// from the shared array pool).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SteadyStateCutoffScalingBenchmarks
{
    private LindbladProblem _problem = null!;

    /// <summary>Fock levels per mode (two modes).</summary>
    [Params(8, 12, 16, 20)]
    public int Cutoff { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _problem = LindbladProblem.Build(LindbladBenchmarkModels.HotCold(), new FockSpace(new PerModeTruncation([Cutoff]), 2));

    [Benchmark]
    public double SteadyState() => SteadyStateSolver.Solve(_problem).ResidualNorm;
}
