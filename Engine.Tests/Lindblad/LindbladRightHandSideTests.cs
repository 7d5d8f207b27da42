using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Lindblad.LindbladTestModels;

namespace BosonicTrajectories.Tests.Lindblad;

public class LindbladRightHandSideTests
{
    // Both sides are the same finite sums in a different order: only rounding separates them.
    private const double RoundingTolerance = 1e-12;

    /// <summary>A non-passive two-mode model with complex hopping, squeezing, a Kerr term and a nonlinear jump.</summary>
    private static OpenSystemModel GenericModel()
    {
        var h = Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, new(0.1, 0.07) }, { new(0.1, -0.07), 1.3 } })
            + Polynomial.Single(new Complex(0.02, 0.01), new(0, true), new(1, true))
            + Polynomial.Single(new Complex(0.02, -0.01), new(1, false), new(0, false))
            + Polynomial.Single(0.05, new(0, true), new(0, true), new(0, false), new(0, false));
        ImmutableArray<JumpOperator> jumps =
        [
            new("loss", Polynomial.Linear([new Complex(0.2, 0.1), 0.15], [0, 0])),
            new("gain", Polynomial.Linear([0, 0], [0.1, new Complex(0, 0.05)])),
            new("two-photon", Polynomial.Single(0.1, new(1, false), new(1, false))),
        ];
        return new OpenSystemModel(2, [new Party("A", [0]), new Party("B", [1])], h, jumps, null, []);
    }

    [TestCase(false, true, false)]
    [TestCase(true, true, false)]
    [TestCase(false, false, false)]
    [TestCase(true, false, false)]
    [TestCase(true, true, true)]
    [TestCase(true, false, true)]
    public void EqualsTheDenseLindbladEquationInTheLabFrame(bool interactionPicture, bool diagonalStorage, bool totalTruncation)
    {
        var space = totalTruncation ? new FockSpace(new TotalExcitationTruncation(5), 2) : new FockSpace(new PerModeTruncation([4, 3]), 2);
        var problem = LindbladProblem.Build(GenericModel(), space, interactionPicture);
        int d = space.Dimension;
        const double t = 0.73;
        var labRho = RandomHermitian(d, seed: 3);

        var working = new Complex[d * d];
        problem.ToWorkingFrame(t, labRho, working);
        var derivative = new Complex[d * d];
        var rhs = new LindbladRightHandSide(problem, diagonalStorage);
        Assert.That(rhs.UsesDiagonalStorage, Is.EqualTo(diagonalStorage));
        rhs.Evaluate(t, working, derivative);

        // Lab derivative = e^{−iH0 t}(dρ_I/dt − i[H0, ρ_I])e^{iH0 t}.
        var energies = problem.FrameEnergies.ToArray();
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
                derivative[(r * d) + c] -= Complex.ImaginaryOne * (energies[r] - energies[c]) * working[(r * d) + c];
        var labDerivative = new Complex[d * d];
        problem.ToLabFrame(t, derivative, labDerivative);

        var expected = DenseLindblad(problem.Hamiltonian.ToDense(), problem.Jumps.Select(j => j.ToDense()), ToMatrix(labRho, d));
        double scale = expected.FrobeniusNorm();
        double error = (ToMatrix(labDerivative, d) - expected).FrobeniusNorm();
        Assert.That(error, Is.LessThan(RoundingTolerance * scale));
    }

    [Test]
    public void LabFrameDerivativeNormIsTheFrobeniusNormOfTheDenseRightHandSide()
    {
        var space = new FockSpace(new PerModeTruncation([4, 3]), 2);
        var problem = LindbladProblem.Build(GenericModel(), space);
        int d = space.Dimension;
        const double t = 2.1;
        var labRho = RandomHermitian(d, seed: 5);
        var working = new Complex[d * d];
        problem.ToWorkingFrame(t, labRho, working);
        var rhs = problem.CreateRightHandSide();
        var derivative = new Complex[d * d];
        rhs.Evaluate(t, working, derivative);

        double expected = DenseLindblad(problem.Hamiltonian.ToDense(), problem.Jumps.Select(j => j.ToDense()), ToMatrix(labRho, d)).FrobeniusNorm();
        Assert.That(rhs.LabFrameDerivativeNorm(working, derivative), Is.EqualTo(expected).Within(RoundingTolerance * expected));
    }

    [Test]
    public void DerivativeIsHermitianAndTraceless()
    {
        var space = new FockSpace(new PerModeTruncation([5, 4]), 2);
        var problem = LindbladProblem.Build(GenericModel(), space);
        int d = space.Dimension;
        var rho = RandomHermitian(d, seed: 11);
        var derivative = new Complex[d * d];
        problem.CreateRightHandSide().Evaluate(0.4, rho, derivative);
        Complex trace = 0;
        for (int r = 0; r < d; r++)
        {
            trace += derivative[(r * d) + r];
            for (int c = 0; c < d; c++)
                Assert.That(derivative[(r * d) + c], Is.EqualTo(Complex.Conjugate(derivative[(c * d) + r])));
        }
        Assert.That(Complex.Abs(trace), Is.LessThan(RoundingTolerance * d));
    }

    [Test]
    public void RejectsAModelWithTheWrongNumberOfModes()
    {
        var space = new FockSpace(new PerModeTruncation([4]), 1);
        Assert.That(() => LindbladProblem.Build(GenericModel(), space), Throws.ArgumentException.With.Message.Contains("modes"));
    }

    [Test]
    public void RejectsANonHermitianHamiltonian()
    {
        var model = DampedMode(1, 0.1, 0) with { Hamiltonian = Polynomial.Single(1, new LadderOperator(0, true)) };
        var space = new FockSpace(new PerModeTruncation([4]), 1);
        Assert.That(() => LindbladProblem.Build(model, space), Throws.ArgumentException.With.Message.Contains("Hermitian"));
    }
}
