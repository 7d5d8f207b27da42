using System.Numerics;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Configuration.ConfigTestSupport;

namespace BosonicTrajectories.Tests.Configuration;

public class ThermalMachineConfigTests
{
    private static ThermalMachineDescription Machine(SimulationConfig config) => (ThermalMachineDescription)config.Model;

    [Test]
    public void ComplexHoppingSetsTheConjugateBelowTheDiagonal()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"]!["hoppings"] = Json("""[ { "modes": [0, 1], "rate": [0.1, 0.05] } ]""");
        var h = Machine(Parse(tree)).Hamiltonian;
        Assert.That(h[0, 1], Is.EqualTo(new Complex(0.1, 0.05)));
        Assert.That(h[1, 0], Is.EqualTo(new Complex(0.1, -0.05)));
    }

    [Test]
    public void HoppingWrittenAgainstTheOrderConjugates()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"]!["hoppings"] = Json("""[ { "modes": [1, 0], "rate": [0.1, 0.05] } ]""");
        var h = Machine(Parse(tree)).Hamiltonian;
        Assert.That(h[1, 0], Is.EqualTo(new Complex(0.1, 0.05)));
        Assert.That(h[0, 1], Is.EqualTo(new Complex(0.1, -0.05)));
    }

    [Test]
    public void DuplicateHoppingPairIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"]!["hoppings"] = Json("""[ { "modes": [0, 1], "rate": 0.1 }, { "modes": [1, 0], "rate": 0.1 } ]""");
        HasError(Fails(tree), "model.hamiltonian.hoppings[1].modes", "already have a hopping");
    }

    [Test]
    public void HoppingOnOneModeIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"]!["hoppings"] = Json("""[ { "modes": [1, 1], "rate": 0.1 } ]""");
        HasError(Fails(tree), "model.hamiltonian.hoppings[0].modes", "same mode");
    }

    [Test]
    public void MatrixFormIsReadAsGiven()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"] = Json("""{ "matrix": [[1.0, [0.1, 0.2]], [[0.1, -0.2], 1.2]] }""");
        var h = Machine(Parse(tree)).Hamiltonian;
        Assert.That(h[0, 1], Is.EqualTo(new Complex(0.1, 0.2)));
        Assert.That(h[1, 0], Is.EqualTo(new Complex(0.1, -0.2)));
    }

    [Test]
    public void MatrixAndFrequenciesTogetherAreAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"]!["matrix"] = Json("[[1, 0], [0, 1]]");
        HasError(Fails(tree), "model.hamiltonian", "exactly one");
    }

    [Test]
    public void NonHermitianMatrixNamesTheEntry()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"] = Json("""{ "matrix": [[1.0, 0.1], [0.2, 1.2]] }""");
        HasError(Fails(tree), "model.hamiltonian.matrix[0][1]", "Hermitian", "H_10");
    }

    [Test]
    public void ComplexDiagonalIsNotHermitian()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"] = Json("""{ "matrix": [[1.0, 0.1], [0.1, [1.2, 0.3]]] }""");
        HasError(Fails(tree), "model.hamiltonian.matrix[1][1]", "not real");
    }

    [Test]
    public void IndefiniteHamiltonianIsRejectedNamingTheSmallestEigenvalue()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"] = Json("""{ "matrix": [[1.0, 2.0], [2.0, 1.0]] }""");   // eigenvalues −1 and 3
        HasError(Fails(tree), "model.hamiltonian.matrix", "positive definite", "-1", "all eigenvalues of H > 0");
    }

    [Test]
    public void IndefiniteFrequenciesFormIsRejectedToo()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"]!["frequencies"] = Json("[1.0, -0.5]");
        HasError(Fails(tree), "model.hamiltonian.frequencies", "positive definite");
    }

    [Test]
    public void WrongMatrixSizeIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["hamiltonian"] = Json("""{ "matrix": [[1.0, 0.1, 0], [0.1, 1.2, 0]] }""");
        HasError(Fails(tree), "model.hamiltonian.matrix[0]", "3 elements", "array of 2");
    }

    [Test]
    public void OverlappingPartiesNameTheMode()
    {
        var tree = DefaultTree();
        tree["model"]!["parties"] = Json("""[ { "name": "A", "modes": [0, 1] }, { "name": "B", "modes": [1] } ]""");
        HasError(Fails(tree), "model.parties[1].modes[0]", "mode 1", "already in party \"A\"");
    }

    [Test]
    public void ModeInNoPartyIsNamed()
    {
        var tree = DefaultTree();
        tree["model"]!["parties"] = Json("""[ { "name": "A", "modes": [0] } ]""");
        tree["model"]!["baths"]!.AsArray().RemoveAt(1);
        HasError(Fails(tree), "model.parties", "mode 1 is in no party");
    }

    [Test]
    public void ModeOutOfRangeInPartyIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["parties"]![1]!["modes"] = Json("[1, 2]");
        HasError(Fails(tree), "model.parties[1].modes[1]", "from 0 to 1");
    }

    [Test]
    public void DuplicatePartyNamesAreAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["parties"]![1]!["name"] = "A";
        HasError(Fails(tree), "model.parties[1].name", "unique");
    }

    [Test]
    public void BathForUnknownPartyIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![1]!["party"] = "C";
        var e = Fails(tree);
        HasError(e, "model.baths[1].party", "no party \"C\"", "\"A\", \"B\"");
        HasError(e, "model.baths", "party \"B\" has no bath");
    }

    [Test]
    public void TwoBathsOnOnePartyIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![1]!["party"] = "A";
        HasError(Fails(tree), "model.baths[1].party", "already has a bath");
    }

    [Test]
    public void BoseChemicalPotentialAboveTheLowestGlobalFrequencyIsAnError()
    {
        // Eigenvalues of [[1, 0.1], [0.1, 1.2]] are 1.1 ∓ √0.02 ≈ 0.958579 and 1.24142; μ = 0.97 lies between them.
        var tree = DefaultTree();
        tree["model"]!["baths"]![0]!["chemicalPotential"] = 0.97;
        HasError(Fails(tree), "model.baths[0].chemicalPotential", "0.97", "0.958579", "global");
    }

    [Test]
    public void BoseChemicalPotentialBelowTheLowestGlobalFrequencyIsFine()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![0]!["chemicalPotential"] = 0.95;
        Assert.That(Machine(Parse(tree)).Baths[0].ChemicalPotential, Is.EqualTo(0.95));
    }

    [Test]
    public void LocalApproachChecksChemicalPotentialAgainstThePartyBlock()
    {
        // Local: party A's block is [[1.0]], so μ = 0.97 (fine) is below ω = 1 even though it is above the global 0.9586;
        // μ = 1.0 is not.
        var tree = DefaultTree();
        tree["model"]!["approach"] = "local";
        tree["model"]!["baths"]![0]!["chemicalPotential"] = 0.97;
        Assert.That(Machine(Parse(tree)).Approach, Is.EqualTo(SecularApproach.Local));

        tree["model"]!["baths"]![0]!["chemicalPotential"] = 1.0;
        HasError(Fails(tree), "model.baths[0].chemicalPotential", "μ = 1", "ω = 1", "local");
    }

    [Test]
    public void FermiBathWithNonZeroChemicalPotentialIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![1]!["statistics"] = "fermi";
        tree["model"]!["baths"]![1]!["chemicalPotential"] = 0.1;
        HasError(Fails(tree), "model.baths[1].chemicalPotential", "fermi", "μ = 0");
    }

    [Test]
    public void FermiBathWithoutChemicalPotentialIsFine()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![1]!["statistics"] = "fermi";
        tree["model"]!["baths"]![1]!.AsObject().Remove("chemicalPotential");
        Assert.That(Machine(Parse(tree)).Baths[1].Statistics, Is.EqualTo(BathStatistics.Fermi));
    }

    [Test]
    public void NegativeTemperatureIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![1]!["temperature"] = -0.2;
        HasError(Fails(tree), "model.baths[1].temperature", "-0.2", "≥ 0");
    }

    [Test]
    public void UnknownStatisticsListsTheValidOnes()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![0]!["statistics"] = "boltzmann";
        HasError(Fails(tree), "model.baths[0].statistics", "\"bose\"", "\"fermi\"");
    }

    [Test]
    public void LambShiftWithAFlatBathIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["lambShift"] = true;
        var e = Fails(tree);
        HasError(e, "model.lambShift", "model.baths[0].spectralDensity", "flat", "ohmic");
        HasError(e, "model.lambShift", "model.baths[1].spectralDensity");
    }

    [Test]
    public void LambShiftWithOhmicBathsIsFine()
    {
        var tree = DefaultTree();
        tree["model"]!["lambShift"] = true;
        foreach (var bath in tree["model"]!["baths"]!.AsArray())
            bath!["spectralDensity"] = Json("""{ "kind": "ohmic", "kappa": 0.05, "cutoff": 5, "exponent": 2 }""");
        var machine = Machine(Parse(tree));
        Assert.That(machine.LambShift, Is.True);
        Assert.That(machine.Baths[0].SpectralDensity, Is.EqualTo(new OhmicSpectralDensity(0.05, 5, 2)));
    }

    [Test]
    public void OhmicNeedsAPositiveCutoffAndNoFlatOnlyKeys()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]![0]!["spectralDensity"] = Json("""{ "kind": "ohmic", "kappa": 0.05, "cutoff": 0 }""");
        tree["model"]!["baths"]![1]!["spectralDensity"] = Json("""{ "kind": "flat", "kappa": 0.05, "cutoff": 3 }""");
        var e = Fails(tree);
        HasError(e, "model.baths[0].spectralDensity.cutoff", "> 0");
        HasError(e, "model.baths[1].spectralDensity.cutoff", "unknown key", "kappa");
    }

    [Test]
    public void CouplingVectorGivesTheOuterProduct()
    {
        var tree = ThreeModeTree();
        tree["model"]!["baths"]![0]!["coupling"] = Json("""{ "vector": [1, [0, 2]] }""");
        var k = Machine(Parse(tree)).Baths[0].Coupling;
        // K = c c†, c = (1, 2i): K_01 = c_0 conj(c_1) = −2i.
        Assert.That(k[0, 0], Is.EqualTo(new Complex(1, 0)));
        Assert.That(k[0, 1], Is.EqualTo(new Complex(0, -2)));
        Assert.That(k[1, 0], Is.EqualTo(new Complex(0, 2)));
        Assert.That(k[1, 1], Is.EqualTo(new Complex(4, 0)));
    }

    [Test]
    public void CouplingMatrixMustBePositiveSemidefinite()
    {
        var tree = ThreeModeTree();
        tree["model"]!["baths"]![0]!["coupling"] = Json("""{ "matrix": [[1, 2], [2, 1]] }""");
        HasError(Fails(tree), "model.baths[0].coupling.matrix", "positive semidefinite", "-1");
    }

    [Test]
    public void CouplingVectorMustMatchThePartySize()
    {
        var tree = ThreeModeTree();
        tree["model"]!["baths"]![1]!["coupling"] = Json("""{ "vector": [1, 1] }""");
        HasError(Fails(tree), "model.baths[1].coupling.vector", "array of 1");
    }

    [Test]
    public void ExtraTermsAreRecordedWithTheirAdjoint()
    {
        var tree = DefaultTree();
        tree["model"]!["extraTerms"] = Json("""[ { "coefficient": 0.01, "ops": "ad0 ad1", "plusHc": true } ]""");
        var extra = Machine(Parse(tree)).ExtraTerms;
        Assert.That(extra.Terms, Has.Length.EqualTo(2));
        Assert.That(extra.Terms[1], Is.EqualTo(new Monomial(0.01, [new LadderOperator(1, false), new LadderOperator(0, false)])));
    }

    [Test]
    public void NonHermitianExtraTermIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["extraTerms"] = Json("""[ { "coefficient": 0.01, "ops": "ad0 ad0 a1" } ]""");
        HasError(Fails(tree), "model.extraTerms[0]", "plusHc");
    }

    [Test]
    public void PartyWithoutBathIsAnError()
    {
        var tree = DefaultTree();
        tree["model"]!["baths"]!.AsArray().RemoveAt(0);
        HasError(Fails(tree), "model.baths", "party \"A\" has no bath", "no steady state");
    }

    /// <summary>Three modes: party A = {0, 1}, party B = {2}.</summary>
    private static System.Text.Json.Nodes.JsonObject ThreeModeTree()
    {
        var tree = DefaultTree();
        tree["modes"] = 3;
        tree["model"]!["hamiltonian"] = Json("""{ "frequencies": [1.0, 1.1, 1.2], "hoppings": [ { "modes": [1, 2], "rate": 0.1 } ] }""");
        tree["model"]!["parties"] = Json("""[ { "name": "A", "modes": [0, 1] }, { "name": "B", "modes": [2] } ]""");
        tree["initialState"] = Json("""{ "product": [ { "vacuum": {} }, { "vacuum": {} }, { "vacuum": {} } ] }""");
        return tree;
    }
}
