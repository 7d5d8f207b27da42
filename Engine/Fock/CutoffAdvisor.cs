using System.Numerics;

namespace BosonicTrajectories.Fock;

/// <summary>
/// Finds the smallest cutoff that holds a given weight of a state: the searches behind the
/// "use perMode ≥ c" / "use totalExcitations ≥ K" advice. Each returns null when the answer lies beyond
/// what it is willing to enumerate.
/// </summary>
internal static class CutoffAdvisor
{
    /// <summary>Largest one-mode level count examined.</summary>
    public const int MaxLevelsSearched = 1 << 20;

    /// <summary>Largest total excitation bound examined by the convolution search.</summary>
    public const int MaxTotalSearched = 1 << 14;

    /// <summary>Largest number of occupation vectors a multi-mode search evaluates.</summary>
    public const long MaxStatesEnumerated = 20_000_000;

    /// <summary>Smallest c with Σ_{n &lt; c} p(n) ≥ threshold.</summary>
    public static int? SmallestLevels(Func<int, double> population, double threshold)
    {
        double held = 0;
        for (int n = 0; n < MaxLevelsSearched; n++)
        {
            held += population(n);
            if (held >= threshold) return n + 1;
        }
        return null;
    }

    /// <summary>Smallest K with Σ_{N ≤ K} P(N) ≥ threshold, P the distribution of N = Σ_i n_i for independent modes.</summary>
    public static int? SmallestTotal(IReadOnlyList<Func<int, double>> populations, double threshold)
    {
        for (int maxTotal = 64; maxTotal <= MaxTotalSearched; maxTotal *= 2)
        {
            var distribution = new double[maxTotal + 1];
            distribution[0] = 1;
            foreach (var population in populations)
            {
                var table = new double[maxTotal + 1];
                for (int n = 0; n <= maxTotal; n++) table[n] = population(n);
                var next = new double[maxTotal + 1];
                for (int a = 0; a <= maxTotal; a++)
                {
                    if (distribution[a] == 0) continue;
                    for (int b = 0; a + b <= maxTotal; b++) next[a + b] += distribution[a] * table[b];
                }
                distribution = next;
            }
            double held = 0;
            for (int total = 0; total <= maxTotal; total++)
            {
                held += distribution[total];
                if (held >= threshold) return total;
            }
        }
        return null;
    }

    /// <summary>Smallest K with Σ_{Σn ≤ K} |⟨n|ψ⟩|² ≥ threshold (sector by sector).</summary>
    public static int? SmallestTotal(MultiModeProfile profile, int modes, double threshold)
    {
        double held = 0;
        long enumerated = 0;
        var occupations = new int[modes];
        for (int total = 0; enumerated < MaxStatesEnumerated; total++)
        {
            enumerated += ForEachInSector(occupations, 0, total, n => held += Population(profile, n));
            if (held >= threshold) return total;
        }
        return null;
    }

    /// <summary>Smallest c such that the cube 0 ≤ n_i &lt; c holds ≥ threshold of the state (doubling, then bisection).</summary>
    public static int? SmallestUniformLevels(MultiModeProfile profile, int modes, double threshold)
    {
        int low = 0, high = 1;   // the cube with `low` levels fails, with `high` levels is being tried
        while (CubeWeight(profile, modes, high) < threshold)
        {
            low = high;
            high *= 2;
            if (Math.Pow(high, modes) > MaxStatesEnumerated) return null;
        }
        while (high - low > 1)
        {
            int middle = low + ((high - low) / 2);
            if (CubeWeight(profile, modes, middle) >= threshold) high = middle;
            else low = middle;
        }
        return high;
    }

    private static double CubeWeight(MultiModeProfile profile, int modes, int levels)
    {
        double held = 0;
        var occupations = new int[modes];
        long count = (long)Math.Pow(levels, modes);
        for (long k = 0; k < count; k++)
        {
            long rest = k;
            for (int i = modes - 1; i >= 0; i--)
            {
                occupations[i] = (int)(rest % levels);
                rest /= levels;
            }
            held += Population(profile, occupations);
        }
        return held;
    }

    /// <summary>Calls <paramref name="visit"/> on every vector with n_0..n_{mode−1} fixed and Σ_{i ≥ mode} n_i = remaining.</summary>
    private static long ForEachInSector(int[] occupations, int mode, int remaining, Action<int[]> visit)
    {
        if (mode == occupations.Length - 1)
        {
            occupations[mode] = remaining;
            visit(occupations);
            return 1;
        }
        long count = 0;
        for (int v = 0; v <= remaining; v++)
        {
            occupations[mode] = v;
            count += ForEachInSector(occupations, mode + 1, remaining - v, visit);
        }
        return count;
    }

    private static double Population(MultiModeProfile profile, ReadOnlySpan<int> occupations)
    {
        double magnitude = Complex.Abs(profile.Amplitude(occupations));
        return magnitude * magnitude;
    }
}
