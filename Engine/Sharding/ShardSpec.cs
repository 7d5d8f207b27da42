using System.Globalization;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Sharding;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (0-based, as Slurm's <c>SLURM_ARRAY_TASK_ID</c> with
/// <c>--array=0-(N-1)</c> and Kubernetes' <c>JOB_COMPLETION_INDEX</c>). Shards are contiguous blocks of trajectory indices:
/// shard I of N holds [⌊I·T/N⌋, ⌊(I+1)·T/N⌋) of the T requested, so the shards partition [0, T) whatever T and N.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole ensemble (an unsharded run).</summary>
    public static ShardSpec Whole => new(0, 1);

    public bool IsWhole => Count == 1;

    /// <summary>The trajectory indices of this shard among <paramref name="total"/>.</summary>
    public IndexRange Range(long total) => new(Boundary(Index, total), Boundary(Index + 1, total));

    /// <summary>The result folder name: the config's name, with <c>.shard-I-of-N</c> for a shard.</summary>
    public string FolderName(string name) => IsWhole ? name : $"{name}.shard-{Index}-of-{Count}";

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses "I/N" with 0 ≤ I &lt; N; errors name <paramref name="option"/>.</summary>
    public static ShardSpec Parse(string text, string option = "--shard")
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index < count)
            return new ShardSpec(index, count);
        throw new ConfigException(option,
            $"\"{text}\" is not valid; expected I/N with shards numbered 0 ≤ I < N (e.g. 0/4 … 3/4; Slurm: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)");
    }

    private long Boundary(int i, long total) => (long)((Int128)i * total / Count);
}
