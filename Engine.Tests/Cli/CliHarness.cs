using BosonicTrajectories.Cli;

namespace BosonicTrajectories.Tests.Cli;

/// <summary>Runs the command line in-process with captured stdout/stderr and a private output folder.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "bt-cli-" + Guid.NewGuid().ToString("N"));

    public string Out => Path.Combine(Folder, "results");

    public string WriteConfig(string name, string json)
    {
        string path = Path.Combine(Folder, name + ".jsonc");
        File.WriteAllText(path, json);
        return path;
    }

    public (int ExitCode, string StdOut, string StdErr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        TextWriter oldOut = Console.Out, oldErr = Console.Error;
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = CommandLine.Run(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Path of a config in the repository's configs/ folder (tests run from Engine.Tests/bin/...).</summary>
    public static string RepoConfig(string fileName)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BosonicTrajectories.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "configs", fileName);
    }
}
