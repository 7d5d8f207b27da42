using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Reads <c>truncation</c> (SPEC §3), exactly one key: <c>{"perMode": n}</c> (n ≥ 1 levels |0⟩..|n−1⟩ on every mode),
/// <c>{"perMode": [n_0, …]}</c> (one per mode) or <c>{"totalExcitations": K}</c> (K ≥ 1: all n with Σ n_i ≤ K).
/// </summary>
internal static class TruncationReader
{
    private static readonly string[] Forms = ["perMode", "totalExcitations"];

    public static Truncation? Read(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var choice = reader.Choice(node, path, Forms, "truncation");
        if (choice is not var (form, value)) return null;
        string valuePath = ConfigReader.Child(path, form);
        if (form == "totalExcitations")
            return reader.Integer(value, valuePath, 1, requirement: "an integer K ≥ 1 (keep all Fock states with Σ n_i ≤ K)") is int k
                ? new TotalExcitationTruncation(k)
                : null;
        if (value is JsonArray)
        {
            if (modes is not int d) return null;
            var array = reader.Array(value, valuePath, "level counts (one per mode, each ≥ 1)", d);
            if (array is null) return null;
            var levels = new int[d];
            bool ok = true;
            for (int i = 0; i < d; i++)
            {
                int? n = reader.Integer(array[i], ConfigReader.Index(valuePath, i), 1, requirement: "a number of Fock levels ≥ 1");
                if (n is int m) levels[i] = m;
                else ok = false;
            }
            return ok ? new PerModeTruncation([.. levels]) : null;
        }
        int? all = reader.Integer(value, valuePath, 1, requirement: "a number of Fock levels ≥ 1 per mode, or an array of them (one per mode)");
        return all is int c && modes is int count ? new PerModeTruncation(Enumerable.Repeat(c, count).ToImmutableArray()) : null;
    }
}
