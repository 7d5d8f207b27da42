using System.Diagnostics;
using System.Text.RegularExpressions;
using BosonicTrajectories.Tests.Cli;

namespace BosonicTrajectories.Tests.Sharding;

/// <summary>
/// The Slurm job-array script and the Kubernetes indexed-Job manifest in deploy/ follow the shard contract: run as the
/// scheduler would (one process per array task / completion index, with the scheduler's environment variables), then
/// merged by their merge step, they give the same bits as one unsharded run. No cluster needed: the scripts' own shell
/// commands are executed here with bash / sh, against the engine built next to these tests.
/// </summary>
[NonParallelizable]
public partial class DeployContractTests
{
    [Test]
    public void SlurmArrayThenMergeEqualsOneRun()
    {
        string script = File.ReadAllText(DeployFile("slurm", "trajectories.sbatch"));
        var array = ArrayDirective().Match(script);
        Assert.That(array.Success, "the script declares #SBATCH --array=0-(N-1)");
        Assert.That(array.Groups[1].Value, Is.EqualTo("0"), "array indices start at 0, as --shard I/N does");
        int n = int.Parse(array.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
        Assert.That(script, Does.Contain("--shard \"${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}\""));

        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config(trajectories: 44));
        string shards = Path.Combine(cli.Folder, "shards"), merged = Path.Combine(cli.Folder, "merged");
        for (int i = 0; i < n; i++)
            Execute("bash", DeployFile("slurm", "trajectories.sbatch"), cli.Folder, new()
            {
                ["SLURM_ARRAY_TASK_ID"] = $"{i}", ["SLURM_ARRAY_TASK_COUNT"] = $"{n}", ["SLURM_CPUS_PER_TASK"] = "1",
                ["CONFIG"] = config, ["OUT"] = shards, ["ENGINE"] = EngineDll,
            });
        Assert.That(Directory.GetDirectories(shards), Has.Length.EqualTo(n));
        Execute("bash", DeployFile("slurm", "merge.sbatch"), cli.Folder, new() { ["OUT"] = shards, ["MERGED"] = merged, ["ENGINE"] = EngineDll });

        ShardFixture.AssertOk(cli.Run("run", config, "--out", Path.Combine(cli.Folder, "one")));
        ShardFixture.AssertSameResult(Path.Combine(cli.Folder, "one", ShardFixture.Name), Path.Combine(merged, ShardFixture.Name));
    }

    [Test]
    public void KubernetesIndexedJobThenMergeJobEqualsOneRun()
    {
        string job = File.ReadAllText(DeployFile("kubernetes", "trajectories-job.yaml"));
        Assert.That(job, Does.Match(@"(?m)^\s*completionMode:\s*Indexed\s*$"), "an Indexed Job sets JOB_COMPLETION_INDEX");
        int completions = int.Parse(Field(job, "completions"), System.Globalization.CultureInfo.InvariantCulture);
        var env = EnvValues(job);
        Assert.That(env["SHARDS"], Is.EqualTo($"{completions}"), "SHARDS must equal spec.completions");
        string shardCommand = Args(job);
        Assert.That(shardCommand, Does.Contain("--shard \"$JOB_COMPLETION_INDEX/$SHARDS\""));

        using var cli = new CliHarness();
        string config = cli.WriteConfig("c", ShardFixture.Config(trajectories: 44));
        string shards = Path.Combine(cli.Folder, "shards"), merged = Path.Combine(cli.Folder, "merged");
        for (int i = 0; i < completions; i++)
            Execute("sh", "-c", shardCommand, cli.Folder, new(env)
            {
                ["JOB_COMPLETION_INDEX"] = $"{i}", ["CONFIG"] = config, ["OUT"] = shards, ["ENGINE"] = EngineDll,
            });
        string mergeJob = File.ReadAllText(DeployFile("kubernetes", "merge-job.yaml"));
        Execute("sh", "-c", Args(mergeJob), cli.Folder, new(EnvValues(mergeJob)) { ["OUT"] = shards, ["MERGED"] = merged, ["ENGINE"] = EngineDll });

        ShardFixture.AssertOk(cli.Run("run", config, "--out", Path.Combine(cli.Folder, "one")));
        ShardFixture.AssertSameResult(Path.Combine(cli.Folder, "one", ShardFixture.Name), Path.Combine(merged, ShardFixture.Name));
    }

    private static string EngineDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "Engine.dll");

    private static string DeployFile(string folder, string file) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(CliHarness.RepoConfig("x"))!)!, "deploy", folder, file);

    private static void Execute(string shell, string script, string workingDirectory, Dictionary<string, string> environment) =>
        Execute(shell, null, script, workingDirectory, environment);

    /// <summary>Runs <c>shell [flag] script</c> with <c>dotnet</c> (this test host's) on PATH; asserts exit code 0.</summary>
    private static void Execute(string shell, string? flag, string script, string workingDirectory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(shell) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (flag is not null) start.ArgumentList.Add(flag);
        start.ArgumentList.Add(script);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        string dotnetFolder = Path.GetDirectoryName(Environment.ProcessPath)!;
        start.Environment["PATH"] = dotnetFolder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), $"{shell} {script}\n{stdout.Result}\n{stderr}");
    }

    private static string Field(string yaml, string key)
    {
        var match = Regex.Match(yaml, $@"(?m)^\s*{key}:\s*(\S+)\s*$");
        Assert.That(match.Success, $"the manifest sets {key}");
        return match.Groups[1].Value;
    }

    /// <summary>The container's env entries (<c>- name: X</c> followed by <c>value: Y</c>).</summary>
    private static Dictionary<string, string> EnvValues(string yaml) =>
        EnvEntry().Matches(yaml).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    /// <summary>The single shell command under <c>args:</c> (run by <c>/bin/sh -c</c>).</summary>
    private static string Args(string yaml)
    {
        var match = ArgsEntry().Match(yaml);
        Assert.That(match.Success, "the container has command [/bin/sh, -c] and one args entry");
        return match.Groups[1].Value.Trim();
    }

    [GeneratedRegex(@"(?m)^#SBATCH --array=(\d+)-(\d+)\s*$")]
    private static partial Regex ArrayDirective();

    [GeneratedRegex(@"-\s*name:\s*(\w+)\s*\n\s*value:\s*""?([^""\n]*)""?")]
    private static partial Regex EnvEntry();

    [GeneratedRegex(@"command:\s*\[""/bin/sh"",\s*""-c""\]\s*\n\s*args:\s*\n\s*-\s*(.+)")]
    private static partial Regex ArgsEntry();
}
