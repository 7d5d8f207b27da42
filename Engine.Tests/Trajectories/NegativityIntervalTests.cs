using System.Collections.Immutable;
using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;
using static BosonicTrajectories.Tests.Trajectories.TrajectoryTestModels;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>Jackknife confidence intervals of the log-negativity of the ensemble density matrix.</summary>
public class NegativityIntervalTests
{
    /// <summary>Exact (Gaussian) steady-state log-negativity of the parametric amplifier with s = 0.02, κ = 0.1 (SPEC control).</summary>
    private const double AmplifierLogNegativity = 0.336;

    [Test]
    public void ParametricAmplifierIntervalExcludesZeroAndCoversTheExactValue()
    {
        var space = Space(2, 8);
        var problem = TrajectoryProblem.Build(ParametricAmplifier(0.02, 0.1), Initial(space, new VacuumState(), new VacuumState()), [0, 50, 100]);
        var settings = new TrajectorySettings(Seed: 31, DensityMatrixTimes: [2], JackknifeGroups: 20);
        var sums = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 400), threads: 2);
        var estimate = EnsembleJackknife.LogNegativity(sums, 0, space, [1]);
        TestContext.Out.WriteLine(estimate);
        Assert.That(estimate.ExcludesZero, Is.True);
        Assert.That(estimate.Lower, Is.LessThanOrEqualTo(AmplifierLogNegativity));
        Assert.That(estimate.Upper, Is.GreaterThanOrEqualTo(AmplifierLogNegativity));
    }

    [Test]
    public void ThermalSteadyStateOfCoupledModesIsNotDeclaredEntangled()
    {
        // Two hopping modes, each with loss and gain (thermal baths n̄ = 0.5, 0.2): a separable Gaussian steady state with
        // coherences ⟨a_0† a_1⟩ ≠ 0, so the noisy ensemble ρ does have spurious negative partial-transpose eigenvalues.
        var h = Polynomial.Single(1.0, Ad(0), A(0)) + Polynomial.Single(1.2, Ad(1), A(1)) + Polynomial.Single(0.1, Ad(0), A(1)) + Polynomial.Single(0.1, Ad(1), A(0));
        double kappa = 0.1;
        var model = new OpenSystemModel(2, [new Party("A", [0]), new Party("B", [1])], h,
            [
                new JumpOperator("loss0", Polynomial.Single(Math.Sqrt(kappa * 1.5), A(0))),
                new JumpOperator("gain0", Polynomial.Single(Math.Sqrt(kappa * 0.5), Ad(0))),
                new JumpOperator("loss1", Polynomial.Single(Math.Sqrt(kappa * 1.2), A(1))),
                new JumpOperator("gain1", Polynomial.Single(Math.Sqrt(kappa * 0.2), Ad(1))),
            ], null, ImmutableArray<string>.Empty);
        var space = Space(2, 8);
        var problem = TrajectoryProblem.Build(model, Initial(space, new VacuumState(), new VacuumState()), [0, 60]);
        var settings = new TrajectorySettings(Seed: 32, DensityMatrixTimes: [1], JackknifeGroups: 20);
        var sums = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 400), threads: 2);
        var estimate = EnsembleJackknife.LogNegativity(sums, 0, space, [1]);
        TestContext.Out.WriteLine(estimate);
        Assert.That(estimate.ExcludesZero, Is.False);
        Assert.That(estimate.Lower, Is.LessThanOrEqualTo(0));
    }
}
