using BosonicTrajectories.Configuration;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Tests.Benchmarking;

/// <summary>
/// Every registered integrator, chosen by name in a config (method lindblad), reproduces the closed-form solution of
/// the driven damped mode (<see cref="DrivenDampedMode"/>). The drive makes the interaction-picture generator
/// time-dependent, so an integrator that assumed a constant generator would fail here.
/// </summary>
public class IntegratorsByNameTests
{
    /// <summary>rtol 1e-8, atol 1e-10 over 2.5 decay times with |⟨a⟩| ≤ 1: a global error of a few 1e-8; rk4's default step 1e-3 gives ~1e-12.</summary>
    private const double MomentTolerance = 1e-6;

    public static IEnumerable<string> Names => IntegratorRegistry.Names;

    [TestCaseSource(nameof(Names))]
    public void LindbladRunMatchesTheClosedForm(string integrator)
    {
        var config = DrivenDampedMode.Config($"\"rtol\": 1e-8, \"atol\": 1e-10, \"integrator\": \"{integrator}\"", samples: 3);
        Assert.That(config.Run.Integrator, Is.EqualTo(integrator));
        var result = SimulationRunner.Run(config, RunContext.Default);
        var moments = result.Run.Final;
        double t = DrivenDampedMode.EndTime;
        Assert.That(result.Run.FinalTime, Is.EqualTo(t));
        Assert.That((moments.Mean[0] - DrivenDampedMode.Mean(t)).Magnitude, Is.LessThan(MomentTolerance), "⟨a⟩");
        Assert.That(Math.Abs(moments.AdaggerA[0, 0].Real - DrivenDampedMode.Occupation(t)), Is.LessThan(MomentTolerance), "⟨a†a⟩");
    }

    [Test]
    public void EveryKnownConfigIntegratorIsRegistered() =>
        Assert.That(IntegratorRegistry.Names, Is.EquivalentTo(ConfigLoader.KnownIntegrators));
}
