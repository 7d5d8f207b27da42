using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;

namespace BosonicTrajectories.Convergence;

/// <summary>
/// Whether a cutoff holds the config's initial state, by the same rule as <see cref="InitialStates"/> (the truncated
/// space keeps at least 1 − <see cref="InitialStates.NormTolerance"/> of its norm), and the smallest cutoff that does.
/// </summary>
public static class InitialStateFit
{
    /// <summary>
    /// The <see cref="ConfigException"/> <see cref="InitialStates.Build"/> raises for the config's truncation
    /// (it names the cutoff and the smallest one that would hold the state), or null when the state fits.
    /// </summary>
    public static ConfigException? Problem(SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            _ = InitialStates.Build(new FockSpace(config.Truncation, config.Modes), config.InitialState);
            return null;
        }
        catch (ConfigException e)
        {
            return e;
        }
    }

    /// <summary>
    /// The smallest cutoff c ≥ <paramref name="atLeast"/> that holds the initial state, found by doubling and then
    /// bisection (the kept weight grows with c), trying only cutoffs whose Hilbert dimension is at most
    /// <paramref name="maxDimension"/>.
    /// </summary>
    /// <exception cref="ConfigException">No such cutoff holds the state: the error of the largest one tried
    /// (it says which cutoff would; an initial state that is invalid at every cutoff ends here too).</exception>
    public static int SmallestCutoff(SimulationConfig config, int atLeast, long maxDimension)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (atLeast < 1) throw new ArgumentException($"a cutoff must be ≥ 1, got {atLeast}", nameof(atLeast));
        bool Fits(int c) => Problem(CutoffTruncation.Apply(config, c)) is null;
        long Dimension(int c) => CutoffTruncation.HilbertDimension(config.Truncation, c, config.Modes);
        if (Dimension(atLeast) > maxDimension)
            throw new ArgumentException($"cutoff {atLeast} already exceeds the dimension limit {maxDimension}", nameof(atLeast));

        int low = atLeast - 1, high = atLeast;   // `low` fails (or is below the range), `high` is being tried
        while (!Fits(high))
        {
            low = high;
            int next = high * 2;
            if (Dimension(next) > maxDimension)
            {
                next = LargestWithin(config, high, next, maxDimension);
                if (next == high) throw Problem(CutoffTruncation.Apply(config, high))!;
            }
            high = next;
        }
        while (high - low > 1)
        {
            int middle = low + ((high - low) / 2);
            if (Fits(middle)) high = middle;
            else low = middle;
        }
        return high;
    }

    /// <summary>The largest c in [low, high] whose dimension is within the limit (dimension grows with c).</summary>
    private static int LargestWithin(SimulationConfig config, int low, int high, long maxDimension)
    {
        while (high - low > 1)
        {
            int middle = low + ((high - low) / 2);
            if (CutoffTruncation.HilbertDimension(config.Truncation, middle, config.Modes) <= maxDimension) low = middle;
            else high = middle;
        }
        return low;
    }
}
