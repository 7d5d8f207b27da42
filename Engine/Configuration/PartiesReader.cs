using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Reads <c>parties</c>: <c>[{ "name": "A", "modes": [0] }, …]</c>. Names are non-empty and unique; every mode
/// 0..d−1 belongs to exactly one party (a mode in two parties, or in none, is an error naming the mode).
/// </summary>
internal static class PartiesReader
{
    private static readonly string[] PartyKeys = ["name", "modes"];

    public static ImmutableArray<Party>? Read(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var array = reader.Array(node, path, "parties {\"name\", \"modes\"}", minLength: 1);
        if (array is null) return null;
        int before = reader.ErrorCount;
        var parties = ImmutableArray.CreateBuilder<Party>();
        var owner = new Dictionary<int, string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int p = 0; p < array.Count; p++)
        {
            string partyPath = ConfigReader.Index(path, p);
            var obj = reader.Object(array[p], partyPath, PartyKeys);
            if (obj is null) continue;
            string namePath = ConfigReader.Child(partyPath, "name");
            string? name = reader.String(reader.Required(obj, partyPath, "name", "a non-empty party name"), namePath, "a non-empty party name");
            if (name is not null && name.Trim().Length == 0)
            {
                reader.Error(namePath, "the party name is empty; give each party a non-empty name such as \"A\"");
                name = null;
            }
            else if (name is not null && !names.Add(name))
            {
                reader.Error(namePath, $"the party name \"{name}\" is used twice; party names must be unique");
                name = null;
            }
            var partyModes = ReadModes(reader.Required(obj, partyPath, "modes", "a non-empty array of mode indices"),
                ConfigReader.Child(partyPath, "modes"), modes, name ?? $"parties[{p}]", owner, reader);
            if (name is not null && partyModes is not null) parties.Add(new Party(name, partyModes.Value));
        }
        if (modes is int d)
            for (int mode = 0; mode < d; mode++)
                if (!owner.ContainsKey(mode))
                    reader.Error(path, $"mode {mode} is in no party; every mode from 0 to {d - 1} must belong to exactly one party");
        return reader.ErrorCount == before ? parties.ToImmutable() : null;
    }

    private static ImmutableArray<int>? ReadModes(JsonNode? node, string path, int? modes, string partyName,
        Dictionary<int, string> owner, ConfigReader reader)
    {
        var array = reader.Array(node, path, "mode indices", minLength: 1);
        if (array is null) return null;
        var result = ImmutableArray.CreateBuilder<int>();
        bool ok = true;
        for (int i = 0; i < array.Count; i++)
        {
            string modePath = ConfigReader.Index(path, i);
            int? mode = reader.Mode(array[i], modePath, modes);
            if (mode is not int m) { ok = false; continue; }
            if (owner.TryGetValue(m, out string? other))
            {
                reader.Error(modePath, other == partyName
                    ? $"mode {m} is listed twice in party \"{partyName}\"; list each mode once"
                    : $"mode {m} is already in party \"{other}\"; parties must not overlap (every mode belongs to exactly one party)");
                ok = false;
                continue;
            }
            owner[m] = partyName;
            result.Add(m);
        }
        return ok ? result.ToImmutable() : null;
    }
}
