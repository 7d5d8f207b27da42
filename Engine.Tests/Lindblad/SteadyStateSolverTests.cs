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

    // Two exact answers of the same regular system, each reached at a 1e-12 relative GMRES residual.
    private const double SolverAgreement = 1e-9;

    // The closed form is exact in the truncated space; the solve stops at a 1e-12 relative residual.
    private const double ClosedFormAgreement = 1e-10;

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
    public void UncoupledModesGiveTheProductOfTruncatedGibbsStates()
    {
        // Three modes without hopping, each on its own bath: ρ = ⊗_i ρ_i with the truncated Gibbs state of mode i, since
        // detailed balance holds level by level in the truncated space. Every excitation block couples to its neighbours
        // through gain and loss, so this runs the block sweeps across all 3·(Levels − 1) + 1 blocks.
        const int Levels = 5;
        double[] occupations = [0.7, 0.3, 0.1];
        var model = ThreeModeChain(hopping: 0, occupations);
        var space = new FockSpace(new PerModeTruncation([Levels, Levels, Levels]), 3);
        var result = SteadyStateSolver.Solve(LindbladProblem.Build(model, space));
        Assert.That(result.UsedExcitationStructure && result.UsedBlockSweeps, Is.True);

        var single = occupations.Select(n => TestStates.ThermalDensityMatrix(n, Levels)).ToArray();
        int d = space.Dimension;
        var expected = new Complex[d * d];
        for (int i = 0; i < d; i++)
        {
            int n0 = i / (Levels * Levels), n1 = i / Levels % Levels, n2 = i % Levels;
            expected[(i * d) + i] = single[0][(n0 * Levels) + n0] * single[1][(n1 * Levels) + n1] * single[2][(n2 * Levels) + n2];
        }
        Assert.That(MaxDifference(result.DensityMatrix, expected), Is.LessThan(ClosedFormAgreement));
    }

    [Test]
    public void ThreeModeChainBlocksAgreeWithTheFullSolveAndWithoutSweeps()
    {
        var space = new FockSpace(new PerModeTruncation([4, 4, 4]), 3);
        var problem = LindbladProblem.Build(ThreeModeChain(hopping: 0.1, [1.0, 0.3, 0.1]), space);
        var sweeps = SteadyStateSolver.Solve(problem);
        var noSweeps = SteadyStateSolver.Solve(problem, new SteadyStateOptions(BlockSweeps: false));
        var plainSweeps = SteadyStateSolver.Solve(problem, new SteadyStateOptions(SweepRelaxation: 1));
        var full = SteadyStateSolver.Solve(problem, new SteadyStateOptions(UseExcitationStructure: false));
        TestContext.Out.WriteLine($"iterations: sweeps {sweeps.Iterations} (ω = 1: {plainSweeps.Iterations}), no-jump only {noSweeps.Iterations}, full space {full.Iterations}");
        Assert.That(sweeps.UsedBlockSweeps, Is.True);
        Assert.That(noSweeps.UsedBlockSweeps || full.UsedBlockSweeps, Is.False);
        Assert.That(sweeps.Iterations, Is.LessThan(noSweeps.Iterations), "the sweeps carry the jump chain across all blocks at once");
        Assert.That(MaxDifference(sweeps.DensityMatrix, noSweeps.DensityMatrix), Is.LessThan(SolverAgreement));
        Assert.That(MaxDifference(sweeps.DensityMatrix, plainSweeps.DensityMatrix), Is.LessThan(SolverAgreement));
        Assert.That(MaxDifference(sweeps.DensityMatrix, full.DensityMatrix), Is.LessThan(SolverAgreement));
        Assert.That(sweeps.ResidualNorm, Is.LessThan(1e-12));
        Assert.That(sweeps.TraceError, Is.LessThan(1e-12));
        Assert.That(sweeps.HermiticityError, Is.LessThan(1e-12));
    }

    [Test]
    public void NonConvergenceNamesTheOption()
    {
        var space = new FockSpace(new PerModeTruncation([8]), 2);
        var problem = LindbladProblem.Build(HotColdMachine(), space);
        Assert.That(() => SteadyStateSolver.Solve(problem, new SteadyStateOptions(MaxIterations: 2, Restart: 2)),
            Throws.TypeOf<NumericalFailureException>().With.Message.Contains("MaxIterations"));
    }

    /// <summary>H = Σ ω_i a_i†a_i + g Σ (a_i† a_{i+1} + h.c.), ω = (1, 1.2, 1.4); local baths L = √(κ(n̄_i + 1)) a_i, √(κ n̄_i) a_i†, κ = 0.05.</summary>
    private static OpenSystemModel ThreeModeChain(double hopping, double[] occupations)
    {
        const double Kappa = 0.05;
        var h = new Complex[3, 3];
        for (int i = 0; i < 3; i++) h[i, i] = 1 + (0.2 * i);
        for (int i = 0; i < 2; i++) h[i, i + 1] = h[i + 1, i] = hopping;
        var jumps = ImmutableArray.CreateBuilder<JumpOperator>();
        for (int i = 0; i < 3; i++)
        {
            jumps.Add(new JumpOperator($"loss{i}", Polynomial.Single(Math.Sqrt(Kappa * (occupations[i] + 1)), new LadderOperator(i, false))));
            jumps.Add(new JumpOperator($"gain{i}", Polynomial.Single(Math.Sqrt(Kappa * occupations[i]), new LadderOperator(i, true))));
        }
        return new OpenSystemModel(3, [new Party("A", [0]), new Party("B", [1]), new Party("C", [2])], Polynomial.FromHoppingMatrix(h),
            jumps.ToImmutable(), null, []);
    }

    private static double MaxDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Complex.Abs(a[i] - b[i]));
        return worst;
    }
}
