using System.Text.Json.Nodes;

namespace BosonicTrajectories.Tests.Cli;

/// <summary>summary.json's <c>details</c> says which structure the lindblad and steadystate methods used.</summary>
public class MethodDetailsTests
{
    private static string Machine(string initialState, string method) =>
        SmallMachine.Config("details", initialState, $"\"method\": \"{method}\", \"tEnd\": 2, \"samples\": 3");

    private static JsonNode Details(CliHarness cli, string config)
    {
        var (code, _, stderr) = cli.Run("run", cli.WriteConfig("c", config), "--out", cli.Out);
        Assert.That(code, Is.EqualTo(0), stderr);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "details", "summary.json")))!["details"]!;
    }

    [Test]
    public void AnEvenCatEvolvesOnlyEvenCoherenceOrders()
    {
        using var cli = new CliHarness();
        var details = Details(cli, Machine("""{ "product": [ { "cat": { "alpha": 0.7, "phase": 0 } }, { "vacuum": {} } ] }""", "lindblad"));
        var orders = details["evolvedCoherenceOrders"]!.AsArray().Select(k => (int)k!).ToArray();
        Assert.That(orders, Is.Not.Empty);
        Assert.That(orders, Has.All.Matches<int>(k => k >= 0 && k % 2 == 0), "a cat ⊗ vacuum has even coherence orders only");
        Assert.That(orders, Does.Contain(0).And.Contain(2));
    }

    [Test]
    public void ACoherentStateNeedsOddOrdersAndTheSteadyStateUsesBlockSweeps()
    {
        using var cli = new CliHarness();
        var details = Details(cli, Machine("""{ "product": [ { "coherent": { "alpha": 0.5 } }, { "vacuum": {} } ] }""", "lindblad"));
        Assert.That(details["evolvedCoherenceOrders"]!.AsArray().Select(k => (int)k!), Does.Contain(1), "a coherent state has odd orders too");
        details = Details(cli, Machine("""{ "product": [ { "vacuum": {} }, { "vacuum": {} } ] }""", "steadystate"));
        Assert.That((bool)details["blockSweeps"]!, Is.True);
    }

    [Test]
    public void ALindbladRunReportsTheModeBasisItEvolvedIn()
    {
        using var cli = new CliHarness();
        string perMode = Machine("""{ "product": [ { "cat": { "alpha": 0.7, "phase": 0 } }, { "vacuum": {} } ] }""", "lindblad");
        string total = perMode.Replace("\"perMode\": 7", "\"totalExcitations\": 8", StringComparison.Ordinal);
        Assert.That(total, Is.Not.EqualTo(perMode));
        var normal = Details(cli, total);
        Assert.That((string)normal["basis"]!, Is.EqualTo("normal modes"));
        Assert.That((string)normal["rhsKernel"]!, Is.EqualTo("ladders"), "a global master equation has single-mode jumps in normal modes");
        Assert.That((string)Details(cli, perMode)["rhsKernel"]!, Is.EqualTo("shifted terms"), "hopping and two-mode jumps in the local modes");
        string off = total.Replace("\"method\": \"lindblad\"", "\"method\": \"lindblad\", \"normalModes\": false", StringComparison.Ordinal);
        Assert.That((string)Details(cli, off)["basis"]!, Is.EqualTo("local modes"), "switched off");
        Assert.That((string)Details(cli, perMode)["basis"]!, Is.EqualTo("local modes"), "a per-mode truncation is not invariant under the passive unitary");
    }
}

