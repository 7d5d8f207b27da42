using BosonicTrajectories.Configuration;
using static BosonicTrajectories.Tests.Configuration.ConfigTestSupport;

namespace BosonicTrajectories.Tests.Configuration;

public class RunSettingsConfigTests
{
    [Test]
    public void UnknownIntegratorListsTheValidNames()
    {
        var tree = DefaultTree();
        tree["run"]!["integrator"] = "euler";
        var e = Fails(tree);
        HasError(e, "run.integrator", "\"euler\"", "\"rk4\"", "\"dopri5\"", "\"tsit5\"", "\"vern7\"", "\"krylov\"");
    }

    [Test]
    public void EveryKnownIntegratorIsAccepted()
    {
        var tree = DefaultTree();
        foreach (string name in ConfigLoader.KnownIntegrators)
        {
            tree["run"]!["integrator"] = name;
            Assert.That(Parse(tree).Run.Integrator, Is.EqualTo(name));
        }
    }

    [Test]
    public void UnknownMethodListsTheValidOnes()
    {
        var tree = DefaultTree();
        tree["run"]!["method"] = "montecarlo";
        HasError(Fails(tree), "run.method", "\"lindblad\"", "\"trajectories\"", "\"steadystate\"", "\"gaussian\"");
    }

    [Test]
    public void MethodIsRequired()
    {
        var tree = DefaultTree();
        tree["run"]!.AsObject().Remove("method");
        HasError(Fails(tree), "run.method", "missing required key");
    }

    [Test]
    public void SteadyTEndMeansNull()
    {
        var tree = DefaultTree();
        tree["run"]!["tEnd"] = "steady";
        tree["run"]!["steadyTolerance"] = 1e-10;
        var run = Parse(tree).Run;
        Assert.That(run.TEnd, Is.Null);
        Assert.That(run.SteadyTolerance, Is.EqualTo(1e-10));
    }

    [Test]
    public void SteadyIsRefusedForTrajectories()
    {
        var tree = DefaultTree();
        tree["run"]!["method"] = "trajectories";
        tree["run"]!["tEnd"] = "steady";
        HasError(Fails(tree), "run.tEnd", "trajectories", "> 0");
    }

    [TestCase("tEnd", -1.0, "> 0")]
    [TestCase("samples", 1.0, "≥ 2")]
    [TestCase("rtol", 1.0, "rtol < 1")]
    [TestCase("atol", 0.0, "> 0")]
    [TestCase("trajectories", 1.0, "≥ 2")]
    [TestCase("steadyTolerance", -1e-8, "> 0")]
    [TestCase("seed", -1.0, "integer from 0")]
    [TestCase("seed", 1.5, "integer from 0")]
    public void OutOfRangeRunValuesAreErrors(string key, double value, string expected)
    {
        var tree = DefaultTree();
        tree["run"]![key] = value;
        HasError(Fails(tree), "run." + key, expected);
    }

    [Test]
    public void LargeSeedIsExact()
    {
        var tree = DefaultTree();
        tree["run"]!["seed"] = ulong.MaxValue;
        Assert.That(Parse(tree).Run.Seed, Is.EqualTo(ulong.MaxValue));
    }

    [Test]
    public void OverridesReplaceTheRunSettingsAndTheNormalizedJson()
    {
        var config = ConfigLoader.ApplyOverrides(ConfigLoader.Default(), method: "trajectories", trajectories: 64, seed: 9, tEnd: "50");
        Assert.That(config.Run.Method, Is.EqualTo(RunMethod.Trajectories));
        Assert.That(config.Run.Trajectories, Is.EqualTo(64));
        Assert.That(config.Run.Seed, Is.EqualTo(9UL));
        Assert.That(config.Run.TEnd, Is.EqualTo(50.0));
        Assert.That(config.NormalizedJson["run"]!["method"]!.GetValue<string>(), Is.EqualTo("trajectories"));
        Assert.That(config.NormalizedJson["run"]!["trajectories"]!.GetValue<int>(), Is.EqualTo(64));
        Assert.That(config.Run.Samples, Is.EqualTo(201), "settings not overridden are kept");
    }

    [Test]
    public void NoOverridesKeepTheConfig()
    {
        var original = ConfigLoader.Default();
        var config = ConfigLoader.ApplyOverrides(original);
        Assert.That(config.Run, Is.EqualTo(original.Run));
    }

    [Test]
    public void BadOverridesNameTheCommandLineOption()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ApplyOverrides(ConfigLoader.Default(), method: "fast", trajectories: 0, tEnd: "soon"))!;
        HasError(e, "--method", "\"fast\"", "lindblad");
        HasError(e, "--trajectories", "≥ 2");
        HasError(e, "--t-end", "\"soon\"", "steady");
    }

    [Test]
    public void OverrideThatConflictsWithTheConfigNamesTheOption()
    {
        var tree = DefaultTree();
        tree["run"]!["tEnd"] = "steady";
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ApplyOverrides(Parse(tree), method: "trajectories"))!;
        HasError(e, "run.tEnd", "trajectories", "--method");
    }

    [Test]
    public void NormalModesIsALindbladSwitchThatDefaultsToOn()
    {
        var tree = DefaultTree();
        Assert.That(Parse(tree).Run.NormalModes, Is.True);
        tree["run"]!["normalModes"] = false;
        Assert.That(Parse(tree).Run.NormalModes, Is.False);
        tree["run"]!["normalModes"] = "no";
        HasError(Fails(tree), "run.normalModes", "true or false");
        tree["run"]!["normalModes"] = false;
        tree["run"]!["method"] = "trajectories";
        HasError(Fails(tree), "run.normalModes", "applies to method \"lindblad\" only");
    }
}
