using BosonicTrajectories.Integrators;
using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;
using static BosonicTrajectories.Tests.Trajectories.TrajectoryTestModels;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>Trajectory means of a damped mode against the closed form ⟨n⟩(t) = n̄ + (n0 − n̄)e^{−κt}.</summary>
public class DampedModeTrajectoryTests
{
    /// <summary>Statistical band: a 4σ deviation at one of ~20 points happens with probability ≈ 1e−3 for a random seed.</summary>
    private const double Sigmas = 4;

    /// <summary>Absolute slack for points with zero standard error (t = 0 of a pure state): round-off only.</summary>
    private const double ExactSlack = 1e-12;

    /// <summary>Truncation and integrator error of the mean (cutoff 20 holds these states to ~1e−6; rtol 1e−7).</summary>
    private const double ModelingSlack = 1e-5;

    private const int Levels = 20;
    private const double Kappa = 1.0, Omega = 2.0, Nbar = 0.3;

    [Test]
    public void EvenCatOccupationFollowsClosedForm()
    {
        double n0 = 1.5 * 1.5 * Math.Tanh(1.5 * 1.5);
        AssertOccupationMatches(new CatState(1.5, 0), n0, seed: 11);
    }

    [Test]
    public void ThermalInitialStateIsSampledAndRelaxes()
    {
        AssertOccupationMatches(new ThermalState(1.0), 1.0, seed: 12);
    }

    /// <summary>The jump logic wraps any registered integrator (those without RestartAt are re-initialised at jumps).</summary>
    [TestCaseSource(typeof(IntegratorRegistry), nameof(IntegratorRegistry.Names))]
    public void EveryRegisteredIntegratorGivesTheClosedForm(string integrator)
    {
        var times = Linspace(0, 3, 7);
        var problem = TrajectoryProblem.Build(DampedMode(Omega, Kappa, Nbar), Initial(Space(1, 12), new FockState(3)), times);
        // rk4 runs fixed steps of 0.01 (local error ~1e−10 per step here).
        var settings = new TrajectorySettings(Integrator: integrator, Seed: 13, RelativeTolerance: 1e-7, AbsoluteTolerance: 1e-9, FixedStep: 0.01);
        var result = EnsembleResult.From(TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 150), threads: 2));
        Assert.That(result.Trajectories, Is.EqualTo(150));
        for (int t = 0; t < times.Length; t++)
        {
            double expected = Nbar + ((3 - Nbar) * Math.Exp(-Kappa * times[t]));
            double se = result.OccupationStandardError(t, 0);
            Assert.That(result.Occupation(t, 0), Is.EqualTo(expected).Within((Sigmas * se) + ExactSlack + ModelingSlack), $"t = {times[t]}");
        }
    }

    private static void AssertOccupationMatches(OneModeState initial, double n0, ulong seed)
    {
        var times = Linspace(0, 3, 13);
        var problem = TrajectoryProblem.Build(DampedMode(Omega, Kappa, Nbar), Initial(Space(1, Levels), initial), times);
        var settings = new TrajectorySettings(Seed: seed, RelativeTolerance: 1e-7, AbsoluteTolerance: 1e-9);
        var sums = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 400), threads: 2);
        Assert.That(sums.Count, Is.EqualTo(400));
        for (int t = 0; t < times.Length; t++)
        {
            double expected = Nbar + ((n0 - Nbar) * Math.Exp(-Kappa * times[t]));
            double mean = sums.Mean(t, TrackedObservables.Occupation(0));
            double se = sums.StandardError(t, TrackedObservables.Occupation(0));
            Assert.That(mean, Is.EqualTo(expected).Within((Sigmas * se) + ExactSlack + ModelingSlack), $"t = {times[t]}, SE = {se}");
        }
    }
}
