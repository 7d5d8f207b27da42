using System.Text.Json;
using System.Text.Json.Nodes;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Tests.Configuration;

/// <summary>Builds config trees from the embedded default and asserts on the errors a bad config produces.</summary>
internal static class ConfigTestSupport
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The embedded default config (two-mode hot/cold machine) as a mutable tree.</summary>
    public static JsonObject DefaultTree() => JsonNode.Parse(ConfigLoader.DefaultConfigJson, documentOptions: Options)!.AsObject();

    /// <summary>A small valid lindblad-kind config over <paramref name="modes"/> modes, one party per mode.</summary>
    public static JsonObject LindbladTree(int modes = 2)
    {
        var tree = DefaultTree();
        tree["modes"] = modes;
        tree["model"] = new JsonObject
        {
            ["kind"] = "lindblad",
            ["hamiltonian"] = new JsonObject(),
            ["jumps"] = new JsonArray(),
            ["parties"] = new JsonArray(Enumerable.Range(0, modes)
                .Select(i => (JsonNode)new JsonObject { ["name"] = $"P{i}", ["modes"] = new JsonArray(i) }).ToArray()),
        };
        tree["initialState"] = new JsonObject
        {
            ["product"] = new JsonArray(Enumerable.Range(0, modes).Select(_ => (JsonNode)new JsonObject { ["vacuum"] = new JsonObject() }).ToArray()),
        };
        return tree;
    }

    public static JsonNode Json(string text) => JsonNode.Parse(text, documentOptions: Options)!;

    public static SimulationConfig Parse(JsonObject tree) => ConfigLoader.Parse(tree.ToJsonString());

    public static ConfigException Fails(JsonObject tree) => Fails(tree.ToJsonString());

    public static ConfigException Fails(string json) => Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json))!;

    /// <summary>Asserts that some error sits at exactly <paramref name="path"/> and its message contains every fragment.</summary>
    public static void HasError(ConfigException exception, string path, params string[] fragments)
    {
        var atPath = exception.Errors.Where(e => e.Path == path).ToList();
        Assert.That(atPath, Is.Not.Empty, $"no error at '{path}'; errors were:{Environment.NewLine}{exception.Message}");
        Assert.That(atPath.Any(e => fragments.All(f => e.Message.Contains(f, StringComparison.Ordinal))), Is.True,
            $"no error at '{path}' mentions all of [{string.Join(" | ", fragments)}]; errors were:{Environment.NewLine}{exception.Message}");
        Assert.That(exception.Message, Does.Contain(path));
    }
}
