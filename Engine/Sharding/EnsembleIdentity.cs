using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Sharding;

/// <summary>
/// What makes two partial ensembles parts of one: the config (hashed without <c>run.trajectories</c>, which only says how
/// many indices to run) and the engine version. Shards and resumed runs must agree on both.
/// </summary>
public static class EnsembleIdentity
{
    /// <summary>The engine's version (informational version of the assembly).</summary>
    public static string EngineVersion { get; } =
        typeof(EnsembleIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(EnsembleIdentity).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>"sha256:…" of the normalised config's JSON text, with <c>run.trajectories</c> removed.</summary>
    public static string ConfigHash(SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var json = config.NormalizedJson.DeepClone().AsObject();
        if (json["run"] is System.Text.Json.Nodes.JsonObject run) run.Remove("trajectories");
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(json.ToJsonString()));
        return "sha256:" + Convert.ToHexStringLower(digest);
    }
}
