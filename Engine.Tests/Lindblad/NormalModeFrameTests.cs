using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Lindblad.LindbladTestModels;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.Lindblad;

/// <summary>
/// The evolution in the normal modes of a passive H (<see cref="LindbladEvolution.UseNormalModes"/>) against the same
/// evolution in the local modes: the frame is exact on a total-excitation truncation, so only the integrator separates
/// them; outside its hypotheses the evolution falls back to the local modes.
/// </summary>
public class NormalModeFrameTests
{
    private static readonly IntegratorOptions Tight = new(RelativeTolerance: 1e-10, AbsoluteTolerance: 1e-12);

    // Both runs solve the same truncated equation to rtol 1e-10 / atol 1e-12: each is within ~1e-9 of it on O(1) entries.
    private const double FrameAgreement = 1e-8;

    private const double SteadyTolerance = 1e-8;

    // Each steady-state run stops within ‖dρ/dt‖/γ_min ≈ 1e-8/0.02 of the steady state (γ_min the slowest decay rate).
    private const double SteadyAgreement = 1e-6;

    /// <summary>Three modes in a chain with complex hoppings, a hot loss/gain on mode 0, a cold loss on 2 and a collective loss.</summary>
    private static OpenSystemModel ThreeModeChain(bool positionLikeJump)
    {
        var h = Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, 0.1, 0 }, { 0.1, 1.2, new(0.05, 0.03) }, { 0, new(0.05, -0.03), 1.4 } });
        var jumps = ImmutableArray.CreateBuilder<JumpOperator>();
        jumps.Add(new("hot loss", Polynomial.Single(Math.Sqrt(0.1), new LadderOperator(0, false))));
        jumps.Add(new("hot gain", Polynomial.Single(Math.Sqrt(0.05), new LadderOperator(0, true))));
        jumps.Add(new("cold loss", Polynomial.Single(Math.Sqrt(0.06), new LadderOperator(2, false))));
        jumps.Add(new("collective", Polynomial.Linear([0.1, new Complex(0, 0.2), 0.15], [0, 0, 0])));
        // √γ (a_1 + a_1†) does not conserve the excitation number: the whole D×D matrix is evolved.
        if (positionLikeJump) jumps.Add(new("position", Polynomial.Linear([0, 0.1, 0], [0, 0.1, 0])));
        return new OpenSystemModel(3, [new Party("A", [0]), new Party("B", [1]), new Party("C", [2])], h, jumps.ToImmutable(), null, []);
    }

    /// <summary>A two-mode local-approach machine: Bose bath on A, spin bath on B, complex hopping.</summary>
    private static OpenSystemModel LocalMachine(double temperatureA = 0.8, double temperatureB = 0.3)
    {
        var h = new Complex[,] { { 1.0, 0 }, { 0, 1.3 } };
        SetHopping(h, 0, 1, new Complex(0.06, 0.04));
        var flat = new FlatSpectralDensity(0.05);
        return ThermalMachine.Build(Machine(h, [Party("A", 0), Party("B", 1)],
            [Bath("A", BathStatistics.Bose, temperatureA, flat, Identity(1)), Bath("B", BathStatistics.Fermi, temperatureB, flat, Identity(1))],
            SecularApproach.Local));
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        var cat = new ProductState([new CatState(1.2, 0), new VacuumState()]);
        var entangled = new CoherentSuperposition([(1, [1, 1]), (1, [-1, -1])]);
        yield return new TestCaseData(HotColdMachine(), 12, cat, true).SetArgDisplayNames("hot/cold global", "cat ⊗ vacuum");
        yield return new TestCaseData(HotColdMachine(), 12, entangled, true).SetArgDisplayNames("hot/cold global", "entangled cat |1,1⟩ + |−1,−1⟩");
        yield return new TestCaseData(HotColdMachine(), 10, cat, false).SetArgDisplayNames("hot/cold global", "cat ⊗ vacuum, no interaction picture");
        yield return new TestCaseData(LocalMachine(), 10, new ProductState([new CoherentState(new Complex(0.6, 0.3)), new FockState(1)]), true)
            .SetArgDisplayNames("local machine", "coherent ⊗ |1⟩");
        yield return new TestCaseData(ThreeModeChain(false), 6, new NoonState(0, 2, 2), true).SetArgDisplayNames("3-mode chain", "NOON");
        yield return new TestCaseData(ThreeModeChain(true), 6, new NoonState(0, 2, 2), true)
            .SetArgDisplayNames("3-mode chain, position-like jump (whole matrix)", "NOON");
    }

    [TestCaseSource(nameof(Cases))]
    public void AgreesWithTheLocalModes(OpenSystemModel model, int maxTotal, InitialStateDescription state, bool interactionPicture)
    {
        var space = new FockSpace(new TotalExcitationTruncation(maxTotal), model.Modes);
        var problem = LindbladProblem.Build(model, space, interactionPicture);
        var rho0 = InitialStates.Build(space, state).ToDensityMatrix();
        double tEnd = interactionPicture ? 12 : 4;
        var normal = Evolve(problem, rho0, tEnd, normalModes: true);
        var local = Evolve(problem, rho0, tEnd, normalModes: false);

        Assert.That(normal.Normal, Is.True, "the frame applies");
        Assert.That(local.Normal, Is.False);
        Assert.That(normal.Orders, Is.EqualTo(local.Orders), "the same coherence orders in both bases");
        Assert.That(normal.States, Has.Count.EqualTo(local.States.Count));
        for (int i = 0; i < local.States.Count; i++)
            Assert.That(MaxDifference(normal.States[i], local.States[i]), Is.LessThan(FrameAgreement), $"output {i}");
        Assert.That(MaxDifference(normal.Result.FinalDensityMatrix, local.Result.FinalDensityMatrix), Is.LessThan(FrameAgreement));
        Assert.That(MaxDifference(normal.States[0], rho0), Is.LessThan(1e-13), "t = 0 comes back to the local basis");
        if (normal.Orders is not null)
            Assert.That(normal.States.Max(rho => DensityMatrixAnalysis.HermiticityError(rho)), Is.EqualTo(0.0), "exactly Hermitian, as the local-mode sector path");
    }

    [Test]
    public void SteadyStateRunsAgree()
    {
        var space = new FockSpace(new TotalExcitationTruncation(8), 2);
        var problem = LindbladProblem.Build(HotColdMachine(), space);
        var psi = new Complex[space.Dimension];
        psi[space.IndexOf([2, 1])] = 1;
        var rho0 = Projector(psi);
        var runs = new[] { true, false }.Select(normalModes =>
        {
            var evolution = new LindbladEvolution(problem, "dopri5", Tight) { UseNormalModes = normalModes };
            var result = evolution.RunToSteadyState(rho0, SteadyTolerance, 1e5, (_, _) => { });
            return (Result: result, evolution.EvolvedInNormalModes);
        }).ToArray();
        Assert.That(runs[0].EvolvedInNormalModes, Is.True);
        Assert.That(runs[1].EvolvedInNormalModes, Is.False);
        Assert.That(runs.Select(r => r.Result.FinalDerivativeNorm!.Value), Has.All.LessThan(SteadyTolerance));
        Assert.That(MaxDifference(runs[0].Result.FinalDensityMatrix, runs[1].Result.FinalDensityMatrix), Is.LessThan(SteadyAgreement));
        // The steady state populates many sectors: an order-0 state that is not trivially the vacuum.
        Assert.That(DensityMatrixAnalysis.Moments(runs[0].Result.FinalDensityMatrix, space).AdaggerA[0, 0].Real, Is.GreaterThan(0.5));
    }

    [Test]
    public void AGaussianStartRelaxesToTheLyapunovCovariance()
    {
        // Cold baths: steady occupations ≈ 0.3 and 0.04, so Σn ≤ 12 leaves a tail far below the tolerance.
        var model = LocalMachine(temperatureA: 0.6, temperatureB: 0.25);
        var space = new FockSpace(new TotalExcitationTruncation(12), 2);
        var rho0 = InitialStates.Build(space, new ProductState([new CoherentState(0.8), new VacuumState()])).ToDensityMatrix();
        var evolution = new LindbladEvolution(LindbladProblem.Build(model, space), "dopri5", Tight);
        var result = evolution.RunToSteadyState(rho0, 1e-10, 1e5, (_, _) => { });
        Assert.That(evolution.EvolvedInNormalModes, Is.True);
        var exact = GaussianSteadyState.Solve(model).Covariance;
        var covariance = DensityMatrixAnalysis.Quadratures(result.FinalDensityMatrix, space).Covariance;
        // ‖dρ/dt‖ < 1e-10 leaves ~1e-8 on ρ; the truncation tail is below 1e-9.
        Assert.That((covariance - exact).Enumerate().Max(Math.Abs), Is.LessThan(1e-6));
        Assert.That(exact[0, 0], Is.GreaterThan(0.6), "a thermal, not a vacuum, steady state");
    }

    private static IEnumerable<TestCaseData> OutsideTheFrame()
    {
        var hotCold = HotColdMachine();
        var total = new TotalExcitationTruncation(6);
        yield return new TestCaseData(hotCold, new PerModeTruncation([5, 4])).SetArgDisplayNames("per-mode truncation");
        yield return new TestCaseData(hotCold with { Hamiltonian = hotCold.Hamiltonian + Polynomial.Single(0.02, new(0, true), new(0, true), new(0, false), new(0, false)) }, total)
            .SetArgDisplayNames("Kerr term");
        yield return new TestCaseData(hotCold with { Hamiltonian = hotCold.Hamiltonian + Polynomial.Linear([0.05, 0], [0.05, 0]) }, total)
            .SetArgDisplayNames("drive");
        yield return new TestCaseData(hotCold with { Jumps = hotCold.Jumps.Add(new("two-photon", Polynomial.Single(0.1, new(1, false), new(1, false)))) }, total)
            .SetArgDisplayNames("nonlinear jump");
    }

    [TestCaseSource(nameof(OutsideTheFrame))]
    public void FallsBackToTheLocalModes(OpenSystemModel model, Truncation truncation)
    {
        var space = new FockSpace(truncation, 2);
        var problem = LindbladProblem.Build(model, space);
        var rho0 = InitialStates.Build(space, new ProductState([new FockState(2), new FockState(1)])).ToDensityMatrix();
        var fallback = Evolve(problem, rho0, 3, normalModes: true);
        var local = Evolve(problem, rho0, 3, normalModes: false);
        Assert.That(fallback.Normal, Is.False);
        for (int i = 0; i < local.States.Count; i++)
            Assert.That(fallback.States[i], Is.EqualTo(local.States[i]), $"output {i}: the very same local-mode run");
        var passive = LindbladProblem.Build(HotColdMachine(), new FockSpace(new TotalExcitationTruncation(6), 2));
        Assert.That(Evolve(passive, InitialStates.Build(passive.Space, new ProductState([new FockState(2), new FockState(1)])).ToDensityMatrix(), 0.5, true).Normal,
            Is.True, "the passive model on the same kind of space takes the frame");
    }

    [Test]
    public void OutputTimesAllocateNothingPerStepOrObservation()
    {
        var space = new FockSpace(new TotalExcitationTruncation(10), 2);
        var problem = LindbladProblem.Build(HotColdMachine(), space);
        var rho0 = InitialStates.Build(space, new ProductState([new CatState(1.0, 0), new VacuumState()])).ToDensityMatrix();
        var evolution = new LindbladEvolution(problem, "rk4", new IntegratorOptions(FixedStep: 0.05));
        evolution.Run(rho0, 1, 2, (_, _) => { });     // builds the frame, its buffers and the sector right-hand side
        Assert.That(evolution.EvolvedInNormalModes, Is.True);
        long Allocated(double tEnd, int samples)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            evolution.Run(rho0, tEnd, samples, (_, _) => { });
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long few = Allocated(1, 2), many = Allocated(5, 81);
        // 80 more steps and 79 more outputs; one whole ρ (what a per-output copy would cost) is D² · 16 bytes.
        Assert.That(many - few, Is.LessThan(space.Dimension * space.Dimension * 16 / 4), $"{few} bytes for 20 steps, {many} for 100");
    }

    private static (List<Complex[]> States, LindbladEvolutionResult Result, bool Normal, IReadOnlyList<int>? Orders) Evolve(
        LindbladProblem problem, Complex[] rho0, double tEnd, bool normalModes)
    {
        var evolution = new LindbladEvolution(problem, "dopri5", Tight) { UseNormalModes = normalModes };
        var states = new List<Complex[]>();
        var result = evolution.Run(rho0, tEnd, 5, (_, rho) => states.Add(rho.ToArray()));
        return (states, result, evolution.EvolvedInNormalModes, evolution.EvolvedCoherenceOrders);
    }

    private static double MaxDifference(Complex[] a, Complex[] b) => a.Zip(b, (x, y) => (x - y).Magnitude).Max();
}
