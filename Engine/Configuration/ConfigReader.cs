using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Reads typed values out of a mutable JSON tree and collects every problem as a <see cref="ConfigError"/>
/// instead of stopping at the first. Each reader returns null when the value is absent or invalid (the error is
/// already recorded, exactly once), so callers simply skip the checks that depend on it. Optional keys that are absent get their
/// default written into the tree, which therefore ends up as the normalised config.
/// </summary>
internal sealed class ConfigReader
{
    private readonly List<ConfigError> errors = [];

    public IReadOnlyList<ConfigError> Errors => errors;

    public int ErrorCount => errors.Count;

    public void Error(string path, string message) => errors.Add(new ConfigError(path, message));

    public static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Format(Complex value) =>
        value.Imaginary == 0 ? Format(value.Real) : $"[{Format(value.Real)}, {Format(value.Imaginary)}]";

    /// <summary>"a string", "an array", … for messages about a value of the wrong kind.</summary>
    public static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => $"the string \"{node.GetValue<string>()}\"",
            JsonValueKind.Number => "the number " + node.ToJsonString(),
            JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
            _ => node.ToJsonString(),
        },
    };

    // ----- objects and keys -----

    /// <summary>The node as an object whose keys are all in <paramref name="allowedKeys"/> (unknown keys are errors).</summary>
    public JsonObject? Object(JsonNode? node, string path, IReadOnlyList<string> allowedKeys)
    {
        if (node is not JsonObject obj)
        {
            WrongKind(node, path, $"an object with keys {{{string.Join(", ", allowedKeys)}}}");
            return null;
        }
        CheckKeys(obj, path, allowedKeys);
        return obj;
    }

    public void CheckKeys(JsonObject obj, string path, IReadOnlyList<string> allowedKeys)
    {
        foreach (var (key, _) in obj)
            if (!allowedKeys.Contains(key, StringComparer.Ordinal))
                Error(Child(path, key), allowedKeys.Count == 0
                    ? $"unknown key '{key}'; this object takes no keys (write {{}})"
                    : $"unknown key '{key}'; valid keys here are: {string.Join(", ", allowedKeys)}");
    }

    /// <summary>The value of a required key, or null (error recorded) when it is missing.</summary>
    public JsonNode? Required(JsonObject obj, string path, string key, string expected)
    {
        if (obj.TryGetPropertyValue(key, out var node)) return node;
        Error(Child(path, key), $"missing required key '{key}'; expected {expected}");
        return null;
    }

    /// <summary>
    /// The value of an optional key. When the key is absent, <paramref name="defaultValue"/> is written into the tree
    /// (normalisation) and returned. (An explicit JSON null was already reported by <see cref="ReportNulls"/>.)
    /// </summary>
    public JsonNode? Optional(JsonObject obj, string path, string key, Func<JsonNode>? defaultValue)
    {
        if (obj.TryGetPropertyValue(key, out var node)) return node;
        if (defaultValue is null) return null;
        // Re-parse so the default is backed by a JsonElement like every value read from the file
        // (a JsonValue built from an int would refuse TryGetValue<double>).
        var value = JsonNode.Parse(defaultValue().ToJsonString());
        obj[key] = value;
        return value;
    }

    /// <summary>
    /// Reports every JSON null in the tree (a config never uses null: leave a key out to get its default). Done once
    /// up front, so that the typed readers below can treat a null node as "absent or already reported" and stay silent.
    /// </summary>
    public void ReportNulls(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                Error(path.Length == 0 ? "(document)" : path, "null is not allowed; give a value, or leave an optional key out to use its default");
                break;
            case JsonObject obj:
                foreach (var (key, value) in obj) ReportNulls(value, Child(path, key));
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++) ReportNulls(array[i], Index(path, i));
                break;
        }
    }

    /// <summary>Records "expected …, found …" unless <paramref name="node"/> is null (absent or already reported).</summary>
    private void WrongKind(JsonNode? node, string path, string expected)
    {
        if (node is not null) Error(path, $"expected {expected}, found {KindOf(node)}");
    }

    /// <summary>An object with exactly one key out of <paramref name="kinds"/> (e.g. a one-mode state); returns the key and its value.</summary>
    public (string Kind, JsonNode? Value)? Choice(JsonNode? node, string path, IReadOnlyList<string> kinds, string what)
    {
        string valid = string.Join(", ", kinds.Select(k => $"{{\"{k}\": …}}"));
        if (node is null) return null;
        if (node is not JsonObject obj || obj.Count != 1)
        {
            Error(path, $"expected {what}: an object with exactly one of the keys {valid}, found " +
                        (node is JsonObject o ? $"an object with {o.Count} keys" : KindOf(node)));
            return null;
        }
        var (key, value) = obj.First();
        if (!kinds.Contains(key, StringComparer.Ordinal))
        {
            Error(Child(path, key), $"unknown {what} '{key}'; valid ones are: {string.Join(", ", kinds)}");
            return null;
        }
        return (key, value);
    }

    // ----- scalars -----

    public string? String(JsonNode? node, string path, string expected)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        WrongKind(node, path, expected);
        return null;
    }

    /// <summary>One of <paramref name="names"/> (case-sensitive); an unknown name lists the valid ones.</summary>
    public string? Name(JsonNode? node, string path, IReadOnlyList<string> names)
    {
        string valid = string.Join(" | ", names.Select(n => $"\"{n}\""));
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            WrongKind(node, path, $"one of {valid}");
            return null;
        }
        string s = v.GetValue<string>();
        if (names.Contains(s, StringComparer.Ordinal)) return s;
        Error(path, $"\"{s}\" is not valid; expected one of {valid}");
        return null;
    }

    public bool? Bool(JsonNode? node, string path)
    {
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        WrongKind(node, path, "true or false");
        return null;
    }

    /// <summary>A finite real number satisfying <paramref name="isValid"/>, described by <paramref name="requirement"/> (e.g. "a number > 0").</summary>
    public double? Real(JsonNode? node, string path, string requirement, Func<double, bool>? isValid = null)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out double x) || !double.IsFinite(x))
        {
            WrongKind(node, path, requirement);
            return null;
        }
        if (isValid is not null && !isValid(x))
        {
            Error(path, $"{Format(x)} is not valid; expected {requirement}");
            return null;
        }
        return x;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; a number with a fractional part is an error.</summary>
    public int? Integer(JsonNode? node, string path, int min, int max = int.MaxValue, string? requirement = null)
    {
        requirement ??= max == int.MaxValue
            ? $"an integer ≥ {min}"
            : $"an integer from {min} to {max}";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out double x) || !double.IsFinite(x) || Math.Floor(x) != x)
        {
            WrongKind(node, path, requirement);
            return null;
        }
        if (x < min || x > max)
        {
            Error(path, $"{Format(x)} is not valid; expected {requirement}");
            return null;
        }
        return (int)x;
    }

    /// <summary>A mode index 0..modes−1 (unchecked range when <paramref name="modes"/> is unknown).</summary>
    public int? Mode(JsonNode? node, string path, int? modes) =>
        modes is int d
            ? Integer(node, path, 0, d - 1, $"a mode index from 0 to {d - 1}")
            : Integer(node, path, 0, int.MaxValue, "a mode index ≥ 0");

    /// <summary>A complex number written as a number or as [re, im].</summary>
    public Complex? Complex(JsonNode? node, string path, string requirement = "a complex number (a number or [re, im])")
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double re) && double.IsFinite(re))
            return new Complex(re, 0);
        if (node is JsonArray { Count: 2 } pair &&
            pair[0] is JsonValue r && r.GetValueKind() == JsonValueKind.Number && r.TryGetValue(out double x) && double.IsFinite(x) &&
            pair[1] is JsonValue i && i.GetValueKind() == JsonValueKind.Number && i.TryGetValue(out double y) && double.IsFinite(y))
            return new Complex(x, y);
        if (node is JsonArray a) Error(path, $"expected {requirement}, found an array of {a.Count} elements ({node.ToJsonString()})");
        else WrongKind(node, path, requirement);
        return null;
    }

    // ----- arrays -----

    /// <summary>An array, optionally of exactly <paramref name="length"/> elements (or at least <paramref name="minLength"/>).</summary>
    public JsonArray? Array(JsonNode? node, string path, string elements, int? length = null, int minLength = 0)
    {
        string expected = length is int n ? $"an array of {n} {elements}" : minLength > 0 ? $"a non-empty array of {elements}" : $"an array of {elements}";
        if (node is not JsonArray array)
        {
            WrongKind(node, path, expected);
            return null;
        }
        if ((length is int m && array.Count != m) || array.Count < minLength)
        {
            Error(path, $"has {array.Count} elements; expected {expected}");
            return null;
        }
        return array;
    }

    /// <summary>An array of exactly <paramref name="length"/> complex numbers, or null if any element is invalid.</summary>
    public Complex[]? ComplexVector(JsonNode? node, string path, int length, string what)
    {
        var array = Array(node, path, $"complex numbers ({what})", length);
        if (array is null) return null;
        var result = new Complex[length];
        bool ok = true;
        for (int i = 0; i < length; i++)
        {
            var c = Complex(array[i], Index(path, i));
            if (c is null) ok = false;
            else result[i] = c.Value;
        }
        return ok ? result : null;
    }

    /// <summary>A square <paramref name="size"/>×<paramref name="size"/> matrix of complex numbers (array of rows).</summary>
    public Complex[,]? ComplexMatrix(JsonNode? node, string path, int size)
    {
        var rows = Array(node, path, $"rows (a {size}×{size} matrix)", size);
        if (rows is null) return null;
        var result = new Complex[size, size];
        bool ok = true;
        for (int i = 0; i < size; i++)
        {
            var row = ComplexVector(rows[i], Index(path, i), size, $"row {i} of a {size}×{size} matrix");
            if (row is null) { ok = false; continue; }
            for (int j = 0; j < size; j++) result[i, j] = row[j];
        }
        return ok ? result : null;
    }
}
