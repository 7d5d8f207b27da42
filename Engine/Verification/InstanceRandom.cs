using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Verification;

/// <summary>
/// The random stream of one verification instance: xoshiro256** (Blackman and Vigna) whose 256-bit state is filled by
/// SplitMix64 from the key (seed, index). Instance k therefore draws the same numbers whatever the number of instances,
/// the thread that runs it or the platform (no dependence on <see cref="System.Random"/>'s implementation).
/// </summary>
public sealed class InstanceRandom
{
    private TrajectoryRandom stream;
    private double? spareGaussian;

    /// <summary>The stream of instance <paramref name="index"/> of the campaign seeded by <paramref name="seed"/>
    /// (the same xoshiro256** generator and (seed, index) seeding as trajectories use: one home for it).</summary>
    public InstanceRandom(ulong seed, long index) => stream = TrajectoryRandom.ForTrajectory(seed, index);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => stream.NextUInt64();

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>e^u with u uniform on [ln low, ln high): every decade between the bounds is equally likely.</summary>
    public double LogUniform(double low, double high) => Math.Exp(Uniform(Math.Log(low), Math.Log(high)));

    /// <summary>An integer uniform on [<paramref name="low"/>, <paramref name="high"/>] (both included).</summary>
    public int Integer(int low, int high)
    {
        if (high < low) throw new ArgumentException($"the range [{low}, {high}] is empty", nameof(high));
        ulong span = (ulong)(high - low) + 1;
        // Rejection of the incomplete top block keeps every value exactly equally likely.
        ulong limit = ulong.MaxValue - (ulong.MaxValue % span);
        ulong draw;
        do draw = NextUInt64(); while (draw >= limit);
        return low + (int)(draw % span);
    }

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A standard normal number (Marsaglia's polar method; the second number of each pair is kept).</summary>
    public double Gaussian()
    {
        if (spareGaussian is { } spare)
        {
            spareGaussian = null;
            return spare;
        }
        double u, v, r;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            r = (u * u) + (v * v);
        }
        while (r >= 1 || r == 0);
        double factor = Math.Sqrt(-2 * Math.Log(r) / r);
        spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>A standard complex normal number: real and imaginary parts independent with variance ½ each.</summary>
    public System.Numerics.Complex ComplexGaussian() => new(Gaussian() * Math.Sqrt(0.5), Gaussian() * Math.Sqrt(0.5));

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = Integer(0, i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }


}
