using BosonicTrajectories.Configuration;
using BosonicTrajectories.Convergence;
using BosonicTrajectories.Model;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Tests.Convergence;

public class AutoCutoffTests
{
    /// <summary>The steady-state solver reproduces the closed-form truncated thermal populations to ~1e-10; 1e-9 leaves room.</summary>
    private const double SolverTolerance = 1e-9;

    /// <summary>The documented rule, written out independently of the engine: c + max(2, ⌈c/4⌉).</summary>
    private static int Next(int c) => c + Math.Max(2, (int)Math.Ceiling(c / 4.0));

    /// <summary>Top-level population of the truncated thermal state: (1 − r) r^(c−1)/(1 − r^c), r = n̄/(1 + n̄).</summary>
    private static double Tail(double nbar, int c)
    {
        double r = nbar / (1 + nbar);
        return (1 - r) * Math.Pow(r, c - 1) / (1 - Math.Pow(r, c));
    }

    /// <summary>⟨n⟩ of the truncated thermal state; its covariance is (⟨n⟩ + ½) I, so max |ΔΣ| = |Δ⟨n⟩|.</summary>
    private static double Occupation(double nbar, int c)
    {
        double r = nbar / (1 + nbar), norm = 0, sum = 0;
        for (int n = 0; n < c; n++) { norm += Math.Pow(r, n); sum += n * Math.Pow(r, n); }
        return sum / norm;
    }

    /// <summary>
    /// The cutoffs the documented search visits for the damped thermal mode, from the closed form: start at 2 (the
    /// vacuum fits anywhere), stop at the first cutoff with tail &lt; tolerance and |Δ⟨n⟩| &lt; tolerance.
    /// </summary>
    private static List<int> ExpectedWalk(double nbar, Func<int, int> levels, AutoCutoffOptions options)
    {
        var walk = new List<int>();
        for (int c = 2, previous = 0; c < 1000; previous = c, c = Next(c))
        {
            walk.Add(c);
            if (previous > 0 && Tail(nbar, levels(c)) < options.TailTolerance &&
                Math.Abs(Occupation(nbar, levels(c)) - Occupation(nbar, levels(previous))) < options.CovarianceTolerance)
                return walk;
        }
        throw new InvalidOperationException("the closed-form walk did not stop");
    }

    [Test]
    public void GrowthRuleIsPlusTwoThenAQuarter()
    {
        var sequence = new List<int> { 2 };
        while (sequence.Count < 12) sequence.Add(AutoCutoff.NextCutoff(sequence[^1]));
        Assert.That(sequence, Is.EqualTo(new[] { 2, 4, 6, 8, 10, 13, 17, 22, 28, 35, 44, 55 }));
        for (int c = 1; c < 200; c++) Assert.That(AutoCutoff.NextCutoff(c), Is.EqualTo(Next(c)), $"c = {c}");
    }

    [Test]
    public void AcceptsOnlyWhenBothTolerancesHold()
    {
        var options = new AutoCutoffOptions();
        Assert.That(AutoCutoff.Accepts(9e-7, 9e-5, options), Is.True);
        Assert.That(AutoCutoff.Accepts(1.1e-6, 9e-5, options), Is.False, "tail too large");
        Assert.That(AutoCutoff.Accepts(9e-7, 1.1e-4, options), Is.False, "covariance still moving");
        Assert.That(AutoCutoff.Accepts(0, null, options), Is.False, "the first cutoff has no change to judge");
    }

    [Test]
    public void DampedThermalModeGetsTheCutoffTheClosedFormPredicts()
    {
        const double Nbar = 0.5;
        var options = new AutoCutoffOptions();

        // Walk the documented rule on the closed form. For n̄ = 0.5: tail(13) = 1.25e-6 just misses, tail(17) = 1.5e-8 → 17.
        var expected = ExpectedWalk(Nbar, levels: c => c, options);
        Assert.That(expected[^1], Is.EqualTo(17), "closed-form walk (guards the walk itself)");

        var config = ConfigLoader.Parse(ConvergenceTestConfigs.DampedThermalMode(Nbar));
        var auto = AutoCutoff.Search(config, RunContext.Default, options);
        Assert.That(auto.Cutoff, Is.EqualTo(expected[^1]));
        Assert.That(auto.StartCutoff, Is.EqualTo(2));
        Assert.That(auto.Steps.Select(s => s.Cutoff), Is.EqualTo(expected));
        for (int k = 0; k < auto.Steps.Count; k++)
        {
            var step = auto.Steps[k];
            Assert.That(step.TailPopulation, Is.EqualTo(Tail(Nbar, step.Cutoff)).Within(SolverTolerance), $"tail at {step.Cutoff}");
            if (k > 0)
                Assert.That(step.CovarianceChange!.Value,
                    Is.EqualTo(Math.Abs(Occupation(Nbar, step.Cutoff) - Occupation(Nbar, expected[k - 1]))).Within(SolverTolerance), $"Δcov at {step.Cutoff}");
            Assert.That(step.Accepted, Is.EqualTo(k == auto.Steps.Count - 1));
        }
        Assert.That(auto.SearchMethod, Is.EqualTo(RunMethod.SteadyState));
        Assert.That(auto.FinalResult, Is.Not.Null, "the search ran the config's own method, so its last run is the result");
        Assert.That(auto.FinalResult!.Run.HilbertDimension, Is.EqualTo(17));
    }

    [Test]
    public void LindbladOnAnExcitationConservingModelIsSearchedWithTheSteadyState()
    {
        var config = ConfigLoader.Parse(ConvergenceTestConfigs.DampedThermalMode(0.2, method: "lindblad"));
        var (method, reason) = AutoCutoff.ChooseSearchMethod(config, ModelBuilder.Build(config.Model));
        Assert.That(method, Is.EqualTo(RunMethod.SteadyState));
        Assert.That(reason, Does.Contain("conserves excitations"));
        var auto = AutoCutoff.Search(config, RunContext.Default);
        Assert.That(auto.SearchMethod, Is.EqualTo(RunMethod.SteadyState));
        Assert.That(auto.FinalResult, Is.Null, "the lindblad run itself is still to be done");
    }

    [Test]
    public void NonConservingModelIsSearchedWithItsOwnMethod()
    {
        var config = ConfigLoader.Parse(ConvergenceTestConfigs.DrivenKerr.Replace("\"steadystate\"", "\"lindblad\", \"tEnd\": 1", StringComparison.Ordinal));
        var (method, _) = AutoCutoff.ChooseSearchMethod(config, ModelBuilder.Build(config.Model));
        Assert.That(method, Is.EqualTo(RunMethod.Lindblad));
    }

    [Test]
    public void StartsAtTheSmallestCutoffHoldingTheInitialState()
    {
        var config = ConfigLoader.Parse(ConvergenceTestConfigs.DampedThermalMode(0.2)
            .Replace("{ \"vacuum\": {} }", "{ \"fock\": { \"n\": 6 } }", StringComparison.Ordinal));
        var auto = AutoCutoff.Search(config, RunContext.Default);
        Assert.That(auto.StartCutoff, Is.EqualTo(7));
        Assert.That(auto.Steps[0].Cutoff, Is.EqualTo(7));
    }

    [Test]
    public void FailsWhenNoCutoffWithinTheDimensionLimitMeetsTheTolerances()
    {
        var config = ConfigLoader.Parse(ConvergenceTestConfigs.DampedThermalMode(3.0));
        var options = new AutoCutoffOptions(MaxHilbertDimension: 20);
        var e = Assert.Throws<NumericalFailureException>(() => AutoCutoff.Search(config, RunContext.Default, options))!;
        Assert.That(e.Message, Does.Contain("Hilbert dimension ≤ 20").And.Contain("tried 2 (tail").And.Contain("17 (tail"));
    }

    [Test]
    public void TotalExcitationConfigsSearchTheBoundK()
    {
        var config = ConfigLoader.Parse(ConvergenceTestConfigs.DampedThermalMode(0.5, truncation: "\"totalExcitations\": 4"));
        var auto = AutoCutoff.Search(config, RunContext.Default);
        // One mode: Σ n ≤ K keeps levels 0..K, i.e. K + 1 levels; the rule runs on K. tail(K = 13) = tail(14 levels) = 4.2e-7.
        var expected = ExpectedWalk(0.5, levels: k => k + 1, new AutoCutoffOptions());
        Assert.That(expected[^1], Is.EqualTo(13), "closed-form walk (guards the walk itself)");
        Assert.That(auto.Steps.Select(s => s.Cutoff), Is.EqualTo(expected));
        Assert.That(auto.Steps.Select(s => s.HilbertDimension), Is.EqualTo(auto.Steps.Select(s => s.Cutoff + 1)));
        Assert.That(auto.Steps[^1].TailPopulation, Is.EqualTo(Tail(0.5, auto.Cutoff + 1)).Within(SolverTolerance));
    }
}
