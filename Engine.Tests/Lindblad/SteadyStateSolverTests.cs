using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Lindblad.LindbladTestModels;

namespace BosonicTrajectories.Tests.Lindblad;

public class SteadyStateSolverTests
{
    // QuTiP's steadystate (direct sparse LU, same truncation) agrees with an exact solve to ~1e-10; ours stops at a
    // GMRES residual of 1e-12 relative. 1e-6 is the agreement the reference file promises, with margin.
    private const double QutipAgreement = 1e-6;

    // fockSteadyStateCutoff20 of /work/shared/reference/hot-cold-cat.json: Re⟨a_i† a_j⟩ and Im⟨a_0† a_1⟩.
    private static readonly double[,] ReferenceNumberMatrix =
    {
        { 1.2107733499726827, -0.4302423340560653 },
        { -0.4302423340560653, 0.350369313140255 },
    };

    private const double ReferenceImaginary01 = -3.401021810806966e-05;

    [Test]
    public void HotColdMachineMatchesTheQutipSteadyStateAtCutoff20()
    {
        var space = new FockSpace(new PerModeTruncation([20]), 2);
        var problem = LindbladProblem.Build(HotColdMachine(), space);
        var result = SteadyStateSolver.Solve(problem);
        TestContext.Out.WriteLine($"{result.Iterations} iterations, {result.Unknowns} unknowns, residual {result.ResidualNorm:G3}, {result.WallSeconds:F3} s");

        Assert.That(result.UsedExcitationStructure, Is.True);
        var n = NumberMatrix(space, result.DensityMatrix);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                Assert.That(n[i, j].Real, Is.EqualTo(ReferenceNumberMatrix[i, j]).Within(QutipAgreement), $"Re N[{i},{j}]");
        Assert.That(n[0, 1].Imaginary, Is.EqualTo(ReferenceImaginary01).Within(QutipAgreement));
        Assert.That(result.ResidualNorm, Is.LessThan(1e-9));
        Assert.That(result.TraceError, Is.LessThan(1e-9));
        Assert.That(result.HermiticityError, Is.LessThan(1e-9));
    }

    [Test]
    public void ExcitationBlocksAgreeWithTheFullIterativeSolve()
    {
        var space = new FockSpace(new PerModeTruncation([6, 5]), 2);
        var problem = LindbladProblem.Build(HotColdMachine(), space);
        var blocks = SteadyStateSolver.Solve(problem);
        var full = SteadyStateSolver.Solve(problem, new SteadyStateOptions(UseExcitationStructure: false));
        var jacobi = SteadyStateSolver.Solve(problem, new SteadyStateOptions(UseExcitationStructure: false, Preconditioner: SteadyStatePreconditioner.Jacobi));
        var coarse = SteadyStateSolver.Solve(problem, new SteadyStateOptions(PopulationCorrection: true));
        Assert.That(blocks.UsedExcitationStructure, Is.True);
        Assert.That(full.UsedExcitationStructure, Is.False);
        Assert.That(coarse.UsedPopulationCorrection, Is.True);
        Assert.That(MaxDifference(blocks.DensityMatrix, coarse.DensityMatrix), Is.LessThan(1e-9));
        Assert.That(blocks.Unknowns, Is.LessThan(full.Unknowns));
        // Both solve the same regular linear system to a 1e-12 relative residual.
        Assert.That(MaxDifference(blocks.DensityMatrix, full.DensityMatrix), Is.LessThan(1e-9));
        Assert.That(MaxDifference(blocks.DensityMatrix, jacobi.DensityMatrix), Is.LessThan(1e-9));
    }

    [Test]
    public void ThermalModeGivesTheGibbsState()
    {
        const double nbar = 0.7;
        const int Levels = 40;
        var space = new FockSpace(new PerModeTruncation([Levels]), 1);
        var result = SteadyStateSolver.Solve(LindbladProblem.Build(DampedMode(1.0, 0.1, nbar), space));
        var expected = TestStates.ThermalDensityMatrix(nbar, Levels);
        // Detailed balance holds level by level in the truncated space too, so the truncated Gibbs state is exact.
        Assert.That(MaxDifference(result.DensityMatrix, expected), Is.LessThan(1e-10));
    }

    [Test]
    public void PureLossHasTheVacuumAsSteadyState()
    {
        var space = new FockSpace(new PerModeTruncation([10]), 1);
        var result = SteadyStateSolver.Solve(LindbladProblem.Build(DampedMode(1.0, 0.1, 0), space));
        Assert.That(result.DensityMatrix[0].Real, Is.EqualTo(1).Within(1e-10));
        Assert.That(result.ResidualNorm, Is.LessThan(1e-10));
    }

    [Test]
    public void NonConservingModelUsesTheFullSpace()
    {
        // A driven Kerr oscillator with loss: H = Δ a†a + χ a†²a² + F(a + a†) breaks U(1).
        var h = Polynomial.Single(0.3, new(0, true), new(0, false))
            + Polynomial.Single(0.05, new(0, true), new(0, true), new(0, false), new(0, false))
            + Polynomial.Linear([0.2], [0.2]);
        var model = new OpenSystemModel(1, [new Party("A", [0])], h,
            [new JumpOperator("loss", Polynomial.Single(Math.Sqrt(0.2), new LadderOperator(0, false)))], null, []);
        var space = new FockSpace(new PerModeTruncation([15]), 1);
        var problem = LindbladProblem.Build(model, space);
        var result = SteadyStateSolver.Solve(problem);
        Assert.That(result.UsedExcitationStructure, Is.False);
        Assert.That(result.ResidualNorm, Is.LessThan(1e-10));
        // The long-time limit of the evolution is the same state.
        var evolved = new LindbladEvolution(problem, "dopri5", new(1e-10, 1e-12))
            .RunToSteadyState(Projector(TestStates.Fock(0, 15)), 1e-10, 2000, (_, _) => { });
        Assert.That(MaxDifference(result.DensityMatrix, evolved.FinalDensityMatrix), Is.LessThan(1e-8));
    }

    [Test]
    public void NonConvergenceNamesTheOption()
    {
        var space = new FockSpace(new PerModeTruncation([8]), 2);
        var problem = LindbladProblem.Build(HotColdMachine(), space);
        Assert.That(() => SteadyStateSolver.Solve(problem, new SteadyStateOptions(MaxIterations: 2, Restart: 2)),
            Throws.TypeOf<NumericalFailureException>().With.Message.Contains("MaxIterations"));
    }

    private static double MaxDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Complex.Abs(a[i] - b[i]));
        return worst;
    }
}
