using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Sharding;

/// <summary>
/// <c>run --resume</c>: finds the saved sums of an earlier, interrupted run of the same config and shard in its result
/// folder, and checks they belong to this run (config hash, engine version, seed, shard). The folder not existing is
/// not an error (the run starts from scratch, as a requeued scheduler task expects); anything else that does not match is.
/// </summary>
public static class ResumePoint
{
    /// <summary>The manifest and sums saved in <paramref name="folder"/>, or null when there is no such folder.</summary>
    public static ShardedEnsemble? Find(string folder, SimulationConfig config, ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Directory.Exists(folder)) return null;
        if (!File.Exists(Path.Combine(folder, ShardManifest.FileName)))
            throw new ConfigException("--resume",
                $"{folder} holds a result without {ShardManifest.FileName} (not a trajectories run); remove it or choose another --out");
        var saved = ShardManifest.Read(folder);
        string? mismatch =
            saved.IdentityDifference(config.Run.Seed, EnsembleIdentity.ConfigHash(config), EnsembleIdentity.EngineVersion)
            ?? (saved.Shard != shard ? $"holds shard {saved.Shard}, not {shard}"
            : !shard.IsWhole && saved.Requested != config.Run.Trajectories
                ? $"belongs to an ensemble of {saved.Requested} trajectories, not {config.Run.Trajectories} (shard ranges depend on it)"
            : saved.Completed > shard.Range(config.Run.Trajectories).Count
                ? $"already holds {saved.Completed} trajectories, more than the {config.Run.Trajectories} requested"
            : null);
        if (mismatch is not null)
            throw new ConfigException("--resume", $"cannot resume from {folder}: it {mismatch}; remove the folder or choose another --out");
        return new ShardedEnsemble(saved, saved.ReadSums(folder));
    }
}
