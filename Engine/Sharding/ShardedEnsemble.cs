using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Sharding;

/// <summary>The sums of a trajectories run and the manifest that says what they are (written as shard.json + ensemble.bin).</summary>
public sealed record ShardedEnsemble(ShardManifest Manifest, EnsembleSums Sums);
