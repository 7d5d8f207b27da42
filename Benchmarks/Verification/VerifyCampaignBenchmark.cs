using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Simulation;
using BosonicTrajectories.Verification;

namespace BosonicTrajectories.Benchmarks.Verification;

/// <summary>
/// <c>verify --instances 1000 --modes 2..6 --fock-subset 0 --threads 2</c>: 1000 random thermal machines (generation with
/// rejection, model build, Lyapunov steady state, log-negativity of every bipartition, Σ ≥ I/2 certificate) plus the
/// Gaussian controls, on two worker threads; and the same followed by formatting verify.json and verify.csv (no disk).
/// Target: under 10 s. Allocation per campaign: the per-instance models and dense matrices (no time stepping), reported
/// by the Allocated column.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class VerifyCampaignBenchmark
{
    private static readonly VerificationSettings Settings = new(1000, new ModesRange(2, 6), 1, 0);

    [Params(2)]
    public int Threads { get; set; }

    [Benchmark]
    public VerificationReport GaussianCampaign() =>
        VerificationCampaign.Run(Settings, new RunContext(Threads, null, CancellationToken.None));

    [Benchmark]
    public int GaussianCampaignWithOutputFormatting()
    {
        var report = VerificationCampaign.Run(Settings, new RunContext(Threads, null, CancellationToken.None));
        return VerificationJson.Format(VerificationJson.Build(report)).Length + VerificationCsv.Format(report).Length;
    }
}

/// <summary>
/// One instance end to end (generate, build, check) for d = 2 and d = 6, single thread. Allocation per instance: its model
/// and dense matrices, reported by the Allocated column.
/// </summary>
[MemoryDiagnoser]
public class VerifyInstanceBenchmark
{
    [Params(2, 6)]
    public int Modes { get; set; }

    private int index;

    [Benchmark]
    public InstanceResult GenerateAndCheck() =>
        VerificationCampaign.CheckInstance(new VerificationSettings(1, new ModesRange(Modes, Modes), 1, 0), index++ % 64, LyapunovBackend.Instance);
}
