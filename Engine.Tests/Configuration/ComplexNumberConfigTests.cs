using System.Numerics;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Configuration.ConfigTestSupport;

namespace BosonicTrajectories.Tests.Configuration;

/// <summary>A complex number in a config is a number or [re, im] (SPEC §3).</summary>
public class ComplexNumberConfigTests
{
    private static Complex CoherentAlpha(string alphaJson)
    {
        var tree = DefaultTree();
        tree["initialState"] = Json($$"""{ "product": [ { "coherent": { "alpha": {{alphaJson}} } }, { "vacuum": {} } ] }""");
        return ((CoherentState)((ProductState)Parse(tree).InitialState).Factors[0]).Alpha;
    }

    [TestCase("1.5", 1.5, 0.0)]
    [TestCase("-2", -2.0, 0.0)]
    [TestCase("[0.5, -0.25]", 0.5, -0.25)]
    [TestCase("[0, 1e-3]", 0.0, 1e-3)]
    [TestCase("[3, 0]", 3.0, 0.0)]
    public void ReadsNumbersAndPairs(string json, double re, double im) =>
        Assert.That(CoherentAlpha(json), Is.EqualTo(new Complex(re, im)));

    [TestCase("[1]")]
    [TestCase("[1, 2, 3]")]
    [TestCase("\"1+2i\"")]
    [TestCase("[\"1\", 2]")]
    [TestCase("{ \"re\": 1, \"im\": 2 }")]
    [TestCase("true")]
    public void RejectsOtherShapes(string json)
    {
        var tree = DefaultTree();
        tree["initialState"] = Json($$"""{ "product": [ { "coherent": { "alpha": {{json}} } }, { "vacuum": {} } ] }""");
        HasError(Fails(tree), "initialState.product[0].coherent.alpha", "a number or [re, im]");
    }

    [Test]
    public void ComplexHoppingRateGivesTheConjugateTransposeEntry()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"]!["hoppings"]![0]!["rate"] = Json("[0, 0.1]");
        var h = ((ThermalMachineDescription)Parse(tree).Model).Hamiltonian;
        Assert.That(h[0, 1], Is.EqualTo(new Complex(0, 0.1)));
        Assert.That(h[1, 0], Is.EqualTo(Complex.Conjugate(new Complex(0, 0.1))));
    }

    [Test]
    public void FrequenciesMustBeReal()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"]!["frequencies"] = Json("[[1, 0.1], 1.2]");
        HasError(Fails(tree), "model.hamiltonian.frequencies[0]", "real frequency");
    }
}
