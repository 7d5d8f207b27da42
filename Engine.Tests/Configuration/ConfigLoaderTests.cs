using System.Numerics;
using System.Text.Json.Nodes;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Configuration.ConfigTestSupport;

namespace BosonicTrajectories.Tests.Configuration;

public class ConfigLoaderTests
{
    [Test]
    public void DefaultConfigIsTheHotColdCatMachine()
    {
        var config = ConfigLoader.Parse(ConfigLoader.DefaultConfigJson);

        Assert.That(config.Name, Is.EqualTo("hot-cold-cat"));
        Assert.That(config.Modes, Is.EqualTo(2));
        var machine = (ThermalMachineDescription)config.Model;
        Assert.That(machine.Hamiltonian[0, 0], Is.EqualTo(new Complex(1.0, 0)));
        Assert.That(machine.Hamiltonian[1, 1], Is.EqualTo(new Complex(1.2, 0)));
        Assert.That(machine.Hamiltonian[0, 1], Is.EqualTo(new Complex(0.1, 0)));
        Assert.That(machine.Hamiltonian[1, 0], Is.EqualTo(new Complex(0.1, 0)));
        Assert.That(machine.Approach, Is.EqualTo(SecularApproach.Global));
        Assert.That(machine.LambShift, Is.False);
        Assert.That(machine.ExtraTerms.IsZero, Is.True);
        Assert.That(machine.Baths.Select(b => (b.Party, b.Statistics, b.Temperature)),
            Is.EqualTo(new[] { ("A", BathStatistics.Bose, 2.0), ("B", BathStatistics.Bose, 0.2) }));
        Assert.That(machine.Baths.Select(b => b.SpectralDensity), Is.All.EqualTo(new FlatSpectralDensity(0.05)));
        Assert.That(machine.Baths[0].Coupling[0, 0], Is.EqualTo(Complex.One));
        Assert.That(config.Truncation, Is.EqualTo(new PerModeTruncation([20, 20])));
        Assert.That(((ProductState)config.InitialState).Factors, Is.EqualTo(new OneModeState[] { new CatState(2.0, 0), new VacuumState() }));
        Assert.That(config.Run, Is.EqualTo(new RunSettings(RunMethod.Lindblad, 200, 201, 1e-6, 1e-8, "dopri5", 200, 1, 1e-8)));
        Assert.That(config.Analysis.Bipartitions, Is.EqualTo(BipartitionChoice.Parties));
    }

    [Test]
    public void ShippedHotColdCatExampleEqualsTheEmbeddedDefault()
    {
        var example = ConfigLoader.Load(RepositoryFile("configs", "hot-cold-cat.jsonc"));
        Assert.That(example.NormalizedJson.ToJsonString(), Is.EqualTo(ConfigLoader.Default().NormalizedJson.ToJsonString()));
    }

    [Test]
    public void EveryExampleConfigParses()
    {
        var files = Directory.GetFiles(RepositoryFile("configs"), "*.json*");
        Assert.That(files, Is.Not.Empty);
        foreach (string file in files)
            Assert.DoesNotThrow(() => ConfigDescription.Describe(ConfigLoader.Load(file)), file);
    }

    [Test]
    public void NormalizedJsonFillsInEveryDefault()
    {
        var tree = Json("""
            { "name": "minimal", "modes": 1,
              "model": { "kind": "thermalMachine", "hamiltonian": { "frequencies": [1.0] },
                         "parties": [ { "name": "A", "modes": [0] } ],
                         "baths": [ { "party": "A", "statistics": "bose", "temperature": 1,
                                      "spectralDensity": { "kind": "ohmic", "kappa": 0.1, "cutoff": 5 } } ] },
              "truncation": { "perMode": 10 },
              "initialState": { "product": [ { "cat": { "alpha": 1 } } ] },
              "run": { "method": "steadystate" } }
            """).AsObject();
        var normalized = Parse(tree).NormalizedJson;

        Assert.That(normalized["model"]!["approach"]!.GetValue<string>(), Is.EqualTo("global"));
        Assert.That(normalized["model"]!["lambShift"]!.GetValue<bool>(), Is.False);
        Assert.That(normalized["model"]!["extraTerms"], Is.InstanceOf<JsonArray>());
        var bath = normalized["model"]!["baths"]![0]!;
        Assert.That(bath["chemicalPotential"]!.GetValue<double>(), Is.Zero);
        Assert.That(bath["coupling"]!.GetValue<string>(), Is.EqualTo("independent"));
        Assert.That(bath["positionLike"]!.GetValue<bool>(), Is.False);
        Assert.That(bath["spectralDensity"]!["exponent"]!.GetValue<double>(), Is.EqualTo(1.0));
        Assert.That(normalized["initialState"]!["product"]![0]!["cat"]!["phase"]!.GetValue<double>(), Is.Zero);
        var run = normalized["run"]!;
        Assert.That(run["tEnd"]!.GetValue<string>(), Is.EqualTo("steady"));
        Assert.That(run["samples"]!.GetValue<int>(), Is.EqualTo(201));
        Assert.That(run["rtol"]!.GetValue<double>(), Is.EqualTo(1e-6));
        Assert.That(run["atol"]!.GetValue<double>(), Is.EqualTo(1e-8));
        Assert.That(run["integrator"]!.GetValue<string>(), Is.EqualTo("dopri5"));
        Assert.That(run["trajectories"]!.GetValue<int>(), Is.EqualTo(500));
        Assert.That(run["seed"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(run["steadyTolerance"]!.GetValue<double>(), Is.EqualTo(1e-8));
        Assert.That(normalized["analysis"]!["bipartitions"]!.GetValue<string>(), Is.EqualTo("parties"));

        // The normalised config is itself a valid config that means the same thing.
        var again = ConfigLoader.Parse(normalized.ToJsonString());
        Assert.That(again.NormalizedJson.ToJsonString(), Is.EqualTo(normalized.ToJsonString()));
    }

    [Test]
    public void UnknownKeyIsAnErrorListingTheValidKeys()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![1]!["temprature"] = 0.3;
        tree["colour"] = "blue";
        var e = Fails(tree);
        HasError(e, "model.baths[1].temprature", "unknown key", "temperature", "chemicalPotential");
        HasError(e, "colour", "unknown key", "initialState");
    }

    [Test]
    public void MalformedJsonReportsLineAndColumn()
    {
        const string Json = "{\n  \"name\": \"x\",\n  \"modes\": 2 2\n}";
        var e = Fails(Json);
        Assert.That(e.Errors, Has.Count.EqualTo(1));
        Assert.That(e.Errors[0].Message, Does.Contain("malformed JSON").And.Contain("line 3"));
    }

    [Test]
    public void DuplicateKeyIsMalformed()
    {
        var e = Fails("{\n  \"name\": \"a\",\n  \"run\": { \"seed\": 1,\n           \"seed\": 2 } }");
        HasError(e, "run.seed", "malformed JSON", "line 4", "column 12", "repeated");
    }

    [Test]
    public void CommentsAndTrailingCommasAreAllowed()
    {
        string text = ConfigLoader.DefaultConfigJson.Replace("\"seed\": 1,", "\"seed\": 7, /* a comment */", StringComparison.Ordinal);
        Assert.That(ConfigLoader.Parse(text).Run.Seed, Is.EqualTo(7UL));
        Assert.That(ConfigLoader.Parse("""{ "name": "t", "modes": 1, "model": { "kind": "lindblad", "parties": [ { "name": "A", "modes": [0], }, ], },""" +
                                       """ "truncation": { "perMode": 3 }, "initialState": { "product": [ { "vacuum": {} } ] }, "run": { "method": "gaussian", "tEnd": 1, }, }""").Modes,
            Is.EqualTo(1));
    }

    [Test]
    public void MissingFileIsAConfigError()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-config-" + Guid.NewGuid().ToString("N") + ".jsonc");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path))!;
        Assert.That(e.Errors[0].Path, Is.EqualTo(path));
        Assert.That(e.Errors[0].Message, Does.Contain("does not exist"));
    }

    [Test]
    public void DocumentMustBeAnObject()
    {
        var e = Fails("[1, 2]");
        HasError(e, "(document)", "expected a JSON object");
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("../escape")]
    [TestCase("..")]
    public void NameMustBeSafeAsAFolderName(string name)
    {
        var tree = DefaultTree();
        tree["name"] = name;
        HasError(Fails(tree), "name", "letters, digits");
    }

    [Test]
    public void MissingRequiredKeysAreNamed()
    {
        var tree = DefaultTree();
        tree.Remove("truncation");
        tree.Remove("run");
        var e = Fails(tree);
        HasError(e, "truncation", "missing required key");
        HasError(e, "run", "missing required key");
    }

    [Test]
    public void EachProblemIsReportedOnce()
    {
        var tree = DefaultTree();
        tree["run"]!.AsObject().Remove("method");
        tree["model"]!["baths"]![0]!["temperature"] = null;
        tree["initialState"]!["product"]![1] = null;
        var e = Fails(tree);
        Assert.That(e.Errors.Select(err => err.Path),
            Is.EquivalentTo(new[] { "run.method", "model.baths[0].temperature", "initialState.product[1]" }), e.Message);
        HasError(e, "run.method", "missing required key", "\"lindblad\"");
        HasError(e, "model.baths[0].temperature", "null is not allowed");
    }

    [Test]
    public void MultipleErrorsAreReportedTogether()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![0]!["temperature"] = -1;          // 1: negative temperature
        tree["truncation"] = Json("""{ "perMode": 0 }""");           // 2: bad truncation
        tree["run"]!["integrator"] = "euler";                         // 3: unknown integrator
        var e = Fails(tree);
        Assert.That(e.Errors, Has.Count.GreaterThanOrEqualTo(3));
        HasError(e, "model.baths[0].temperature", "≥ 0");
        HasError(e, "truncation.perMode", "≥ 1");
        HasError(e, "run.integrator", "dopri5");
    }

    [Test]
    public void AnalysisAllIsRead()
    {
        var tree = DefaultTree();
        tree["analysis"] = Json("""{ "bipartitions": "all" }""");
        Assert.That(Parse(tree).Analysis.Bipartitions, Is.EqualTo(BipartitionChoice.All));
        tree["analysis"] = Json("""{ "bipartitions": "some" }""");
        HasError(Fails(tree), "analysis.bipartitions", "\"parties\"", "\"all\"");
    }

    /// <summary>A path under the repository root (the folder holding BosonicTrajectories.sln).</summary>
    internal static string RepositoryFile(params string[] parts)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BosonicTrajectories.sln"))) dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "repository root not found above the test directory");
        return Path.GetFullPath(Path.Combine([dir!.FullName, .. parts]));
    }
}
