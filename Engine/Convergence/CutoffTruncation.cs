using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Convergence;

/// <summary>
/// One number, the <em>cutoff</em> c, standing for a truncation of the config's kind: c levels |0⟩..|c − 1⟩ on every
/// mode for a per-mode config (whatever its per-mode levels were), the bound K = c on Σ n_i for a total-excitation
/// config.
/// </summary>
public static class CutoffTruncation
{
    /// <summary>The truncation of <paramref name="kind"/>'s form with cutoff <paramref name="cutoff"/> on <paramref name="modes"/> modes.</summary>
    public static Truncation Of(Truncation kind, int cutoff, int modes)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (cutoff < 1) throw new ArgumentException($"a cutoff must be ≥ 1, got {cutoff}", nameof(cutoff));
        return kind switch
        {
            TotalExcitationTruncation => new TotalExcitationTruncation(cutoff),
            _ => new PerModeTruncation(Enumerable.Repeat(cutoff, modes).ToImmutableArray()),
        };
    }

    /// <summary>
    /// The config with its truncation replaced by cutoff <paramref name="cutoff"/>; its
    /// <see cref="SimulationConfig.NormalizedJson"/> shows the new truncation (<c>{"perMode": c}</c> or
    /// <c>{"totalExcitations": c}</c>).
    /// </summary>
    public static SimulationConfig Apply(SimulationConfig config, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(config);
        var truncation = Of(config.Truncation, cutoff, config.Modes);
        var json = config.NormalizedJson.DeepClone().AsObject();
        json["truncation"] = new JsonObject { [KeyOf(truncation)] = cutoff };
        return config with { Truncation = truncation, NormalizedJson = json };
    }

    /// <summary>"perMode" or "totalExcitations": the config key the cutoff sets.</summary>
    public static string KeyOf(Truncation truncation) => truncation is TotalExcitationTruncation ? "totalExcitations" : "perMode";

    /// <summary>
    /// Hilbert dimension of cutoff <paramref name="cutoff"/> without building the space: c^d per mode,
    /// C(K + d, d) for total excitations. Saturates at <see cref="long.MaxValue"/>.
    /// </summary>
    public static long HilbertDimension(Truncation kind, int cutoff, int modes)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (modes < 1) throw new ArgumentException($"need at least one mode, got {modes}", nameof(modes));
        double dimension = 1;
        if (kind is TotalExcitationTruncation)
            for (int k = 1; k <= modes; k++) dimension = dimension * (cutoff + k) / k;   // C(K + d, d), exact while < 2^53
        else
            dimension = Math.Pow(cutoff, modes);
        return dimension >= long.MaxValue ? long.MaxValue : (long)Math.Round(dimension);
    }
}
