using BosonicTrajectories.Configuration;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Sharding;

/// <summary>
/// Combines the folders written by <c>run --shard I/N</c> into the sums of the whole ensemble. Refuses, naming the
/// folders: folders that are not shards, shards of different configs, seeds, engine versions, shard counts or
/// trajectory counts, a shard given twice, missing shards, and shards that stopped early. Because the sums are exact
/// (fixed point), the merged sums are bit-identical to those of one run over all indices.
/// </summary>
public static class ShardMerge
{
    /// <summary>The config the shards ran and their merged sums.</summary>
    public static (SimulationConfig Config, EnsembleSums Sums) Combine(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0) throw new ConfigException("SHARD_DIR", "no shard folders given; pass every <out>/<name>.shard-I-of-N folder");
        var errors = new List<ConfigError>();
        var manifests = new List<(string Folder, ShardManifest Manifest)>();
        foreach (string folder in folders)
        {
            try { manifests.Add((folder, ShardManifest.Read(folder))); }
            catch (ConfigException e) { errors.AddRange(e.Errors); }
        }
        if (errors.Count > 0) throw new ConfigException(errors);

        var (firstFolder, first) = manifests[0];
        foreach (var (folder, m) in manifests.Skip(1))
        {
            string? difference =
                m.IdentityDifference(first.Seed, first.ConfigHash, first.EngineVersion) is { } identity ? $"{identity}, unlike {firstFolder}"
                : m.Shard.Count != first.Shard.Count ? $"is shard {m.Shard} but {firstFolder} is shard {first.Shard}; every shard must use the same N"
                : m.Requested != first.Requested ? $"requests {m.Requested} trajectories but {firstFolder} requests {first.Requested}"
                : null;
            if (difference is not null) errors.Add(new ConfigError(folder, difference));
        }
        if (errors.Count > 0) throw new ConfigException(errors);

        foreach (var group in manifests.GroupBy(x => x.Manifest.Shard.Index).Where(g => g.Count() > 1))
            errors.Add(new ConfigError(string.Join(", ", group.Select(x => x.Folder)), $"shard {group.Key}/{first.Shard.Count} is given more than once"));
        var missing = Enumerable.Range(0, first.Shard.Count).Except(manifests.Select(x => x.Manifest.Shard.Index)).ToList();
        if (missing.Count > 0)
            errors.Add(new ConfigError("SHARD_DIR",
                $"shard{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} of {first.Shard.Count} missing " +
                $"(expected {string.Join(", ", missing.Take(3).Select(i => new ShardSpec(i, first.Shard.Count).FolderName(first.Name)))}{(missing.Count > 3 ? ", …" : "")})"));
        foreach (var (folder, m) in manifests.Where(x => !x.Manifest.IsFinished))
            errors.Add(new ConfigError(folder,
                $"holds {m.Completed} of its {m.Range.Count} trajectories (stopped: {m.StopReason}); finish it with `run CONFIG --shard {m.Shard} --resume`"));
        if (errors.Count > 0) throw new ConfigException(errors);

        var config = ConfigLoader.Parse(first.Config.ToJsonString(), $"config stored in {Path.Combine(firstFolder, ShardManifest.FileName)}");
        if (EnsembleIdentity.ConfigHash(config) != first.ConfigHash)
            throw new ConfigException(Path.Combine(firstFolder, ShardManifest.FileName), "its config does not match its configHash; the file was edited — rerun the shard");
        EnsembleSums? total = null;
        foreach (var (folder, m) in manifests.OrderBy(x => x.Manifest.Shard.Index))
        {
            var sums = m.ReadSums(folder);
            if (total is null) total = sums;
            else total.Merge(sums);
        }
        return (config, total!);
    }
}
