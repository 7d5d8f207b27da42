using System.Globalization;

namespace BosonicTrajectories.Verification;

/// <summary>Everything a <c>verify</c> campaign found: per-instance results (by index), Fock cross-checks and controls.</summary>
/// <param name="Settings">What was checked.</param>
/// <param name="Backend">Name of the Gaussian backend.</param>
/// <param name="Instances">Result of instance k at position k (independent of the thread count).</param>
/// <param name="FockChecks">The Fock cross-checks, in candidate order.</param>
/// <param name="Controls">Gaussian controls, then Fock controls.</param>
/// <param name="Threads">Worker threads used (does not change any result).</param>
/// <param name="WallSeconds">Wall-clock time of the campaign.</param>
public sealed record VerificationReport(
    VerificationSettings Settings,
    string Backend,
    IReadOnlyList<InstanceResult> Instances,
    IReadOnlyList<FockCheckResult> FockChecks,
    IReadOnlyList<ControlResult> Controls,
    int Threads,
    double WallSeconds)
{
    public int Holding => Instances.Count(r => r.Outcome == InstanceOutcome.Holds);

    public int Violations => Instances.Count(r => r.Outcome == InstanceOutcome.Violates);

    public int FailedInstances => Instances.Count(r => r.Outcome == InstanceOutcome.Failed);

    /// <summary>The instance with the largest log-negativity (null when none was computed).</summary>
    public InstanceResult? WorstLogNegativity =>
        Instances.Where(r => r.Outcome != InstanceOutcome.Failed).MaxBy(r => r.MaxLogNegativity);

    /// <summary>The instance with the smallest λ_min(Σ − I/2).</summary>
    public InstanceResult? SmallestCertificateMargin =>
        Instances.Where(r => r.Outcome != InstanceOutcome.Failed).MinBy(r => r.CertificateMargin);

    /// <summary>The Fock check whose ⟨a†a⟩ discrepancy is largest relative to its tolerance.</summary>
    public FockCheckResult? LargestFockDiscrepancy =>
        FockChecks.Where(f => f.Error is null).MaxBy(f => f.CorrelationMaxAbsError / f.CorrelationTolerance);

    /// <summary>Why the campaign fails, one line each; empty when it passes.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            var problems = new List<string>();
            foreach (var r in Instances.Where(r => r.Outcome == InstanceOutcome.Violates).Take(10))
                problems.Add(string.Create(inv,
                    $"instance {r.Index} violates the theorem: log-negativity {r.MaxLogNegativity:G3} across {r.WorstBipartition}, λ_min(Σ − I/2) = {r.CertificateMargin:G3}"));
            foreach (var r in Instances.Where(r => r.Outcome == InstanceOutcome.Failed).Take(10))
                problems.Add($"instance {r.Index} could not be checked: {r.Error}");
            int hidden = Violations + FailedInstances - Math.Min(10, Violations) - Math.Min(10, FailedInstances);
            if (hidden > 0) problems.Add($"… and {hidden} more failing instances (see verify.csv)");
            if (FockChecks.Count < Settings.FockSubset)
                problems.Add($"only {FockChecks.Count} of {Settings.FockSubset} Fock cross-check machines were found");
            foreach (var f in FockChecks.Where(f => !f.Passed))
                problems.Add(f.Error is not null
                    ? $"Fock cross-check {f.Candidate} could not run: {f.Error}"
                    : string.Create(inv,
                        $"Fock cross-check {f.Candidate} fails: |Δ⟨a†a⟩| = {f.CorrelationMaxAbsError:G3} (tolerance {f.CorrelationTolerance:G3}), steady E_N = {f.SteadyLogNegativity:G3}, final E_N of the cat run = {f.FinalLogNegativity:G3} (floor {f.NoiseFloor:G2})"));
            foreach (var c in Controls.Where(c => !c.Passed))
                problems.Add(c.Error is not null
                    ? $"control '{c.Name}' ({c.Method}, s = {c.Squeezing.ToString("G3", inv)}) could not run: {c.Error}"
                    : string.Create(inv,
                        $"control '{c.Name}' ({c.Method}, s = {c.Squeezing:G3}) is reported {c.Verdict} with E_N = {c.LogNegativity:G4}{(c.Expected is { } e ? $" (reference {e:G6} ± {c.ExpectedTolerance:G2})" : "")}; it must be {(c.MustBeEntangled ? "entangled" : "separable")}"));
            return problems;
        }
    }

    /// <summary>No instance violates or fails, every Fock cross-check and every control passes.</summary>
    public bool Passed => Problems.Count == 0;
}
