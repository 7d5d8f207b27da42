using System.Text.Json.Nodes;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Reads <c>run</c> (SPEC §3). <c>method</c> is required. <c>tEnd</c> is a number &gt; 0 or "steady"; it is required
/// except for method "steadystate" (default "steady"); "steady" is refused for "trajectories" (an ensemble of
/// stochastic trajectories has no ‖dρ/dt‖ to test). Defaults: samples 201 (≥ 2), rtol 1e-6 (0 &lt; rtol &lt; 1),
/// atol 1e-8 (&gt; 0), integrator "dopri5" (one of <see cref="ConfigLoader.KnownIntegrators"/>), trajectories 500 (≥ 2),
/// seed 1 (integer ≥ 0), steadyTolerance 1e-8 (&gt; 0). Trajectories only, optional: <c>standardErrorTarget</c> (&gt; 0; stop
/// once every tracked standard error is below it) and <c>steadyStateFrom</c> (0 ≤ t &lt; tEnd; time-average each
/// trajectory over the output times in [t, tEnd] for a steady-state estimate). Lindblad only, optional: <c>normalModes</c>
/// (true or false, absent = true; false keeps the local modes where the normal-mode frame would apply).
/// </summary>
internal static class RunSettingsReader
{
    public static readonly string[] MethodNames = ["lindblad", "trajectories", "steadystate", "gaussian"];

    private static readonly string[] RunKeys =
        ["method", "tEnd", "samples", "rtol", "atol", "integrator", "trajectories", "seed", "steadyTolerance", "standardErrorTarget", "steadyStateFrom", "normalModes"];

    public const string SteadyKeyword = "steady";

    public static RunMethod? ParseMethod(string name) => name switch
    {
        "lindblad" => RunMethod.Lindblad,
        "trajectories" => RunMethod.Trajectories,
        "steadystate" => RunMethod.SteadyState,
        "gaussian" => RunMethod.Gaussian,
        _ => null,
    };

    public static RunSettings? Read(JsonNode? node, string path, ConfigReader reader)
    {
        var obj = reader.Object(node, path, RunKeys);
        if (obj is null) return null;
        int before = reader.ErrorCount;
        string? methodName = reader.Name(reader.Required(obj, path, "method", string.Join(" | ", MethodNames.Select(m => $"\"{m}\""))),
            ConfigReader.Child(path, "method"), MethodNames);
        var method = methodName is null ? null : ParseMethod(methodName);

        string tEndPath = ConfigReader.Child(path, "tEnd");
        const string TEndRequirement = "a final time > 0 or \"steady\" (run until ‖dρ/dt‖ < steadyTolerance)";
        var tEndNode = method == RunMethod.SteadyState
            ? reader.Optional(obj, path, "tEnd", () => SteadyKeyword)
            : reader.Required(obj, path, "tEnd", TEndRequirement);
        double? tEnd = null;
        bool tEndOk = false;
        if (tEndNode is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            string text = v.GetValue<string>();
            if (text != SteadyKeyword) reader.Error(tEndPath, $"\"{text}\" is not valid; expected {TEndRequirement}");
            else if (method == RunMethod.Trajectories)
                reader.Error(tEndPath, "\"steady\" is not available for method \"trajectories\" (a stochastic ensemble has no ‖dρ/dt‖ to test); give a final time > 0");
            else tEndOk = true;
        }
        else if (tEndNode is not null)
        {
            tEnd = reader.Real(tEndNode, tEndPath, TEndRequirement, t => t > 0);
            tEndOk = tEnd is not null;
        }

        int? samples = reader.Integer(reader.Optional(obj, path, "samples", () => 201), ConfigReader.Child(path, "samples"), 2,
            requirement: "a number of output times ≥ 2");
        double? rtol = reader.Real(reader.Optional(obj, path, "rtol", () => 1e-6), ConfigReader.Child(path, "rtol"),
            "a relative tolerance with 0 < rtol < 1", x => x > 0 && x < 1);
        double? atol = reader.Real(reader.Optional(obj, path, "atol", () => 1e-8), ConfigReader.Child(path, "atol"),
            "an absolute tolerance > 0", x => x > 0);
        string? integrator = reader.Name(reader.Optional(obj, path, "integrator", () => "dopri5"), ConfigReader.Child(path, "integrator"),
            ConfigLoader.KnownIntegrators);
        int? trajectories = reader.Integer(reader.Optional(obj, path, "trajectories", () => 500), ConfigReader.Child(path, "trajectories"), 2,
            requirement: "a number of trajectories ≥ 2 (standard errors need at least two)");
        ulong? seed = ReadSeed(reader.Optional(obj, path, "seed", () => 1), ConfigReader.Child(path, "seed"), reader);
        double? steadyTolerance = reader.Real(reader.Optional(obj, path, "steadyTolerance", () => 1e-8), ConfigReader.Child(path, "steadyTolerance"),
            "a tolerance > 0 on ‖dρ/dt‖", x => x > 0);

        double? standardErrorTarget = TrajectoryOnly(obj, path, "standardErrorTarget", method, reader,
            "a standard-error target > 0 (stop when every tracked standard error is below it)", x => x > 0);
        double? steadyStateFrom = TrajectoryOnly(obj, path, "steadyStateFrom", method, reader,
            "a time t with 0 ≤ t < tEnd (time-average each trajectory over [t, tEnd])", x => x >= 0 && (tEnd is not double end || x < end));

        bool? normalModes = LindbladOnly(obj, path, "normalModes", method, reader);

        if (reader.ErrorCount != before || method is null || !tEndOk || samples is null || rtol is null || atol is null ||
            integrator is null || trajectories is null || seed is null || steadyTolerance is null)
            return null;
        return new RunSettings(method.Value, tEnd, samples.Value, rtol.Value, atol.Value, integrator, trajectories.Value, seed.Value,
            steadyTolerance.Value, standardErrorTarget, steadyStateFrom, normalModes ?? true);
    }

    /// <summary>An optional switch that only the lindblad method uses; an error for any other method.</summary>
    private static bool? LindbladOnly(JsonObject obj, string path, string key, RunMethod? method, ConfigReader reader) =>
        OneMethodOnly(obj, path, key, method, RunMethod.Lindblad, reader) is { } node ? reader.Bool(node, ConfigReader.Child(path, key)) : null;

    /// <summary>An optional number that only the trajectories method uses; an error for any other method.</summary>
    private static double? TrajectoryOnly(JsonObject obj, string path, string key, RunMethod? method, ConfigReader reader,
        string requirement, Func<double, bool> valid) =>
        OneMethodOnly(obj, path, key, method, RunMethod.Trajectories, reader) is { } node
            ? reader.Real(node, ConfigReader.Child(path, key), requirement, valid)
            : null;

    /// <summary>The value of optional <paramref name="key"/> when present and <paramref name="method"/> is its <paramref name="owner"/>; an error for any other method.</summary>
    private static JsonNode? OneMethodOnly(JsonObject obj, string path, string key, RunMethod? method, RunMethod owner, ConfigReader reader)
    {
        if (!obj.TryGetPropertyValue(key, out var node) || node is null) return null;
        if (method is not null && method != owner)
        {
            reader.Error(ConfigReader.Child(path, key),
                $"applies to method \"{owner.ToString().ToLowerInvariant()}\" only; remove it for method \"{method.Value.ToString().ToLowerInvariant()}\"");
            return null;
        }
        return node;
    }

    private static ulong? ReadSeed(JsonNode? node, string path, ConfigReader reader)
    {
        if (node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue(out ulong seed)) return seed;
        if (node is not null) reader.Error(path, $"expected a seed: an integer from 0 to {ulong.MaxValue}, found {ConfigReader.KindOf(node)}");
        return null;
    }
}
