using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// The hot/cold lindblad evolution on a total-excitation truncation (Σn ≤ 30, D = 496; tEnd 200, 201 samples, dopri5,
/// rtol 1e-6, atol 1e-8, the observer computes ⟨n_0⟩), in the local modes and in the normal modes of H
/// (<see cref="LindbladEvolution.UseNormalModes"/>: the same truncated dynamics; there every jump is a ladder and each
/// block is computed by <see cref="LadderJumps"/>). The normal-mode run includes building the frame and converting
/// every sample back to the local modes. <see cref="RhsThreads"/> is <see cref="LindbladEvolution.RightHandSideThreads"/>:
/// the right-hand side alone scales with it, the stage combinations and the per-sample conversions do not.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class NormalModeSolveBenchmarks
{
    private LindbladProblem _problem = null!;
    private Complex[] _cat = [];
    private FockSpace _space = null!;

    /// <summary>Evolve in the normal modes of H (true) or in the local modes.</summary>
    [Params(false, true)]
    public bool NormalModes { get; set; }

    /// <summary>Threads of the right-hand side.</summary>
    [Params(1, 2)]
    public int RhsThreads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _space = new FockSpace(new TotalExcitationTruncation(30), 2);
        _problem = LindbladProblem.Build(LindbladBenchmarkModels.HotCold(), _space);
        _cat = LindbladBenchmarkModels.CatTimesVacuum(_space, 31);
    }

    [Benchmark]
    public double HotColdTotalExcitations30()
    {
        double last = 0;
        var evolution = new LindbladEvolution(_problem, "dopri5", new IntegratorOptions(1e-6, 1e-8)) { UseNormalModes = NormalModes, RightHandSideThreads = RhsThreads };
        evolution.Run(_cat, 200, 201, (_, rho) => last = LindbladBenchmarkModels.MeanOccupation(_space, rho, 0));
        if (evolution.EvolvedInNormalModes != NormalModes) throw new InvalidOperationException("the frame was not taken as asked");
        return last;
    }
}
