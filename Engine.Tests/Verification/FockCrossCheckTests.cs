using BosonicTrajectories.Verification;

namespace BosonicTrajectories.Tests.Verification;

public class FockCrossCheckTests
{
    /// <summary>Seed whose first Fock candidate needs the smallest cutoff (10), so the check takes about a second.</summary>
    private const ulong Seed = 1;

    private static readonly FockCandidate Candidate = FockInstances.Select(Seed, 1, LyapunovBackend.Instance).Single();

    [TestCase(0.0, 10)]   // x = 0: the cat's minimum cutoff
    [TestCase(0.5, 13)]   // x = 1/3: (1/3)^12 = 1.9e-6, (1/3)^13 = 6.3e-7
    [TestCase(0.25, 10)]  // x = 0.2: 0.2^9 = 5.1e-7 < 1e-6 already, but never below 10
    [TestCase(1.0, 15)]   // x = 1/2: needs 20 > MaxCutoff, reported as MaxCutoff + 1
    public void CutoffHoldsTheThermalTail(double occupation, int cutoff)
    {
        var (c, tail) = FockInstances.CutoffFor([0.01, occupation]);
        Assert.That(c, Is.EqualTo(cutoff));
        double x = occupation / (1 + occupation);
        Assert.That(tail, Is.EqualTo(Math.Pow(x, c)).Within(1e-15));
    }

    [Test]
    public void CandidatesAreTwoModeMachinesThatFitTheCutoffAndRelaxFastEnough()
    {
        var candidates = FockInstances.Select(Seed, 2, LyapunovBackend.Instance);
        Assert.That(candidates, Has.Count.EqualTo(2));
        foreach (var c in candidates)
        {
            Assert.That(c.Machine.Description.Modes, Is.EqualTo(2));
            Assert.That(c.Cutoff, Is.InRange(FockInstances.MinCutoff, FockInstances.MaxCutoff));
            Assert.That(c.PredictedTail, Is.LessThan(FockInstances.TailTarget));
            Assert.That(c.RelaxationTime, Is.LessThanOrEqualTo(1 / FockInstances.MinRelaxationRate));
        }
        Assert.That(candidates[0].Candidate, Is.EqualTo(Candidate.Candidate), "the set depends on the seed only");
    }

    [Test]
    public void FockSteadyStateAndCatRunAgreeWithTheGaussianBackend()
    {
        var result = FockCrossCheck.Run(Candidate, LyapunovBackend.Instance);
        Assert.That(result.Error, Is.Null);
        Assert.That(result.CorrelationMaxAbsError, Is.LessThanOrEqualTo(result.CorrelationTolerance));
        Assert.That(result.SteadyLogNegativity, Is.LessThanOrEqualTo(FockCrossCheck.NoiseFloor));
        Assert.That(result.InitialLogNegativity, Is.GreaterThan(0.5), "the cat |1,1⟩ + |−1,−1⟩ is entangled (E_N ≈ 0.67)");
        Assert.That(result.FinalLogNegativity, Is.LessThanOrEqualTo(FockCrossCheck.NoiseFloor));
        Assert.That(result.RunTime, Is.EqualTo(FockCrossCheck.RelaxationTimes * Candidate.RelaxationTime).Within(1e-9));
        Assert.That(result.Passed, Is.True);
    }

    [Test]
    public void CorruptedBackendFailsTheCrossCheck()
    {
        var result = FockCrossCheck.Run(Candidate, new DroppedDiffusionBackend());
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Error is not null || result.CorrelationMaxAbsError > 100 * result.CorrelationTolerance, Is.True,
            $"error {result.CorrelationMaxAbsError} vs tolerance {result.CorrelationTolerance}; {result.Error}");
    }
}
