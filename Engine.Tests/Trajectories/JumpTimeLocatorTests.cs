using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;
using static BosonicTrajectories.Tests.Trajectories.TrajectoryTestModels;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>The jump times of |1⟩ under L = √γ a: ‖ψ(t)‖² = e^{−γt}, so the first jump is at −ln(r)/γ, exponential with rate γ.</summary>
public class JumpTimeLocatorTests
{
    private const double Gamma = 0.7;
    private const int Samples = 2000;

    /// <summary>
    /// Kolmogorov–Smirnov critical value at level α = 0.001 for n = 2000: c(α)/√n with c = √(−ln(α/2)/2) = 1.9495,
    /// i.e. 0.04359 (asymptotic Kolmogorov distribution; accurate to &lt; 1% at this n).
    /// </summary>
    private static readonly double KolmogorovSmirnovCritical = Math.Sqrt(-Math.Log(0.001 / 2) / 2) / Math.Sqrt(Samples);

    /// <summary>
    /// Located time versus the exact crossing −ln(r)/γ: the dense output of dopri5 at rtol 1e−9 follows e^{−γt} to
    /// ~1e−9 relative, which moves the crossing by ~1e−9/γ; 1e−7 leaves a wide margin yet fails for step-end jumps
    /// (steps here are ≫ 1e−3).
    /// </summary>
    private const double TimeTolerance = 1e-7;

    [Test]
    public void WaitingTimesAreExponentialAndLocatedOnTheThreshold()
    {
        var model = new OpenSystemModel(1, [new Party("A", [0])], Polynomial.Single(1.0, Ad(0), A(0)),
            [new JumpOperator("decay", Polynomial.Single(Math.Sqrt(Gamma), A(0)))], null, []);
        var space = Space(1, 3);
        var problem = TrajectoryProblem.Build(model, Initial(space, new FockState(1)), [0, 40 / Gamma]);
        var settings = new TrajectorySettings(Seed: 2024, RelativeTolerance: 1e-9, AbsoluteTolerance: 1e-12, JumpLogCapacity: 4);
        var worker = new TrajectoryWorker(problem, settings);

        var waits = new double[Samples];
        for (int k = 0; k < Samples; k++)
        {
            TrajectorySolver.RunOne(worker, k);
            Assert.That(worker.Record.JumpCount, Is.EqualTo(1), "|1⟩ decays once to |0⟩ (P(no jump by 40/γ) = e^−40)");
            var jump = worker.Record.Jumps[0];
            Assert.That(Math.Abs(jump.NormSquared - jump.Threshold), Is.LessThanOrEqualTo(settings.JumpTimeTolerance * jump.Threshold),
                "‖ψ(t*)‖² = r to JumpTimeTolerance");
            Assert.That(jump.Time, Is.EqualTo(-Math.Log(jump.Threshold) / Gamma).Within(TimeTolerance));
            waits[k] = jump.Time;
        }

        Array.Sort(waits);
        double statistic = 0;
        for (int i = 0; i < Samples; i++)
        {
            double cdf = 1 - Math.Exp(-Gamma * waits[i]);
            statistic = Math.Max(statistic, Math.Max(cdf - ((double)i / Samples), ((i + 1.0) / Samples) - cdf));
        }
        Assert.That(statistic, Is.LessThan(KolmogorovSmirnovCritical), "KS distance to Exp(γ)");
    }

    [Test]
    public void KolmogorovSmirnovTestRejectsAWrongRate()
    {
        // The same statistic against rate 1.25γ (KS distance ≈ 0.08) must exceed the critical value: the test above can fail.
        var random = TrajectoryRandom.ForTrajectory(3, 0);
        var waits = new double[Samples];
        for (int i = 0; i < Samples; i++) waits[i] = -Math.Log(random.NextOpenDouble()) / Gamma;
        Array.Sort(waits);
        double statistic = 0;
        for (int i = 0; i < Samples; i++)
        {
            double cdf = 1 - Math.Exp(-1.25 * Gamma * waits[i]);
            statistic = Math.Max(statistic, Math.Max(cdf - ((double)i / Samples), ((i + 1.0) / Samples) - cdf));
        }
        Assert.That(statistic, Is.GreaterThan(KolmogorovSmirnovCritical));
    }
}
