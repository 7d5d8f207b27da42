namespace BosonicTrajectories.Trajectories;

/// <summary>
/// The random stream of one trajectory: xoshiro256** (Blackman &amp; Vigna) whose 256-bit state is filled by
/// SplitMix64 from a key that mixes the ensemble seed and the trajectory index. Trajectory k's stream therefore
/// depends only on (seed, k), never on the thread that runs it. A mutable struct: copy it only deliberately.
/// </summary>
public struct TrajectoryRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The stream of trajectory <paramref name="index"/> of the ensemble with <paramref name="seed"/>.</summary>
    public static TrajectoryRandom ForTrajectory(ulong seed, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // Two SplitMix64 rounds give a well-mixed key: distinct (seed, index) pairs map to unrelated states even
        // for consecutive indices and small seeds.
        ulong key = seed;
        ulong mixedSeed = SplitMix64(ref key);
        ulong state = mixedSeed ^ ((ulong)index * 0xD1B54A32D192ED03UL);
        var random = new TrajectoryRandom
        {
            _s0 = SplitMix64(ref state),
            _s1 = SplitMix64(ref state),
            _s2 = SplitMix64(ref state),
            _s3 = SplitMix64(ref state),
        };
        if ((random._s0 | random._s1 | random._s2 | random._s3) == 0) random._s0 = 1; // the all-zero state is a fixed point
        return random;
    }

    /// <summary>The next 64 random bits (xoshiro256**).</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on the open interval (0, 1): never 0, so a jump threshold r is always reachable.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 12) + 0.5) * (1.0 / (1UL << 52));

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
