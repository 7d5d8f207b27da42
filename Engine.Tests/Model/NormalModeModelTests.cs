using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.Model;

/// <summary>A passive model in its normal modes: H = Σ λ_k b_k† b_k, jumps substituted through a_i = Σ_k W_ik b_k.</summary>
public class NormalModeModelTests
{
    /// <summary>Eigen-decomposition of an O(1) 3×3 matrix and one substitution: a few ulps.</summary>
    private const double RoundingTolerance = 1e-12;

    private static OpenSystemModel ThreeModeMachine(SecularApproach approach)
    {
        var h = new Complex[3, 3];
        for (int i = 0; i < 3; i++) h[i, i] = 1.0 + (0.25 * i);
        SetHopping(h, 0, 1, new Complex(0.06, 0.04));
        SetHopping(h, 1, 2, new Complex(0.0, -0.05));
        var flat = new FlatSpectralDensity(0.03);
        return ThermalMachine.Build(Machine(h, [Party("A", 0), Party("B", 1, 2)],
            [Bath("A", BathStatistics.Bose, 0.5, flat, Identity(1)), Bath("B", BathStatistics.Fermi, 0.25, flat, Identity(2))], approach));
    }

    [Test]
    public void GlobalJumpsBecomeSingleLadderOperatorsAndHIsDiagonal()
    {
        var model = ThreeModeMachine(SecularApproach.Global);
        var normal = NormalModeModel.TryCreate(model)!;
        Assert.That(normal, Is.Not.Null);
        var h = model.Passive!.SystemMatrix;
        // λ_k are the eigenvalues of h: Σ_i (h W)_ik = λ_k W_ik.
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 3; i++)
            {
                Complex hw = 0;
                for (int j = 0; j < 3; j++) hw += h[i, j] * normal.Modes[j, k];
                Assert.That((hw - (normal.Frequencies[k] * normal.Modes[i, k])).Magnitude, Is.LessThan(RoundingTolerance), $"h W = W Λ at ({i}, {k})");
            }
        Assert.That(normal.Model.Hamiltonian.Terms.Select(t => (t.Operators[0].Mode, t.Operators[1].Mode)),
            Is.EqualTo(new[] { (0, 0), (1, 1), (2, 2) }));
        Assert.That(normal.Model.Jumps, Has.Length.EqualTo(model.Jumps.Length));
        Assert.That(normal.Model.Jumps.Select(j => j.Operator.Terms.Length), Has.All.EqualTo(1), "a global jump is one b_k or b_k†");
        AssertSubstituted(model, normal);
    }

    [Test]
    public void LocalJumpsKeepEveryNormalModeTheyTouch()
    {
        var model = ThreeModeMachine(SecularApproach.Local);
        var normal = NormalModeModel.TryCreate(model)!;
        Assert.That(normal, Is.Not.Null);
        Assert.That(normal.Model.Jumps.Max(j => j.Operator.Terms.Length), Is.GreaterThan(1), "local jumps mix normal modes");
        AssertSubstituted(model, normal);
        Assert.That(normal.Model.Parties, Is.EqualTo(model.Parties));
        Assert.That(normal.Model.Passive, Is.Null);
    }

    [Test]
    public void AMixedJumpAndAConstantTransformToo()
    {
        var h = Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, new(0.2, 0.1) }, { new(0.2, -0.1), 1.5 } }) + Polynomial.Single(0.7);
        ImmutableArray<JumpOperator> jumps =
            [new("position-like", Polynomial.Linear([0.3, new Complex(0, 0.1)], [0.3, new Complex(0, -0.1)]) + Polynomial.Single(0.05))];
        var model = new OpenSystemModel(2, [Party("A", 0), Party("B", 1)], h, jumps, null, []);
        var normal = NormalModeModel.TryCreate(model)!;
        Assert.That(normal, Is.Not.Null);
        Assert.That(normal.Model.Hamiltonian.Terms.Where(t => t.Degree == 0).Sum(t => t.Coefficient.Real), Is.EqualTo(0.7));
        AssertSubstituted(model, normal);
    }

    private static IEnumerable<TestCaseData> NotPassive()
    {
        var hopping = Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, 0.1 }, { 0.1, 1.2 } });
        JumpOperator loss = new("loss", Polynomial.Single(0.2, new LadderOperator(0, false)));
        yield return new TestCaseData(hopping + Polynomial.Single(0.02, new(0, true), new(0, true), new(0, false), new(0, false)), loss)
            .SetArgDisplayNames("Kerr term");
        yield return new TestCaseData(hopping + Polynomial.Single(0.3, new LadderOperator(0, false)) + Polynomial.Single(0.3, new LadderOperator(0, true)), loss)
            .SetArgDisplayNames("drive");
        yield return new TestCaseData(hopping + Polynomial.Single(0.05, new(0, true), new(1, true)) + Polynomial.Single(0.05, new(1, false), new(0, false)), loss)
            .SetArgDisplayNames("squeezing");
        yield return new TestCaseData(Polynomial.Single(1.0, new(0, false), new(0, true)), loss).SetArgDisplayNames("a a† (annihilator first)");
        yield return new TestCaseData(hopping, new JumpOperator("two-photon", Polynomial.Single(0.1, new(0, false), new(0, false))))
            .SetArgDisplayNames("nonlinear jump");
        yield return new TestCaseData(Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, 0.1 }, { 0.3, 1.2 } }), loss).SetArgDisplayNames("h not Hermitian");
    }

    [TestCaseSource(nameof(NotPassive))]
    public void DoesNotApplyOutsidePassiveModelsWithLinearJumps(Polynomial hamiltonian, JumpOperator jump)
    {
        var model = new OpenSystemModel(2, [Party("A", 0), Party("B", 1)], hamiltonian, [jump], null, []);
        Assert.That(NormalModeModel.TryCreate(model), Is.Null);
        var passive = model with { Hamiltonian = Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, 0.1 }, { 0.1, 1.2 } }), Jumps = [new("loss", Polynomial.Single(0.2, new LadderOperator(0, false)))] };
        Assert.That(NormalModeModel.TryCreate(passive), Is.Not.Null, "the same model made passive");
    }

    /// <summary>
    /// Substituting back b_k = Σ_i conj(W_ik) a_i into each normal-mode jump gives the original coefficients:
    /// α_i = Σ_k α'_k conj(W_ik) for the annihilators and β_i = Σ_k β'_k W_ik for the creators.
    /// </summary>
    private static void AssertSubstituted(OpenSystemModel model, NormalModeModel normal)
    {
        int d = model.Modes;
        for (int j = 0; j < model.Jumps.Length; j++)
        {
            var (original, originalConstant) = Coefficients(model.Jumps[j].Operator, d);
            var (substituted, constant) = Coefficients(normal.Model.Jumps[j].Operator, d);
            Assert.That(normal.Model.Jumps[j].Label, Is.EqualTo(model.Jumps[j].Label));
            Assert.That(constant, Is.EqualTo(originalConstant));
            for (int i = 0; i < d; i++)
            {
                Complex alpha = 0, beta = 0;
                for (int k = 0; k < d; k++)
                {
                    alpha += substituted[0, k] * Complex.Conjugate(normal.Modes[i, k]);
                    beta += substituted[1, k] * normal.Modes[i, k];
                }
                Assert.That((alpha - original[0, i]).Magnitude, Is.LessThan(RoundingTolerance), $"jump {j}, a_{i}");
                Assert.That((beta - original[1, i]).Magnitude, Is.LessThan(RoundingTolerance), $"jump {j}, a_{i}†");
            }
        }
    }

    /// <summary>[0, i]: coefficient of a_i, [1, i]: of a_i†; and the constant.</summary>
    private static (Complex[,] Linear, Complex Constant) Coefficients(Polynomial jump, int d)
    {
        var c = new Complex[2, d];
        Complex constant = 0;
        foreach (var term in jump.Terms)
        {
            if (term.Degree == 0) constant += term.Coefficient;
            else c[term.Operators[0].Create ? 1 : 0, term.Operators[0].Mode] += term.Coefficient;
        }
        return (c, constant);
    }
}
