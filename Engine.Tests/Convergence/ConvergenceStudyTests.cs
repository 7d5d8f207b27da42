using BosonicTrajectories.Configuration;
using BosonicTrajectories.Convergence;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Tests.Convergence;

public class ConvergenceStudyTests
{
    /// <summary>The steady-state solver's covariance error (GMRES tolerance ~1e-10 × D) is far below the truncation errors compared here (≥ 1e-4).</summary>
    private const double SolverNoise = 1e-8;

    [Test]
    public void ThermalMachineErrorAgainstGaussianAndTailFallWithTheCutoff()
    {
        var config = ConvergenceTestConfigs.Machine();
        var study = ConvergenceStudy.Run(config, CutoffRange.Parse("4:2:14").Cutoffs, RunContext.Default);

        Assert.That(study.ErrorReference, Is.EqualTo(ConvergenceErrorReference.Gaussian));
        Assert.That(study.Points.Select(p => p.Cutoff), Is.EqualTo(new[] { 4, 6, 8, 10, 12, 14 }));
        Assert.That(study.Points.Select(p => p.HilbertDimension), Is.EqualTo(new[] { 16, 36, 64, 100, 144, 196 }));
        Assert.That(study.Skipped, Is.Empty);
        for (int k = 1; k < study.Points.Count; k++)
        {
            var (before, after) = (study.Points[k - 1], study.Points[k]);
            Assert.That(after.Error!.Value, Is.LessThan(before.Error!.Value), $"error at cutoff {after.Cutoff}");
            Assert.That(after.TailPopulation, Is.LessThan(before.TailPopulation), $"tail at cutoff {after.Cutoff}");
            Assert.That(after.CovarianceChange, Is.EqualTo(ConvergenceStudy.MaxAbsDifference(after.Final.Covariance, before.Final.Covariance)).Within(1e-15));
        }
        Assert.That(study.Points[0].CovarianceChange, Is.Null);
        Assert.That(study.Points[^1].Error, Is.GreaterThan(100 * SolverNoise), "still a truncation error, not solver noise, at the largest cutoff");
        Assert.That(study.Points[0].Error, Is.GreaterThan(0.1), "four levels of a mode with n̄ ≈ 1 are far from converged");

        // The error is the distance to the exact Lyapunov covariance, reported once for the study.
        var reference = study.GaussianReference!;
        foreach (var p in study.Points)
            Assert.That(p.Error!.Value, Is.EqualTo(ConvergenceStudy.MaxAbsDifference(p.Final.Covariance, reference.Covariance)).Within(1e-14));
        Assert.That(study.Bipartitions.Select(b => b.Label), Is.EqualTo(new[] { "A|B" }));
        Assert.That(study.Points.All(p => p.LogNegativities.Length == 1 && p.LogNegativities[0] < 1e-9), "a passive thermal machine is not entangled");
        Assert.That(study.GaussianLogNegativities, Has.Length.EqualTo(1).And.All.LessThan(1e-9));
    }

    [Test]
    public void CutoffsTooSmallForTheInitialStateAreSkippedWithTheReason()
    {
        var config = ConvergenceTestConfigs.Machine("""{ "fock": { "n": 5 } }""");
        var study = ConvergenceStudy.Run(config, [3, 5, 6, 8], RunContext.Default);
        Assert.That(study.Skipped.Select(s => s.Cutoff), Is.EqualTo(new[] { 3, 5 }));
        Assert.That(study.Skipped[1].Reason, Does.Contain("initialState.product[0]").And.Contain("perMode[0] ≥ 6"));
        Assert.That(study.Points.Select(p => p.Cutoff), Is.EqualTo(new[] { 6, 8 }));
    }

    [Test]
    public void EveryCutoffTooSmallLeavesNoPoints()
    {
        var config = ConvergenceTestConfigs.Machine("""{ "fock": { "n": 9 } }""");
        var study = ConvergenceStudy.Run(config, [4, 6, 8], RunContext.Default);
        Assert.That(study.Points, Is.Empty);
        Assert.That(study.Skipped.Select(s => s.Cutoff), Is.EqualTo(new[] { 4, 6, 8 }));
    }

    [Test]
    public void NonQuadraticModelIsComparedWithItsLargestCutoff()
    {
        var config = ConfigLoader.Parse(ConvergenceTestConfigs.DrivenKerr);
        var study = ConvergenceStudy.Run(config, [4, 6, 8, 10], RunContext.Default);
        Assert.That(study.ErrorReference, Is.EqualTo(ConvergenceErrorReference.LargestCutoff));
        Assert.That(study.GaussianReference, Is.Null);
        Assert.That(study.Points[^1].Error, Is.Null, "the largest cutoff is the reference");
        var last = study.Points[^1].Final.Covariance;
        for (int k = 0; k < study.Points.Count - 1; k++)
            Assert.That(study.Points[k].Error, Is.EqualTo(ConvergenceStudy.MaxAbsDifference(study.Points[k].Final.Covariance, last)).Within(1e-15));
        Assert.That(study.Points[2].Error!.Value, Is.LessThan(study.Points[0].Error!.Value), "the error against the largest cutoff shrinks");
    }

    [Test]
    public void GaussianMethodHasNoTruncationToStudy()
    {
        var config = ConfigLoader.ApplyOverrides(ConvergenceTestConfigs.Machine(), method: "gaussian", tEnd: "10");
        var e = Assert.Throws<ConfigException>(() => ConvergenceStudy.Run(config, [4], RunContext.Default))!;
        Assert.That(e.Errors[0].Path, Is.EqualTo("run.method"));
    }

    [Test]
    public void CutoffsMustAscend()
    {
        var config = ConvergenceTestConfigs.Machine();
        Assert.Throws<ArgumentException>(() => ConvergenceStudy.Run(config, [6, 4], RunContext.Default));
        Assert.Throws<ArgumentException>(() => ConvergenceStudy.Run(config, [], RunContext.Default));
    }
}
