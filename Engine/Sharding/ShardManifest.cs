using System.Text.Json;
using System.Text.Json.Nodes;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Sharding;

/// <summary>
/// <c>shard.json</c>: what a trajectory result folder holds, so that <c>merge</c> and <c>--resume</c> can check it
/// before using its <c>ensemble.bin</c>. Written beside every trajectories result (an unsharded run is shard 0/1).
/// </summary>
/// <param name="EngineVersion">Version of the engine that wrote it.</param>
/// <param name="ConfigHash">See <see cref="EnsembleIdentity.ConfigHash"/>.</param>
/// <param name="Shard">Which shard.</param>
/// <param name="Requested">T, the trajectories of the whole ensemble (<c>run.trajectories</c>).</param>
/// <param name="Completed">Trajectories actually in the sums (a leading block of the shard's range).</param>
/// <param name="StopReason">Why the run stopped.</param>
/// <param name="Config">The normalised config that ran.</param>
public sealed record ShardManifest(
    string EngineVersion,
    string ConfigHash,
    string Name,
    ulong Seed,
    ShardSpec Shard,
    long Requested,
    long Completed,
    EnsembleStopReason StopReason,
    JsonObject Config)
{
    public const string FileName = "shard.json";
    public const string SumsFileName = "ensemble.bin";
    private const string Format = "bosonic-trajectories-shard/1";

    public IndexRange Range => Shard.Range(Requested);

    /// <summary>True when the sums hold every trajectory of the range, or the run stopped on its standard-error target.</summary>
    public bool IsFinished => Completed == Range.Count || StopReason == EnsembleStopReason.StandardErrorTarget;

    public static ShardManifest Describe(SimulationConfig config, ShardSpec shard, EnsembleSums sums)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sums);
        // The sums are tagged with the config hash when the ensemble runs (TrajectoryMethod).
        return new ShardManifest(EnsembleIdentity.EngineVersion, sums.Tag, config.Name, config.Run.Seed,
            shard, config.Run.Trajectories, sums.Count, sums.StopReason, config.NormalizedJson);
    }

    /// <summary>
    /// How this manifest's ensemble differs from one with <paramref name="seed"/>, <paramref name="configHash"/> and
    /// <paramref name="engineVersion"/> (seed first, since it is part of the config too), or null when it is the same.
    /// </summary>
    public string? IdentityDifference(ulong seed, string configHash, string engineVersion) =>
        Seed != seed ? $"was run with seed {Seed}, not {seed}"
        : ConfigHash != configHash ? "was run from a different config (its shard.json holds that config)"
        : EngineVersion != engineVersion ? $"was written by engine {EngineVersion}, not {engineVersion}; rerun it with one version"
        : null;

    public JsonObject ToJson() => new()
    {
        ["format"] = Format,
        ["engineVersion"] = EngineVersion,
        ["configHash"] = ConfigHash,
        ["name"] = Name,
        ["seed"] = Seed,
        ["shard"] = new JsonObject { ["index"] = Shard.Index, ["count"] = Shard.Count },
        ["trajectories"] = new JsonObject
        {
            ["requested"] = Requested,
            ["range"] = new JsonArray(Range.Start, Range.End),
            ["completed"] = Completed,
            ["stopReason"] = StopReason.ToString(),
        },
        ["config"] = Config.DeepClone(),
    };

    /// <summary>Reads <c>shard.json</c> from <paramref name="folder"/>; problems are <see cref="ConfigException"/>s naming the file.</summary>
    public static ShardManifest Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new ConfigException(folder, $"not a trajectory result: no {FileName} (expected a folder written by `run` with method trajectories, e.g. with --shard I/N)");
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            if ((string?)json["format"] != Format)
                throw new ConfigException(path, $"format \"{json["format"]}\" is not {Format}");
            var shard = json["shard"]!.AsObject();
            var trajectories = json["trajectories"]!.AsObject();
            return new ShardManifest(
                (string)json["engineVersion"]!, (string)json["configHash"]!, (string)json["name"]!, (ulong)json["seed"]!,
                new ShardSpec((int)shard["index"]!, (int)shard["count"]!), (long)trajectories["requested"]!,
                (long)trajectories["completed"]!, Enum.Parse<EnsembleStopReason>((string)trajectories["stopReason"]!),
                json["config"]!.AsObject());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException or ArgumentException)
        {
            throw new ConfigException(path, $"is damaged ({e.Message}); rerun the shard");
        }
    }

    /// <summary>Reads the sums in <paramref name="folder"/> and checks they match this manifest.</summary>
    public EnsembleSums ReadSums(string folder)
    {
        string path = Path.Combine(folder, SumsFileName);
        if (!File.Exists(path)) throw new ConfigException(folder, $"has {FileName} but no {SumsFileName}; rerun the shard");
        EnsembleSums sums;
        try
        {
            using var stream = File.OpenRead(path);
            sums = EnsembleSums.ReadFrom(stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new ConfigException(path, $"is damaged ({e.Message}); rerun the shard");
        }
        if (sums.Count != Completed || sums.Tag != ConfigHash || sums.Seed != Seed)
            throw new ConfigException(path, $"does not match {FileName} (count, config hash or seed differ); rerun the shard");
        return sums;
    }

    /// <summary>Writes <c>shard.json</c> and <c>ensemble.bin</c> into a folder being staged.</summary>
    public void WriteWith(EnsembleSums sums, string stagingFolder)
    {
        ArgumentNullException.ThrowIfNull(sums);
        File.WriteAllText(Path.Combine(stagingFolder, FileName), ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        using var stream = File.Create(Path.Combine(stagingFolder, SumsFileName));
        sums.WriteTo(stream);
    }
}
