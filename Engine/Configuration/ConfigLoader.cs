using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Loads and validates a config file (SPEC §3) into a <see cref="SimulationConfig"/>. The whole config is checked
/// before any work and every problem is reported at once in a <see cref="ConfigException"/>, each with its JSON
/// path (<c>model.baths[1].chemicalPotential</c>) and what would be valid. Comments and trailing commas are
/// allowed; unknown keys and duplicate keys are errors.
/// </summary>
/// <remarks>
/// Choices where the SPEC is silent: <c>name</c> may contain only letters, digits, '-', '_' and '.' (it names a
/// folder) and is not "." or ".."; <c>modes</c> is at most <see cref="MaxModes"/>; names of kinds, methods and
/// statistics are case-sensitive; <c>statistics</c> and <c>temperature</c> of a bath are required; a coupling must
/// not be zero; a <c>lindblad</c> model's <c>hamiltonian</c> and <c>jumps</c> may be left out (H = 0, no jumps);
/// a superposition component's <c>amplitude</c> defaults to 1; <c>tEnd</c> may be left out only for method
/// "steadystate" and "steady" is refused for "trajectories"; JSON null is never a valid value (leave the key out).
/// Numerical checks: a matrix is Hermitian when |M_ij − conj(M_ji)| ≤ 1e-12·max|M| (it is then symmetrised);
/// a thermal machine's H is positive definite when its smallest eigenvalue exceeds 1e-12·max|H|; a coupling
/// matrix is positive semidefinite when its smallest eigenvalue is ≥ −1e-12·max|K|; a Hamiltonian built from
/// <c>terms</c> is Hermitian when its normal-ordered form equals that of its adjoint (coefficients within
/// 1e-12 of the largest). The normalised config (<see cref="SimulationConfig.NormalizedJson"/>) is the file's JSON
/// with every absent optional key filled in with its default.
/// </remarks>
public static class ConfigLoader
{
    /// <summary>The ODE integrators a config may name in <c>run.integrator</c>.</summary>
    public static IReadOnlyList<string> KnownIntegrators { get; } = ["rk4", "dopri5", "tsit5", "vern7", "krylov"];

    /// <summary>The run methods a config may name in <c>run.method</c>.</summary>
    public static IReadOnlyList<string> KnownMethods => RunSettingsReader.MethodNames;

    /// <summary>Largest number of modes accepted (a guard against absurd allocations, not a physics limit).</summary>
    public const int MaxModes = 1000;

    private const string DefaultResourceName = "BosonicTrajectories.Configuration.default.jsonc";

    private static readonly string[] RootKeys = ["name", "description", "modes", "model", "truncation", "initialState", "run", "analysis"];
    private static readonly string[] ModelKinds = ["thermalMachine", "lindblad"];
    private static readonly string[] AnalysisKeys = ["bipartitions", "wigner"];
    private static readonly string[] WignerKeys = ["modes", "times"];
    private static readonly string[] BipartitionNames = ["parties", "all"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    private static readonly Lazy<string> DefaultJson = new(ReadDefaultResource);

    /// <summary>The embedded default config: the two-mode hot/cold machine started in an even cat (Configuration/default.jsonc).</summary>
    public static string DefaultConfigJson => DefaultJson.Value;

    /// <summary>The embedded default config, parsed.</summary>
    public static SimulationConfig Default() => Parse(DefaultConfigJson, "embedded default config");

    /// <summary>Reads and validates the config file at <paramref name="path"/>; a missing or unreadable file is a <see cref="ConfigException"/> too.</summary>
    public static SimulationConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException(path, "the config file does not exist; give the path of a JSON config file (e.g. configs/hot-cold-cat.jsonc)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException(path, $"the config file cannot be read ({e.Message}); give the path of a readable JSON config file");
        }
        return Parse(text, path);
    }

    /// <summary>Parses and validates config text. <paramref name="sourceName"/> appears in messages about malformed JSON.</summary>
    public static SimulationConfig Parse(string json, string sourceName = "config")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ConfigException([MalformedJson(e, json, sourceName)]);
        }
        var reader = new ConfigReader();
        reader.ReportNulls(root, "");
        var config = Read(root, reader);
        if (reader.ErrorCount > 0 || config is null)
            throw new ConfigException(reader.ErrorCount > 0 ? reader.Errors : [new ConfigError("(config)", "the config is invalid")]);
        return config;
    }

    /// <summary>
    /// The config with command-line overrides of the run section (SPEC §4) applied and validated again. Bad values
    /// are errors with the option as path (<c>--method</c>, <c>--trajectories</c>, <c>--t-end</c>); the returned
    /// config's <see cref="SimulationConfig.NormalizedJson"/> shows the overridden values.
    /// </summary>
    /// <param name="tEnd">A final time &gt; 0 or "steady".</param>
    public static SimulationConfig ApplyOverrides(SimulationConfig config, string? method = null, int? trajectories = null,
        ulong? seed = null, string? tEnd = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<ConfigError>();
        if (method is not null && RunSettingsReader.ParseMethod(method) is null)
            errors.Add(new ConfigError("--method", $"\"{method}\" is not a method; expected one of {string.Join(", ", KnownMethods)}"));
        if (trajectories is < 2)
            errors.Add(new ConfigError("--trajectories", $"{trajectories} is not valid; expected a number of trajectories ≥ 2 (standard errors need at least two)"));
        JsonNode? tEndNode = null;
        if (tEnd is not null)
        {
            if (tEnd == RunSettingsReader.SteadyKeyword) tEndNode = JsonValue.Create(tEnd);
            else if (double.TryParse(tEnd, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) && double.IsFinite(t) && t > 0)
                tEndNode = JsonValue.Create(t);
            else errors.Add(new ConfigError("--t-end", $"\"{tEnd}\" is not valid; expected a final time > 0 or \"steady\""));
        }
        if (errors.Count > 0) throw new ConfigException(errors);

        var json = config.NormalizedJson.DeepClone().AsObject();
        var run = json["run"]!.AsObject();
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (method is not null) { run["method"] = method; flags["run.method"] = "--method"; }
        if (trajectories is int n) { run["trajectories"] = n; flags["run.trajectories"] = "--trajectories"; }
        if (seed is ulong s) { run["seed"] = s; flags["run.seed"] = "--seed"; }
        if (tEndNode is not null) { run["tEnd"] = tEndNode; flags["run.tEnd"] = "--t-end"; }
        try
        {
            return Parse(json.ToJsonString(), "config with command-line overrides");
        }
        catch (ConfigException e)
        {
            string overridden = string.Join(", ", flags.Values);
            throw new ConfigException(e.Errors.Select(err => flags.TryGetValue(err.Path, out string? flag)
                ? err with { Path = flag }
                : err with { Message = $"{err.Message} (after the command-line overrides {overridden})" }).ToList());
        }
    }

    private static ConfigError MalformedJson(JsonException e, string json, string sourceName)
    {
        const string Advice = "a config is one JSON object (comments and trailing commas are allowed, keys must be unique)";
        if (e.LineNumber is null && DuplicateKeyFinder.Find(json) is var (keyPath, keyLine, keyColumn))
            return new ConfigError(keyPath, $"malformed JSON in {sourceName} at line {keyLine}, column {keyColumn}: the key is repeated; {Advice}");
        string reason = e.Message;
        int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) reason = reason[..cut];
        string where = e.LineNumber is long line
            ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}"
            : "";
        string path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "(document)" : e.Path.TrimStart('$').TrimStart('.');
        return new ConfigError(path, $"malformed JSON in {sourceName}{where}: {reason.TrimEnd('.')}; {Advice}");
    }

    private static SimulationConfig? Read(JsonNode? node, ConfigReader reader)
    {
        if (node is not JsonObject root)
        {
            if (node is not null) reader.Error("(document)", $"expected a JSON object with keys {{{string.Join(", ", RootKeys)}}}, found {ConfigReader.KindOf(node)}");
            return null;
        }
        reader.CheckKeys(root, "", RootKeys);
        string? name = ReadName(reader.Required(root, "", "name", "a name for the output folder"), reader);
        string? description = reader.Optional(root, "", "description", null) is { } d
            ? reader.String(d, "description", "free text")
            : null;
        int? modes = reader.Integer(reader.Required(root, "", "modes", $"the number of modes (1 to {MaxModes})"), "modes", 1, MaxModes,
            $"a number of modes from 1 to {MaxModes}");
        var model = ReadModel(reader.Required(root, "", "model", "an object with \"kind\": \"thermalMachine\" | \"lindblad\""), modes, reader);
        var truncation = TruncationReader.Read(reader.Required(root, "", "truncation", "{\"perMode\": n} or {\"totalExcitations\": K}"),
            "truncation", modes, reader);
        var initialState = InitialStateReader.Read(reader.Required(root, "", "initialState", "{\"product\": [...]} or a multi-mode state"),
            "initialState", modes, reader);
        var run = RunSettingsReader.Read(reader.Required(root, "", "run", "an object with at least \"method\""), "run", reader);
        var analysis = ReadAnalysis(reader.Optional(root, "", "analysis", () => new JsonObject()), modes, reader);

        if (reader.ErrorCount > 0 || name is null || modes is null || model is null || truncation is null || initialState is null ||
            run is null || analysis is null)
            return null;
        return new SimulationConfig(name, description, modes.Value, model, truncation, initialState, run, analysis, root);
    }

    private static string? ReadName(JsonNode? node, ConfigReader reader)
    {
        const string Requirement = "a non-empty name of letters, digits, '-', '_' and '.' (it names the output folder)";
        if (node is null) return null;
        string? name = reader.String(node, "name", Requirement);
        if (name is null) return null;
        bool safe = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name.Any(c => c != '.');
        if (safe) return name;
        reader.Error("name", $"\"{name}\" is not valid; expected {Requirement}, e.g. \"hot-cold-cat\"");
        return null;
    }

    private static ModelDescription? ReadModel(JsonNode? node, int? modes, ConfigReader reader)
    {
        if (node is null) return null;
        if (node is not JsonObject obj)
        {
            reader.Error("model", $"expected an object with \"kind\": \"thermalMachine\" | \"lindblad\", found {ConfigReader.KindOf(node)}");
            return null;
        }
        return reader.Name(reader.Required(obj, "model", "kind", "\"thermalMachine\" | \"lindblad\""), "model.kind", ModelKinds) switch
        {
            "thermalMachine" => ThermalMachineReader.Read(obj, "model", modes, reader),
            "lindblad" => LindbladModelReader.Read(obj, "model", modes, reader),
            _ => null,
        };
    }

    private static AnalysisSettings? ReadAnalysis(JsonNode? node, int? modes, ConfigReader reader)
    {
        var obj = reader.Object(node, "analysis", AnalysisKeys);
        if (obj is null) return null;
        BipartitionChoice? choice = reader.Name(reader.Optional(obj, "analysis", "bipartitions", () => "parties"), "analysis.bipartitions", BipartitionNames) switch
        {
            "parties" => BipartitionChoice.Parties,
            "all" => BipartitionChoice.All,
            _ => null,
        };
        var wigner = ReadWigner(reader.Optional(obj, "analysis", "wigner", null), modes, reader);
        return choice is { } c ? new AnalysisSettings(c, wigner) : null;
    }

    /// <summary><c>analysis.wigner</c>: { "modes": [mode indices], "times": [times ≥ 0] } (both non-empty).</summary>
    private static WignerRequest? ReadWigner(JsonNode? node, int? modes, ConfigReader reader)
    {
        if (node is null) return null;
        var obj = reader.Object(node, "analysis.wigner", WignerKeys);
        if (obj is null) return null;
        var modeList = reader.Array(reader.Required(obj, "analysis.wigner", "modes", "an array of mode indices"), "analysis.wigner.modes", "mode indices", minLength: 1);
        var timeList = reader.Array(reader.Required(obj, "analysis.wigner", "times", "an array of times ≥ 0"), "analysis.wigner.times", "times ≥ 0", minLength: 1);
        if (modeList is null || timeList is null) return null;
        var m = modeList.Select((n, i) => reader.Mode(n, ConfigReader.Index("analysis.wigner.modes", i), modes)).ToList();
        var t = timeList.Select((n, i) => reader.Real(n, ConfigReader.Index("analysis.wigner.times", i), "a time ≥ 0", x => x >= 0)).ToList();
        if (m.Any(x => x is null) || t.Any(x => x is null)) return null;
        return new WignerRequest([.. m.Select(x => x!.Value).Distinct()], [.. t.Select(x => x!.Value)]);
    }

    private static string ReadDefaultResource()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {DefaultResourceName} is missing from the Engine assembly");
        using var text = new StreamReader(stream);
        return text.ReadToEnd();
    }
}
