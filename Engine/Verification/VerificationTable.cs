using System.Globalization;
using System.Text;

namespace BosonicTrajectories.Verification;

/// <summary>The on-screen summary of a campaign: instances, worst values, Fock cross-checks, controls, and the result.</summary>
public static class VerificationTable
{
    public static string Format(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        var settings = report.Settings;
        s.AppendLine(inv, $"verify: {settings.Instances} thermal machines (modes {settings.Modes}, seed {settings.Seed}), backend {report.Backend}, {report.Threads} thread{(report.Threads == 1 ? "" : "s")}, {report.WallSeconds:F2} s");
        s.AppendLine(inv, $"  instances                        {report.Holding} hold, {report.Violations} violate, {report.FailedInstances} failed");
        if (report.WorstLogNegativity is { } worst)
            s.AppendLine(inv, $"  worst log-negativity             {worst.MaxLogNegativity,10:G3}   instance {worst.Index} ({worst.WorstBipartition}); threshold {InstanceCheck.LogNegativityThreshold:G1}");
        if (report.SmallestCertificateMargin is { } margin)
            s.AppendLine(inv, $"  smallest λ_min(Σ − I/2)          {margin.CertificateMargin,10:G3}   instance {margin.Index}; certified when ≥ −{Gaussian.SeparabilityCertificate.Tolerance:G1}·max(1, ‖Σ‖)");
        if (report.LargestFockDiscrepancy is { } fock)
            s.AppendLine(inv, $"  largest Fock−Gaussian |Δ⟨a†a⟩|   {fock.CorrelationMaxAbsError,10:G3}   Fock candidate {fock.Candidate}; tolerance {fock.CorrelationTolerance:G3}");

        if (settings.FockSubset == 0)
        {
            s.AppendLine();
            s.AppendLine("Fock cross-checks and Fock controls: not run (--fock-subset 0, Gaussian only)");
        }
        else
        {
            s.AppendLine();
            s.AppendLine(inv, $"Fock cross-checks ({report.FockChecks.Count} of {settings.FockSubset}; two-mode machines, steady state vs Gaussian, cat run to {FockCrossCheck.RelaxationTimes}/γ)");
            s.AppendLine("  candidate  cutoff   |Δ⟨a†a⟩|  tolerance  E_N steady   E_N cat t=0 → t_end        time  result");
            foreach (var f in report.FockChecks)
                s.AppendLine(inv, $"  {f.Candidate,9}  {f.Cutoff,6}  {f.CorrelationMaxAbsError,9:G3}  {f.CorrelationTolerance,9:G3}  {f.SteadyLogNegativity,10:G3}   {f.InitialLogNegativity,6:G3} → {f.FinalLogNegativity,-9:G3} t={f.RunTime,-6:F0} {f.WallSeconds,5:F1} s  {(f.Passed ? "pass" : "FAIL")}");
        }

        s.AppendLine();
        s.AppendLine("Controls (outside the hypotheses: must be entangled; s = 0 is a thermal machine: must be separable)");
        s.AppendLine("  control                                   method                          s         E_N  reference   verdict     result");
        foreach (var c in report.Controls)
            s.AppendLine(inv, $"  {c.Name,-40}  {c.Method,-28}  {c.Squeezing,6:G3}  {c.LogNegativity,10:G4}  {(c.Expected is { } e ? e.ToString("G4", inv) : "—"),9}   {c.Verdict,-10}  {(c.Passed ? "pass" : "FAIL")}");

        s.AppendLine();
        var problems = report.Problems;
        if (problems.Count == 0)
            s.AppendLine(settings.FockSubset == 0
                ? "RESULT: PASS — no instance violates the theorem; every control passes (Gaussian only)."
                : "RESULT: PASS — no instance violates the theorem; every Fock cross-check and control passes.");
        else
        {
            s.AppendLine(inv, $"RESULT: FAIL — {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
            foreach (string p in problems) s.AppendLine("  " + p);
        }
        return s.ToString().TrimEnd();
    }
}
