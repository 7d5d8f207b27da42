using System.Numerics;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Configuration.ConfigTestSupport;

namespace BosonicTrajectories.Tests.Configuration;

public class InitialStateAndTruncationConfigTests
{
    [Test]
    public void EveryOneModeKindIsRead()
    {
        var tree = DefaultTree();
        tree["modes"] = 6;
        tree["model"] = Json("""{ "kind": "lindblad", "parties": [ { "name": "A", "modes": [0, 1, 2, 3, 4, 5] } ] }""");
        tree["initialState"] = Json("""
            { "product": [ { "vacuum": {} }, { "fock": { "n": 3 } }, { "coherent": { "alpha": [1, -0.5] } },
                           { "thermal": { "nbar": 0.5 } }, { "cat": { "alpha": 2, "phase": 3.14159 } },
                           { "squeezed": { "r": 0.5 } } ] }
            """);
        var factors = ((ProductState)Parse(tree).InitialState).Factors;
        Assert.That(factors, Is.EqualTo(new OneModeState[]
        {
            new VacuumState(), new FockState(3), new CoherentState(new Complex(1, -0.5)), new ThermalState(0.5),
            new CatState(2, 3.14159), new SqueezedState(0.5, 0),
        }));
    }

    [Test]
    public void WrongProductLengthIsAnError()
    {
        var tree = DefaultTree();
        tree["initialState"] = Json("""{ "product": [ { "vacuum": {} } ] }""");
        HasError(Fails(tree), "initialState.product", "1 elements", "array of 2");
    }

    [Test]
    public void BadOneModeStatesNameTheirPath()
    {
        var tree = DefaultTree();
        tree["initialState"] = Json("""{ "product": [ { "fock": { "n": -1 } }, { "cat": { "alpha": 0 } } ] }""");
        var e = Fails(tree);
        HasError(e, "initialState.product[0].fock.n", "≥ 0");
        HasError(e, "initialState.product[1].cat.alpha", "non-zero");
    }

    [Test]
    public void OneModeStateWithTwoKindsIsAnError()
    {
        var tree = DefaultTree();
        tree["initialState"] = Json("""{ "product": [ { "vacuum": {}, "fock": { "n": 1 } }, { "vacuum": {} } ] }""");
        HasError(Fails(tree), "initialState.product[0]", "exactly one", "vacuum");
    }

    [Test]
    public void VacuumTakesNoKeys()
    {
        var tree = DefaultTree();
        tree["initialState"] = Json("""{ "product": [ { "vacuum": { "n": 0 } }, { "vacuum": {} } ] }""");
        HasError(Fails(tree), "initialState.product[0].vacuum.n", "takes no keys");
    }

    [Test]
    public void SuperpositionIsRead()
    {
        var tree = DefaultTree();
        tree["initialState"] = Json("""
            { "superposition": [ { "amplitude": 1, "coherent": [1.5, 1.5] }, { "coherent": [-1.5, [-1.5, 0]] } ] }
            """);
        var state = (CoherentSuperposition)Parse(tree).InitialState;
        Assert.That(state.Components, Has.Length.EqualTo(2));
        Assert.That(state.Components[1].Amplitude, Is.EqualTo(Complex.One), "amplitude defaults to 1");
        Assert.That(state.Components[1].Alphas, Is.EqualTo(new Complex[] { -1.5, -1.5 }));
    }

    [Test]
    public void SuperpositionNeedsOneAmplitudePerMode()
    {
        var tree = DefaultTree();
        tree["initialState"] = Json("""{ "superposition": [ { "amplitude": 1, "coherent": [1.5] } ] }""");
        HasError(Fails(tree), "initialState.superposition[0].coherent", "array of 2");
        tree["initialState"] = Json("""{ "superposition": [] }""");
        HasError(Fails(tree), "initialState.superposition", "non-empty");
    }

    [Test]
    public void TwoModeSqueezedAndNoonAreRead()
    {
        var tree = DefaultTree();
        tree["initialState"] = Json("""{ "twoModeSqueezed": { "modes": [0, 1], "r": 0.5 } }""");
        Assert.That(Parse(tree).InitialState, Is.EqualTo(new TwoModeSqueezedState(0, 1, 0.5)));
        tree["initialState"] = Json("""{ "noon": { "modes": [1, 0], "n": 3 } }""");
        Assert.That(Parse(tree).InitialState, Is.EqualTo(new NoonState(1, 0, 3)));
    }

    [Test]
    public void NoonNeedsDistinctModesAndAPositiveN()
    {
        var tree = DefaultTree();
        tree["initialState"] = Json("""{ "noon": { "modes": [0, 0], "n": 0 } }""");
        var e = Fails(tree);
        HasError(e, "initialState.noon.modes", "same mode");
        HasError(e, "initialState.noon.n", "≥ 1");
    }

    [Test]
    public void UnknownInitialStateFormListsTheValidOnes()
    {
        var tree = DefaultTree();
        tree["initialState"] = Json("""{ "ghz": {} }""");
        HasError(Fails(tree), "initialState.ghz", "product", "noon");
    }

    [Test]
    public void TruncationFormsAreRead()
    {
        var tree = DefaultTree();
        tree["truncation"] = Json("""{ "perMode": [20, 12] }""");
        Assert.That(((PerModeTruncation)Parse(tree).Truncation).Levels, Is.EqualTo(new[] { 20, 12 }));
        tree["truncation"] = Json("""{ "totalExcitations": 25 }""");
        Assert.That(Parse(tree).Truncation, Is.EqualTo(new TotalExcitationTruncation(25)));
    }

    [Test]
    public void BadTruncationsAreErrors()
    {
        var tree = DefaultTree();
        tree["truncation"] = Json("""{ "perMode": [20] }""");
        HasError(Fails(tree), "truncation.perMode", "array of 2");
        tree["truncation"] = Json("""{ "perMode": [20, 0] }""");
        HasError(Fails(tree), "truncation.perMode[1]", "≥ 1");
        tree["truncation"] = Json("""{ "totalExcitations": 0 }""");
        HasError(Fails(tree), "truncation.totalExcitations", "K ≥ 1");
        tree["truncation"] = Json("""{ "perMode": 20, "totalExcitations": 25 }""");
        HasError(Fails(tree), "truncation", "exactly one", "perMode", "totalExcitations");
        tree["truncation"] = Json("""{ "levels": 20 }""");
        HasError(Fails(tree), "truncation.levels", "perMode");
    }
}
