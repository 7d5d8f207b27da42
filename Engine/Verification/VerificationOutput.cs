using BosonicTrajectories.Output;

using BosonicTrajectories.Output.Plots;

namespace BosonicTrajectories.Verification;

/// <summary>Writes <c>&lt;out&gt;/verify/</c> (verify.json, verify.csv) atomically: a crash leaves no half-written result.</summary>
public static class VerificationOutput
{
    public const string FolderName = "verify";

    /// <summary>Histogram of λ_min(Σ − I/2) over the instances.</summary>
    public const string MarginHistogramFile = "certificate-margins.png";

    /// <summary>Writes the report; returns the folder.</summary>
    public static string Write(string outDirectory, VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(outDirectory);
        ArgumentNullException.ThrowIfNull(report);
        string target = Path.Combine(outDirectory, FolderName);
        using var folder = new AtomicDirectory(target);
        File.WriteAllText(folder.PathOf("verify.csv"), VerificationCsv.Format(report));
        File.WriteAllText(folder.PathOf("verify.json"), VerificationJson.Format(VerificationJson.Build(report)));
        var margins = report.Instances.Select(r => r.CertificateMargin).Where(double.IsFinite).ToList();
        if (margins.Count > 0)
            PictureGuard.Draw(folder.StagingPath, () => HistogramPlot.Render(folder.PathOf(MarginHistogramFile),
                $"Separability certificate margins — {margins.Count} random thermal machines", "λ_min(Σ − I/2)  (≥ 0: separable across every cut)",
                margins, bins: 40, marker: 0, markerLabel: "certificate threshold"));
        folder.Commit();
        return target;
    }
}
