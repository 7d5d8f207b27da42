namespace BosonicTrajectories.Output;

/// <summary>
/// Writes a result folder atomically: everything goes to a hidden staging folder beside the target, which is
/// renamed into place only when complete. A crash leaves at worst a stale staging folder, never a half-written
/// result. An existing result of the same name is replaced.
/// </summary>
public sealed class AtomicDirectory : IDisposable
{
    private readonly string target;
    private bool committed;

    public AtomicDirectory(string target)
    {
        this.target = Path.GetFullPath(target);
        string parent = Path.GetDirectoryName(this.target) ?? ".";
        Directory.CreateDirectory(parent);
        StagingPath = Path.Combine(parent, $".{Path.GetFileName(this.target)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(StagingPath);
    }

    /// <summary>The folder to write into.</summary>
    public string StagingPath { get; }

    public string PathOf(string fileName) => Path.Combine(StagingPath, fileName);

    /// <summary>Moves the staging folder into place (replacing any older result).</summary>
    public void Commit()
    {
        string? old = null;
        if (Directory.Exists(target))
        {
            old = target + $".old-{Guid.NewGuid():N}";
            Directory.Move(target, old);
        }
        Directory.Move(StagingPath, target);
        committed = true;
        if (old is not null) Directory.Delete(old, recursive: true);
    }

    public void Dispose()
    {
        if (!committed && Directory.Exists(StagingPath)) Directory.Delete(StagingPath, recursive: true);
    }

    /// <summary>Writes one file atomically (temp file + rename) — for files outside a result folder.</summary>
    public static void WriteFile(string path, string contents)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
        string temp = full + $".tmp-{Guid.NewGuid():N}";
        File.WriteAllText(temp, contents);
        File.Move(temp, full, overwrite: true);
    }
}
