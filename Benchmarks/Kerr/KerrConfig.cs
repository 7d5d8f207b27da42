namespace BosonicTrajectories.Benchmarks.Kerr;

/// <summary>Finds configs/kerr-benchmark.jsonc above the working directory or the benchmark's own folder.</summary>
internal static class KerrConfig
{
    private const string RelativePath = "configs/kerr-benchmark.jsonc";

    public static string Path()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = System.IO.Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"{RelativePath} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
    }
}
