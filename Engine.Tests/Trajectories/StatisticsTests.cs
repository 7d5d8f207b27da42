using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;
using static BosonicTrajectories.Tests.Trajectories.TrajectoryTestModels;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>Standard errors, steady-state window estimates and the random stream's uniformity.</summary>
public class StatisticsTests
{
    /// <summary>
    /// SE(n)/SE(4n) = 2·s(n)/s(4n). Summed over 12 output times the sample standard deviations fluctuate by ≲ 5% at
    /// n = 150, so the ratio lies in [1.7, 2.35] except with negligible probability; 1/n scaling would give 4, none 1.
    /// </summary>
    private const double RatioLow = 1.7, RatioHigh = 2.35;

    [Test]
    public void StandardErrorsShrinkAsOneOverSquareRootOfN()
    {
        var problem = TrajectoryProblem.Build(DampedMode(1.0, 1.0, 0.5), Initial(Space(1, 16), new CatState(1.5, 0)), Linspace(0, 3, 13));
        var settings = new TrajectorySettings(Seed: 4);
        var small = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 150), threads: 2);
        var large = TrajectoryEnsemble.Run(problem, settings, new IndexRange(1000, 1600), threads: 2);
        double sumSmall = 0, sumLarge = 0;
        for (int t = 1; t < 13; t++)
        {
            sumSmall += small.StandardError(t, TrackedObservables.Occupation(0));
            sumLarge += large.StandardError(t, TrackedObservables.Occupation(0));
        }
        Assert.That(sumSmall / sumLarge, Is.InRange(RatioLow, RatioHigh));
    }

    /// <summary>4σ band plus the transient's residual e^{−κ t_relax}(n0 − n̄) ≈ 1e−5 (κ t_relax = 12).</summary>
    [Test]
    public void SteadyStateWindowAverageMatchesThermalOccupation()
    {
        const double nbar = 0.4, kappa = 1.0;
        var problem = TrajectoryProblem.Build(DampedMode(1.0, kappa, nbar), Initial(Space(1, 14), new FockState(2)), Linspace(0, 30, 61));
        var settings = new TrajectorySettings(Seed: 8, SteadyStateWindowStart: 12);
        var sums = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 200), threads: 2);
        int n = TrackedObservables.Occupation(0);
        double se = sums.WindowStandardError(n);
        Assert.That(se, Is.GreaterThan(0));
        Assert.That(sums.WindowMean(n), Is.EqualTo(nbar).Within((4 * se) + 1e-4));
        // The time average over 37 correlated samples per trajectory is more precise than one sample, but not 37×:
        double singleTimeSe = sums.StandardError(60, n);
        Assert.That(se, Is.LessThan(singleTimeSe));
    }

    [Test]
    public void FixedPointSumsAreExactAndOrderIndependent()
    {
        double[] values = [1e-3, 1.5, -2.25, 1e8, 3.0 / 7, -1e-12];
        var forward = new Int128[1];
        var backward = new Int128[1];
        foreach (double v in values) FixedPointSum.Add(forward, [v]);
        foreach (double v in values.Reverse()) FixedPointSum.Add(backward, [v]);
        Assert.That(backward[0], Is.EqualTo(forward[0]));
        Assert.That(FixedPointSum.ToDouble(FixedPointSum.FromDouble(-2.25)), Is.EqualTo(-2.25));
        // Variance of {1, 2, 3, 4} is 5/3 exactly.
        var s = new Int128[1];
        var q = new Int128[1];
        foreach (double v in new double[] { 1, 2, 3, 4 }) { FixedPointSum.Add(s, [v]); FixedPointSum.AddSquares(q, [v]); }
        Assert.That(FixedPointSum.SampleVariance(s[0], q[0], 4), Is.EqualTo(5.0 / 3).Within(1e-15));
        Assert.That(() => FixedPointSum.FromDouble(double.NaN), Throws.TypeOf<NumericalFailureException>());
    }

    /// <summary>Uniformity of the generator: χ² over 16 bins with 160 000 draws; 15 degrees of freedom, 0.001 critical value 37.7.</summary>
    [Test]
    public void RandomStreamIsUniform()
    {
        var bins = new long[16];
        for (int k = 0; k < 16; k++)
        {
            var random = TrajectoryRandom.ForTrajectory(123, k);
            for (int i = 0; i < 10_000; i++) bins[(int)(random.NextDouble() * 16)]++;
        }
        double chi2 = bins.Sum(b => (b - 10_000.0) * (b - 10_000.0) / 10_000.0);
        Assert.That(chi2, Is.LessThan(37.7));
    }
}
