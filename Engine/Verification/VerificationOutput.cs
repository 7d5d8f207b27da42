using BosonicTrajectories.Output;

namespace BosonicTrajectories.Verification;

/// <summary>Writes <c>&lt;out&gt;/verify/</c> (verify.json, verify.csv) atomically: a crash leaves no half-written result.</summary>
public static class VerificationOutput
{
    public const string FolderName = "verify";

    /// <summary>Writes the report; returns the folder.</summary>
    public static string Write(string outDirectory, VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(outDirectory);
        ArgumentNullException.ThrowIfNull(report);
        string target = Path.Combine(outDirectory, FolderName);
        using var folder = new AtomicDirectory(target);
        File.WriteAllText(folder.PathOf("verify.csv"), VerificationCsv.Format(report));
        File.WriteAllText(folder.PathOf("verify.json"), VerificationJson.Format(VerificationJson.Build(report)));
        folder.Commit();
        return target;
    }
}
