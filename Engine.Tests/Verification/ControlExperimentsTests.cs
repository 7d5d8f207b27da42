using BosonicTrajectories.Verification;

namespace BosonicTrajectories.Tests.Verification;

public class ControlExperimentsTests
{
    private static readonly IReadOnlyList<ControlResult> Gaussian = ControlExperiments.Gaussian(LyapunovBackend.Instance);

    [Test]
    public void ParametricAmplifierMatchesItsClosedForm()
    {
        var amplifier = Gaussian.Single(c => c.Name == "parametric amplifier");
        Assert.That(amplifier.LogNegativity, Is.EqualTo(Math.Log(1 + (2 * 0.02 / 0.1))).Within(ControlExperiments.ClosedFormTolerance));
        Assert.That(amplifier.LogNegativity, Is.EqualTo(0.336).Within(1e-3));
        Assert.That(amplifier.Passed, Is.True);
    }

    [Test]
    public void SweepLeavesZeroLinearlyAtZeroPlus()
    {
        var sweep = Gaussian.Where(c => c.Name.StartsWith("squeezing sweep", StringComparison.Ordinal)).OrderBy(c => c.Squeezing).ToArray();
        Assert.That(sweep.Select(c => c.Squeezing), Is.EqualTo(ControlModels.SweepSqueezing));
        Assert.That(sweep[0].LogNegativity, Is.LessThanOrEqualTo(InstanceCheck.LogNegativityThreshold), "s = 0 is a thermal machine");
        Assert.That(sweep.Skip(1).Select(c => c.LogNegativity), Is.Ordered.Ascending);
        // Vacuum steady state perturbed by s(a0†a1† + h.c.): E_N ≈ 2|⟨a0 a1⟩| ≈ 2s/(ω_a + ω_b) with ω ≈ 1, 1.2 (first order in s).
        double slope = sweep[1].LogNegativity / sweep[1].Squeezing;
        Assert.That(slope, Is.EqualTo(2 / 2.2).Within(0.05 * 2 / 2.2), "slope at 0⁺ within 5% of 2/(ω_a + ω_b)");
        Assert.That(sweep, Has.All.Matches<ControlResult>(c => c.Passed));
    }

    [Test]
    public void ThreePartyMachineWithSqueezingIsEntangled()
    {
        var control = Gaussian.Single(c => c.Name.StartsWith("three-party", StringComparison.Ordinal));
        Assert.That(control.Verdict, Is.EqualTo("entangled"));
        Assert.That(control.LogNegativity, Is.GreaterThan(1e-3));
    }

    [Test]
    public void FockSteadyStatesAgreeWithTheGaussianControls()
    {
        var fock = ControlExperiments.Fock(LyapunovBackend.Instance);
        Assert.That(fock, Has.Count.EqualTo(1 + ControlModels.SweepSqueezing.Length));
        foreach (var c in fock)
        {
            Assert.That(c.Error, Is.Null);
            Assert.That(c.LogNegativity, Is.EqualTo(c.Expected!.Value).Within(ControlExperiments.FockAgreement), $"{c.Name} s = {c.Squeezing}");
            Assert.That(c.Verdict, Is.EqualTo(c.Squeezing > 0 ? "entangled" : "separable"), $"{c.Name} s = {c.Squeezing}");
        }
    }

    [Test]
    public void ControlVerdictMustMatchWhatIsRequired()
    {
        var separableButRequiredEntangled = new ControlResult("x", "gaussian", 0.01, 1e-12, 1e-9, true, null, 0, null);
        var entangledButRequiredSeparable = new ControlResult("x", "gaussian", 0, 1e-3, 1e-9, false, null, 0, null);
        var offReference = new ControlResult("x", "gaussian", 0.01, 0.2, 1e-9, true, 0.3, 1e-6, null);
        Assert.That(separableButRequiredEntangled.Passed, Is.False);
        Assert.That(entangledButRequiredSeparable.Passed, Is.False);
        Assert.That(offReference.Passed, Is.False);
        Assert.That(new ControlResult("x", "gaussian", 0.01, 0.3, 1e-9, true, 0.3, 1e-6, null).Passed, Is.True);
    }
}
