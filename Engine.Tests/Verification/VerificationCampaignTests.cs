using BosonicTrajectories.Simulation;
using BosonicTrajectories.Verification;

namespace BosonicTrajectories.Tests.Verification;

public class VerificationCampaignTests
{
    private const ulong Seed = 11;

    private static VerificationReport Run(int instances, int threads, IGaussianBackend? backend = null, int fockSubset = 0, string modes = "2..4") =>
        VerificationCampaign.Run(new VerificationSettings(instances, ModesRange.Parse(modes), Seed, fockSubset),
            backend ?? LyapunovBackend.Instance, new RunContext(threads, null, CancellationToken.None));

    [Test]
    public void SmallCampaignFindsNoViolationAndReportsTheControlsEntangled()
    {
        var report = Run(20, 2);
        Assert.That(report.Problems, Is.Empty);
        Assert.That(report.Passed, Is.True);
        Assert.That(report.Holding, Is.EqualTo(20));
        Assert.That(report.Instances.Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, 20)));
        Assert.That(report.WorstLogNegativity!.MaxLogNegativity, Is.LessThanOrEqualTo(InstanceCheck.LogNegativityThreshold));
        Assert.That(report.Instances, Has.All.Matches<InstanceResult>(r => r.Certified));
        Assert.That(report.Instances.Sum(r => r.Bipartitions), Is.GreaterThan(20), "three- and four-party instances have several splits");
        var controls = report.Controls;
        Assert.That(controls, Has.Count.EqualTo(2 + ControlModels.SweepSqueezing.Length));
        Assert.That(controls.Where(c => c.Squeezing > 0), Has.All.Matches<ControlResult>(c => c.Verdict == "entangled"));
        Assert.That(controls.Single(c => c.Squeezing == 0).Verdict, Is.EqualTo("separable"));
    }

    [Test]
    public void CorruptedBackendMakesTheCampaignFail()
    {
        // Dropping one bath channel's vacuum noise pushes Σ below I/2 wherever that channel's n̄ < 1 (Σ' = n̄/2 along it
        // instead of n̄ + ½) and changes the amplifier's log-negativity away from its closed form.
        var report = Run(20, 2, new DroppedDiffusionBackend());
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Violations, Is.GreaterThan(10), "seed 11: 15 of 20 instances have a channel with n̄ < 1");
        Assert.That(report.Instances.Where(r => r.Outcome == InstanceOutcome.Violates), Has.All.Matches<InstanceResult>(r => !r.Certified));
        Assert.That(report.WorstLogNegativity!.MaxLogNegativity, Is.GreaterThan(0.1), "a spurious log-negativity appears");
        Assert.That(report.Controls.Single(c => c.Name == "parametric amplifier").Passed, Is.False);
        Assert.That(report.Problems, Has.Some.Contains("violates the theorem").Or.Some.Contains("could not be checked"));
    }

    [Test]
    public void CampaignUsesTheInjectedBackendForEveryInstance()
    {
        var backend = new CountingBackend();
        var report = Run(15, 2, backend);
        Assert.That(report.Backend, Is.EqualTo("counting"));
        Assert.That(backend.Calls, Is.EqualTo(15 + report.Controls.Count));
    }

    [Test]
    public void ResultsDoNotDependOnThreadsOrOnTheNumberOfInstances()
    {
        string one = VerificationCsv.Format(Run(24, 1));
        string three = VerificationCsv.Format(Run(24, 3));
        Assert.That(three, Is.EqualTo(one));
        string[] shorter = VerificationCsv.Format(Run(10, 2)).Split('\n');
        Assert.That(shorter, Is.EqualTo(one.Split('\n').Take(11).Append("")), "instance k is the same in a campaign of 10 and of 24");
    }

    [Test]
    public void InvalidSettingsAreRejected()
    {
        Assert.That(() => Run(0, 1), Throws.ArgumentException.With.Message.Contains("instances"));
        Assert.That(() => Run(5, 0), Throws.ArgumentException.With.Message.Contains("thread"));
        Assert.That(() => Run(5, 1, fockSubset: -1), Throws.ArgumentException.With.Message.Contains("Fock subset"));
    }

    [Test]
    public void CancellationStopsTheCampaign()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.That(() => VerificationCampaign.Run(new VerificationSettings(50, new ModesRange(2, 3), Seed, 0),
            new RunContext(2, null, cancel.Token)), Throws.InstanceOf<OperationCanceledException>());
    }
}
