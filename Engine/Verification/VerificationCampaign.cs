using System.Diagnostics;
using System.Globalization;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Verification;

/// <summary>
/// The <c>verify</c> campaign (issue 5): checks the no-go theorem — the steady state of every thermal machine inside its
/// hypotheses is separable across every bipartition of the parties — on random instances
/// (<see cref="RandomThermalMachines"/>, <see cref="InstanceCheck"/>), cross-checks the Gaussian backend against the
/// Fock-space solvers on small machines (<see cref="FockCrossCheck"/>), and runs controls that break the hypotheses and
/// must be reported entangled (<see cref="ControlExperiments"/>). Instances run in parallel; each result is stored at its
/// index, so nothing but the wall time depends on the thread count.
/// </summary>
public static class VerificationCampaign
{
    /// <summary>Progress weights, in units of one Gaussian instance (~1–2 ms): a Fock check takes seconds.</summary>
    private const long FockCheckWeight = 2000, FockControlsWeight = 1000, GaussianControlsWeight = 5;

    /// <summary>Runs the campaign with the engine's own backend.</summary>
    public static VerificationReport Run(VerificationSettings settings, RunContext context) =>
        Run(settings, LyapunovBackend.Instance, context);

    /// <summary>Runs the campaign with <paramref name="backend"/> as the Gaussian theory under test.</summary>
    /// <exception cref="ArgumentException">Invalid settings or a thread count below 1.</exception>
    /// <exception cref="OperationCanceledException">The context was cancelled.</exception>
    public static VerificationReport Run(VerificationSettings settings, IGaussianBackend backend, RunContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(context);
        settings.Validate();
        if (context.Threads < 1) throw new ArgumentException($"the thread count must be ≥ 1, got {context.Threads}", nameof(context));
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = context.Threads, CancellationToken = context.Cancellation };
        int n = settings.Instances;
        double total = n + GaussianControlsWeight + (settings.FockSubset > 0 ? (settings.FockSubset * FockCheckWeight) + FockControlsWeight : 0);
        long done = 0;
        void Advance(long units, string detail) => context.Report(Interlocked.Add(ref done, units) / total, detail);

        var instances = new InstanceResult[n];
        int finished = 0, flagged = 0;
        Parallel.For(0, n, parallel, k =>
        {
            var result = CheckInstance(settings, k, backend);
            instances[k] = result;
            if (result.Outcome != InstanceOutcome.Holds) Interlocked.Increment(ref flagged);
            int count = Interlocked.Increment(ref finished);
            Advance(1, string.Create(CultureInfo.InvariantCulture, $"instances {count}/{n}, {Volatile.Read(ref flagged)} flagged"));
        });

        var controls = new List<ControlResult>(ControlExperiments.Gaussian(backend));
        Advance(GaussianControlsWeight, "Gaussian controls");

        var fock = Array.Empty<FockCheckResult>();
        if (settings.FockSubset > 0)
        {
            var candidates = FockInstances.Select(settings.Seed, settings.FockSubset, backend);
            fock = new FockCheckResult[candidates.Count];
            int fockDone = 0;
            Parallel.For(0, candidates.Count, parallel, j =>
            {
                fock[j] = FockCrossCheck.Run(candidates[j], backend, context.Cancellation);
                Advance(FockCheckWeight, string.Create(CultureInfo.InvariantCulture,
                    $"Fock cross-checks {Interlocked.Increment(ref fockDone)}/{candidates.Count}"));
            });
            Advance((settings.FockSubset - candidates.Count) * FockCheckWeight, "Fock controls");
            controls.AddRange(ControlExperiments.Fock(backend, context.Cancellation));
            Advance(FockControlsWeight, "done");
        }
        context.Cancellation.ThrowIfCancellationRequested();
        return new VerificationReport(settings, backend.Name, instances, fock, controls, context.Threads, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Generates and checks instance k; a failure to generate becomes a failed result.</summary>
    public static InstanceResult CheckInstance(VerificationSettings settings, int index, IGaussianBackend backend)
    {
        ArgumentNullException.ThrowIfNull(settings);
        GeneratedMachine machine;
        try
        {
            machine = RandomThermalMachines.Generate(settings.Seed, index, settings.Modes);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            return InstanceResult.FailedAt(index, null, e);
        }
        return InstanceCheck.Run(machine, backend);
    }
}
