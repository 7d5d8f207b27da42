using BosonicTrajectories.Configuration;
using BosonicTrajectories.Convergence;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Convergence;

public class InitialStateFitTests
{
    private const long NoLimit = 1_000_000;

    [Test]
    public void FockStateNeedsNPlusOneLevels()
    {
        var config = ConvergenceTestConfigs.Machine("""{ "fock": { "n": 5 } }""");
        Assert.That(InitialStateFit.SmallestCutoff(config, 2, NoLimit), Is.EqualTo(6));
        Assert.That(InitialStateFit.Problem(CutoffTruncation.Apply(config, 5))!.Errors[0].Message, Does.Contain("perMode[0] ≥ 6"));
        Assert.That(InitialStateFit.Problem(CutoffTruncation.Apply(config, 6)), Is.Null);
    }

    [Test]
    public void ThermalStateNeedsTheGeometricTail()
    {
        // Σ_{n<c} (1 − r) rⁿ = 1 − r^c ≥ 1 − 1e-6  ⇔  c ≥ ln(1e-6)/ln r.
        const double Nbar = 2;
        double r = Nbar / (1 + Nbar);
        int expected = (int)Math.Ceiling(Math.Log(InitialStates.NormTolerance) / Math.Log(r));
        var config = ConvergenceTestConfigs.Machine("""{ "thermal": { "nbar": 2 } }""");
        Assert.That(InitialStateFit.SmallestCutoff(config, 2, NoLimit), Is.EqualTo(expected));
    }

    [Test]
    public void CoherentStateNeedsThePoissonTail()
    {
        const double Alpha = 3;
        double mean = Alpha * Alpha, held = 0, term = Math.Exp(-mean);
        int expected = 0;
        while (held < 1 - InitialStates.NormTolerance) { held += term; expected++; term *= mean / expected; }
        var config = ConvergenceTestConfigs.Machine("""{ "coherent": { "alpha": 3 } }""");
        Assert.That(InitialStateFit.SmallestCutoff(config, 2, NoLimit), Is.EqualTo(expected));
    }

    [Test]
    public void TotalExcitationBoundNeedsTheTotalOfAFockProduct()
    {
        var config = ConfigLoader.Parse(ConvergenceTestConfigs.TwoModeThermalMachine
            .Replace("INITIAL, { \"vacuum\": {} }", """{ "fock": { "n": 2 } }, { "fock": { "n": 3 } }""", StringComparison.Ordinal)
            .Replace("\"perMode\": 14", "\"totalExcitations\": 8", StringComparison.Ordinal));
        Assert.That(config.Truncation, Is.EqualTo(new TotalExcitationTruncation(8)));
        Assert.That(InitialStateFit.SmallestCutoff(config, 2, NoLimit), Is.EqualTo(5));
    }

    [Test]
    public void NoCutoffWithinTheDimensionLimitIsTheInitialStateError()
    {
        var config = ConvergenceTestConfigs.Machine("""{ "fock": { "n": 30 } }""");
        var e = Assert.Throws<ConfigException>(() => InitialStateFit.SmallestCutoff(config, 2, maxDimension: 400))!;
        Assert.That(e.Errors[0].Path, Is.EqualTo("initialState.product[0]"));
        Assert.That(e.Errors[0].Message, Does.Contain("perMode[0] ≥ 31").And.Contain("perMode[0] = 20"), "the largest cutoff within D ≤ 400 is 20");
    }
}
