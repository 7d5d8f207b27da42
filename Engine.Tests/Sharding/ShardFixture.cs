using System.Text.Json.Nodes;
using BosonicTrajectories.Tests.Cli;

namespace BosonicTrajectories.Tests.Sharding;

/// <summary>A small trajectories config and comparisons of result folders, for the sharding and resume tests.</summary>
internal static class ShardFixture
{
    public const string Name = "shards";

    /// <summary>Two modes, cutoff 7, a cat and a thermal state, 60 trajectories (8 chunks of 8 at most): fast, and
    /// enough structure (jumps on both baths, a mixed initial state) for any mix-up of indices or streams to show.</summary>
    public static string Config(int trajectories = 60, ulong seed = 5, double tEnd = 8, string extraRun = "") =>
        SmallMachine.Config(Name, """{ "product": [ { "cat": { "alpha": 0.7, "phase": 0 } }, { "thermal": { "nbar": 0.1 } } ] }""",
            $"\"method\": \"trajectories\", \"tEnd\": {tEnd.ToString(System.Globalization.CultureInfo.InvariantCulture)}, \"samples\": 5, " +
            $"\"trajectories\": {trajectories}, \"seed\": {seed}{extraRun}");

    /// <summary>Asserts two result folders hold the same bits: every file identical, summary.json apart from timing.</summary>
    public static void AssertSameResult(string expectedFolder, string actualFolder)
    {
        var expectedFiles = Directory.GetFiles(expectedFolder).Select(f => Path.GetFileName(f)!).Order().ToArray();
        var actualFiles = Directory.GetFiles(actualFolder).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.That(actualFiles, Is.EqualTo(expectedFiles), "the same files");
        Assert.That(expectedFiles, Does.Contain("ensemble.bin").And.Contain("shard.json").And.Contain("timeseries.csv"));
        foreach (string file in expectedFiles)
        {
            if (file == "summary.json")
                Assert.That(WithoutTiming(Path.Combine(actualFolder, file)), Is.EqualTo(WithoutTiming(Path.Combine(expectedFolder, file))), file);
            else
                Assert.That(File.ReadAllBytes(Path.Combine(actualFolder, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(expectedFolder, file))), file);
        }
    }

    public static JsonNode Summary(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!;

    public static JsonNode Manifest(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "shard.json")))!;

    public static void AssertOk((int ExitCode, string StdOut, string StdErr) run) =>
        Assert.That(run.ExitCode, Is.EqualTo(0), run.StdErr + run.StdOut);

    private static string WithoutTiming(string summaryPath)
    {
        var json = JsonNode.Parse(File.ReadAllText(summaryPath))!.AsObject();
        Assert.That(json.Remove("timing"), Is.True, "summary.json has a timing block");
        return json.ToJsonString();
    }

    public static string Folder(CliHarness cli, string sub, string name = Name) => Path.Combine(cli.Out, sub, name);
}
