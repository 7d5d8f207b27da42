using System.Numerics;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Configuration.ConfigTestSupport;

namespace BosonicTrajectories.Tests.Configuration;

public class LindbladConfigTests
{
    /// <summary>Coefficients here are exact sums of config numbers; only √rate carries round-off.</summary>
    private const double RoundOff = 1e-15;

    private static OpenSystemModel Model(SimulationConfig config) => ((ExplicitLindbladDescription)config.Model).Model;

    private static LadderOperator Ad(int mode) => new(mode, true);

    private static LadderOperator A(int mode) => new(mode, false);

    [Test]
    public void ParametricAmplifierFromTheSpecParses()
    {
        var tree = LindbladTree();
        tree["model"] = Json("""
            { "kind": "lindblad",
              "hamiltonian": { "matrix": [[0, 0], [0, 0]], "squeezing": [ { "modes": [0, 1], "rate": 0.02 } ] },
              "jumps": [ { "rate": 0.1, "annihilate": [1, 0] }, { "rate": 0.1, "annihilate": [0, 1], "create": [0, 0] } ],
              "parties": [ { "name": "A", "modes": [0] }, { "name": "B", "modes": [1] } ] }
            """);
        var model = Model(Parse(tree));

        Assert.That(model.Hamiltonian.Terms, Is.EqualTo(new[]
        {
            new Monomial(0.02, [Ad(0), Ad(1)]),
            new Monomial(0.02, [A(1), A(0)]),
        }));
        Assert.That(model.Jumps.Select(j => j.Label), Is.EqualTo(new[] { "jumps[0]", "jumps[1]" }));
        Assert.That(model.Jumps[0].Operator.Terms, Has.Length.EqualTo(1));
        Assert.That(model.Jumps[0].Operator.Terms[0].Operators, Is.EqualTo(new[] { A(0) }));
        Assert.That(model.Jumps[0].Operator.Terms[0].Coefficient.Real, Is.EqualTo(Math.Sqrt(0.1)).Within(RoundOff));
        Assert.That(model.Jumps[1].Operator.Terms[0].Operators, Is.EqualTo(new[] { A(1) }));
        Assert.That(model.IsQuadratic, Is.True);
        Assert.That(model.Passive, Is.Null);
        Assert.That(model.Parties.Select(p => p.Name), Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public void KerrDrivenModelFromTheSpecParses()
    {
        var tree = LindbladTree(1);
        tree["model"] = Json("""
            { "kind": "lindblad",
              "hamiltonian": { "matrix": [[0.1]],
                               "terms": [ { "coefficient": 0.025, "ops": "ad0 ad0 a0 a0" },
                                          { "coefficient": 2.0, "ops": "a0", "plusHc": true } ] },
              "jumps": [ { "rate": 0.05, "ops": "a0 a0" } ],
              "parties": [ { "name": "A", "modes": [0] } ] }
            """);
        var model = Model(Parse(tree));

        Assert.That(model.Hamiltonian.Terms, Is.EqualTo(new[]
        {
            new Monomial(0.1, [Ad(0), A(0)]),
            new Monomial(0.025, [Ad(0), Ad(0), A(0), A(0)]),
            new Monomial(2.0, [A(0)]),
            new Monomial(2.0, [Ad(0)]),
        }));
        Assert.That(model.Jumps[0].Operator.Terms[0].Operators, Is.EqualTo(new[] { A(0), A(0) }));
        Assert.That(model.Jumps[0].Operator.Terms[0].Coefficient.Real, Is.EqualTo(Math.Sqrt(0.05)).Within(RoundOff));
        Assert.That(model.IsQuadratic, Is.False);
    }

    [Test]
    public void SingleModeSqueezingAddsItsAdjoint()
    {
        var tree = LindbladTree(1);
        tree["model"]!["hamiltonian"] = Json("""{ "squeezing": [ { "modes": [0, 0], "rate": [0, 0.3] } ] }""");
        Assert.That(Model(Parse(tree)).Hamiltonian.Terms, Is.EqualTo(new[]
        {
            new Monomial(new Complex(0, 0.3), [Ad(0), Ad(0)]),
            new Monomial(new Complex(0, -0.3), [A(0), A(0)]),
        }));
    }

    [Test]
    public void HamiltonianMayBeLeftOut()
    {
        var tree = LindbladTree();
        tree["model"]!.AsObject().Remove("hamiltonian");
        tree["model"]!.AsObject().Remove("jumps");
        var config = Parse(tree);
        Assert.That(Model(config).Hamiltonian.IsZero, Is.True);
        Assert.That(Model(config).Jumps, Is.Empty);
        Assert.That(config.NormalizedJson["model"]!["hamiltonian"], Is.Not.Null);
    }

    [Test]
    public void BadOpsStringIsAnError()
    {
        var tree = LindbladTree();
        tree["model"]!["hamiltonian"] = Json("""{ "terms": [ { "coefficient": 1, "ops": "ad0 b1", "plusHc": true } ] }""");
        HasError(Fails(tree), "model.hamiltonian.terms[0].ops", "'b1'", "a<i>", "ad<i>");
    }

    [Test]
    public void OpsOnAMissingModeIsAnError()
    {
        var tree = LindbladTree();
        tree["model"]!["jumps"] = Json("""[ { "rate": 0.1, "ops": "a0 a2" } ]""");
        HasError(Fails(tree), "model.jumps[0].ops", "mode 2", "0 to 1");
    }

    [Test]
    public void NonHermitianTermsWithoutPlusHcAreAnError()
    {
        var tree = LindbladTree();
        tree["model"]!["hamiltonian"] = Json("""
            { "terms": [ { "coefficient": 0.5, "ops": "ad0 a0" },
                         { "coefficient": 0.1, "ops": "ad0 a1" },
                         { "coefficient": 2.0, "ops": "a1" } ] }
            """);
        var e = Fails(tree);
        HasError(e, "model.hamiltonian.terms[1]", "non-Hermitian", "plusHc");
        HasError(e, "model.hamiltonian.terms[2]", "non-Hermitian", "plusHc");
        Assert.That(e.Errors.Any(err => err.Path == "model.hamiltonian.terms[0]"), Is.False, "ad0 a0 with a real coefficient is Hermitian");
    }

    [Test]
    public void ConjugatePairGivenAsTwoTermsIsHermitian()
    {
        var tree = LindbladTree();
        tree["model"]!["hamiltonian"] = Json("""
            { "terms": [ { "coefficient": [0.1, 0.2], "ops": "ad0 a1" },
                         { "coefficient": [0.1, -0.2], "ops": "ad1 a0" },
                         { "coefficient": 0.3, "ops": "ad0 ad1 a0 a1" } ] }
            """);
        // ad0 ad1 a0 a1 is Hermitian although its written adjoint ad1 ad0 a1 a0 is a different string.
        Assert.DoesNotThrow(() => Parse(tree));
    }

    [Test]
    public void HermiticityIsJudgedAfterNormalOrdering()
    {
        // i (a a† − a† a) = i·1 is anti-Hermitian although each string is its own adjoint...
        var tree = LindbladTree(1);
        tree["model"]!["hamiltonian"] = Json("""
            { "terms": [ { "coefficient": [0, 1], "ops": "a0 ad0" }, { "coefficient": [0, -1], "ops": "ad0 a0" } ] }
            """);
        HasError(Fails(tree), "model.hamiltonian.terms[0]", "non-Hermitian");

        // ...while a a† − a† a with real coefficients is the identity, which is Hermitian.
        tree["model"]!["hamiltonian"] = Json("""
            { "terms": [ { "coefficient": 1, "ops": "a0 ad0" }, { "coefficient": -1, "ops": "ad0 a0" } ] }
            """);
        Assert.DoesNotThrow(() => Parse(tree));
    }

    [Test]
    public void NonHermitianMatrixIsAnError()
    {
        var tree = LindbladTree();
        tree["model"]!["hamiltonian"] = Json("""{ "matrix": [[0, [0, 1]], [[0, 1], 0]] }""");
        HasError(Fails(tree), "model.hamiltonian.matrix[0][1]", "Hermitian");
    }

    [Test]
    public void JumpNeedsExactlyOneForm()
    {
        var tree = LindbladTree();
        tree["model"]!["jumps"] = Json("""[ { "rate": 0.1 }, { "rate": 0.1, "ops": "a0", "create": [0, 1] } ]""");
        var e = Fails(tree);
        HasError(e, "model.jumps[0]", "no operator");
        HasError(e, "model.jumps[1]", "both");
    }

    [Test]
    public void JumpVectorsMustHaveOneEntryPerMode()
    {
        var tree = LindbladTree();
        tree["model"]!["jumps"] = Json("""[ { "rate": 0.1, "create": [1] } ]""");
        HasError(Fails(tree), "model.jumps[0].create", "array of 2");
    }

    [Test]
    public void GainJumpUsesCreationOperators()
    {
        var tree = LindbladTree();
        tree["model"]!["jumps"] = Json("""[ { "rate": 4, "create": [0, [0, 1]] } ]""");
        var jump = Model(Parse(tree)).Jumps[0].Operator;
        Assert.That(jump.Terms, Is.EqualTo(new[] { new Monomial(new Complex(0, 2), [Ad(1)]) }));
    }

    [Test]
    public void LindbladModelNeedsParties()
    {
        var tree = LindbladTree();
        tree["model"]!.AsObject().Remove("parties");
        HasError(Fails(tree), "model.parties", "missing required key");
    }

    [Test]
    public void ThermalMachineKeysAreUnknownInALindbladModel()
    {
        var tree = LindbladTree();
        tree["model"]!["baths"] = Json("[]");
        HasError(Fails(tree), "model.baths", "unknown key", "jumps");
    }

    [Test]
    public void UnknownModelKindListsTheValidOnes()
    {
        var tree = LindbladTree();
        tree["model"]!["kind"] = "hamiltonian";
        HasError(Fails(tree), "model.kind", "\"thermalMachine\"", "\"lindblad\"");
    }
}
