using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Lindblad.LindbladTestModels;

namespace BosonicTrajectories.Tests.Lindblad;

public class LindbladEvolutionTests
{
    private const double Omega = 1.0;
    private const double Kappa = 0.1;

    // rtol 1e-9 / atol 1e-11 leave a global error of about 1e-8 on O(1) moments; cutoffs are chosen so the
    // truncated tail is below 1e-12. 1e-6 is then far from both and still catches any wrong sign or rate.
    private const double ClosedFormTolerance = 1e-6;
    private static readonly IntegratorOptions Tight = new(RelativeTolerance: 1e-9, AbsoluteTolerance: 1e-11);

    private static (LindbladProblem Problem, SparseMatrix A) DampedMode(double meanOccupation, int levels, bool frame = true)
    {
        var space = new FockSpace(new PerModeTruncation([levels]), 1);
        var problem = LindbladProblem.Build(LindbladTestModels.DampedMode(Omega, Kappa, meanOccupation), space, frame);
        return (problem, FockOperators.Annihilation(space, 0));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void FockStateRelaxesToTheThermalOccupation(bool frame)
    {
        const double nbar = 0.5, n0 = 3;
        var (problem, _) = DampedMode(nbar, levels: 40, frame);
        var number = FockOperators.Number(problem.Space, 0);
        var evolution = new LindbladEvolution(problem, "dopri5", Tight);
        double worst = 0;
        evolution.Run(Projector(TestStates.Fock((int)n0, 40)), 30, 16, (t, rho) =>
        {
            double expected = nbar + ((n0 - nbar) * Math.Exp(-Kappa * t));
            worst = Math.Max(worst, Math.Abs(Expectation(rho, number).Real - expected));
        });
        Assert.That(worst, Is.LessThan(ClosedFormTolerance));
    }

    [Test]
    public void ThermalStateStartsAndStaysDecaying()
    {
        const double nbar = 0.8, n0 = 2.0;
        var (problem, _) = DampedMode(nbar, levels: 60);
        var number = FockOperators.Number(problem.Space, 0);
        double worst = 0;
        new LindbladEvolution(problem, "dopri5", Tight).Run(TestStates.ThermalDensityMatrix(n0, 60), 20, 5, (t, rho) =>
            worst = Math.Max(worst, Math.Abs(Expectation(rho, number).Real - (nbar + ((n0 - nbar) * Math.Exp(-Kappa * t))))));
        // n0 = 2 in 60 levels leaves a tail of (2/3)^60 ≈ 3e-11 in the initial state.
        Assert.That(worst, Is.LessThan(ClosedFormTolerance));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void CoherentAmplitudeDecaysAndRotates(bool frame)
    {
        var alpha = new Complex(1.5, 0.5);
        var (problem, a) = DampedMode(0, levels: 30, frame);
        double worst = 0;
        new LindbladEvolution(problem, "dopri5", Tight).Run(Projector(TestStates.Coherent(alpha, 30)), 20, 41, (t, rho) =>
        {
            var expected = alpha * Complex.Exp(-new Complex(Kappa / 2, Omega) * t);
            worst = Math.Max(worst, Complex.Abs(Expectation(rho, a) - expected));
        });
        Assert.That(worst, Is.LessThan(ClosedFormTolerance));
    }

    /// <summary>
    /// Under pure loss |α⟩⟨β| → ⟨β|α⟩^{1−e^{−κt}} |α_t⟩⟨β_t| with α_t = α e^{−(iω+κ/2)t}. For the even cat
    /// N²(|α⟩+|−α⟩)(⟨α|+⟨−α|) this gives ⟨a²⟩(t) = α_t² exactly (the normalisations cancel) and
    /// ⟨(−1)^n⟩(t) = [e^{−2|α|²e^{−κt}} + e^{−2|α|²(1−e^{−κt})}] / (1 + e^{−2|α|²}).
    /// </summary>
    [Test]
    public void EvenCatLosesItsCoherenceAndParity()
    {
        const int Levels = 36;
        var alpha = new Complex(2, 0);
        var (problem, a) = DampedMode(0, Levels);
        var aSquared = a * a;
        var parity = SparseMatrix.Diagonal([.. Enumerable.Range(0, Levels).Select(n => new Complex(n % 2 == 0 ? 1 : -1, 0))]);
        double a2 = alpha.Magnitude * alpha.Magnitude;
        double worstA2 = 0, worstParity = 0, smallestParity = 1;
        new LindbladEvolution(problem, "dopri5", Tight).Run(Projector(TestStates.Cat(alpha, 0, Levels)), 30, 31, (t, rho) =>
        {
            var alphaT = alpha * Complex.Exp(-new Complex(Kappa / 2, Omega) * t);
            worstA2 = Math.Max(worstA2, Complex.Abs(Expectation(rho, aSquared) - (alphaT * alphaT)));
            double decay = Math.Exp(-Kappa * t);
            double expectedParity = (Math.Exp(-2 * a2 * decay) + Math.Exp(-2 * a2 * (1 - decay))) / (1 + Math.Exp(-2 * a2));
            double p = Expectation(rho, parity).Real;
            worstParity = Math.Max(worstParity, Math.Abs(p - expectedParity));
            smallestParity = Math.Min(smallestParity, p);
        });
        Assert.That(worstA2, Is.LessThan(ClosedFormTolerance));
        Assert.That(worstParity, Is.LessThan(ClosedFormTolerance));
        Assert.That(smallestParity, Is.LessThan(0.05), "the parity must dip to about 2e^{−|α|²} ≈ 0.037 near e^{−κt} = ½");
    }

    /// <summary>Pure loss keeps a coherent state pure: ρ(t) = |α_t⟩⟨α_t| exactly, so the whole ρ has a closed form.</summary>
    [Test]
    public void ErrorFollowsTheRequestedTolerance()
    {
        const int Levels = 30;
        var alpha = new Complex(1.5, 0);
        var (problem, _) = DampedMode(0, Levels, frame: false);
        int d = problem.Dimension;
        double[] errors = [.. new[] { 1e-3, 1e-5, 1e-7 }.Select(rtol =>
        {
            double worst = 0;
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var result = new LindbladEvolution(problem, "dopri5", new IntegratorOptions(rtol, rtol * 1e-2)).Run(
                Projector(TestStates.Coherent(alpha, Levels)), 20, 21, (t, rho) =>
                {
                    var exact = Projector(TestStates.Coherent(alpha * Complex.Exp(-new Complex(Kappa / 2, Omega) * t), Levels));
                    double sum = 0;
                    for (int k = 0; k < d * d; k++) sum += Complex.Abs(rho[k] - exact[k]) * Complex.Abs(rho[k] - exact[k]);
                    worst = Math.Max(worst, Math.Sqrt(sum));
                });
            TestContext.Out.WriteLine($"rtol {rtol}: error {worst:G3}, {result.AcceptedSteps} steps, {stopwatch.ElapsedMilliseconds} ms");
            return worst;
        })];
        // Each factor-100 tightening must buy at least a factor 10 (dopri5's global error scales about like the tolerance).
        Assert.That(errors[1], Is.LessThan(errors[0] / 10), string.Join(", ", errors));
        Assert.That(errors[2], Is.LessThan(errors[1] / 10), string.Join(", ", errors));
    }

    [Test]
    public void RecordsStatisticsAndOutputTimes()
    {
        var (problem, _) = DampedMode(0.2, levels: 20);
        var times = new List<double>();
        double lastProgress = 0;
        var result = new LindbladEvolution(problem, "dopri5", new IntegratorOptions()).Run(
            Projector(TestStates.Fock(2, 20)), 10, 6, (t, _) => times.Add(t), new SynchronousProgress(p => lastProgress = p));
        Assert.That(times, Is.EqualTo(new[] { 0.0, 2, 4, 6, 8, 10 }).Within(1e-12));
        Assert.That(result.FinalTime, Is.EqualTo(10));
        Assert.That(result.AcceptedSteps, Is.GreaterThan(0));
        Assert.That(result.IntegratorRhsEvaluations, Is.GreaterThanOrEqualTo(6 * result.AcceptedSteps));
        Assert.That(result.TotalRhsEvaluations, Is.EqualTo(result.IntegratorRhsEvaluations));
        Assert.That(lastProgress, Is.EqualTo(1));
    }

    [Test]
    public void SteadyModeStopsWhenTheDerivativeIsSmall()
    {
        const double nbar = 0.4, tolerance = 1e-7;
        var (problem, _) = DampedMode(nbar, levels: 40);
        var number = FockOperators.Number(problem.Space, 0);
        double observedTime = -1, n = 0;
        var result = new LindbladEvolution(problem, "dopri5", Tight).RunToSteadyState(
            Projector(TestStates.Fock(1, 40)), tolerance, 1000, (t, rho) => (observedTime, n) = (t, Expectation(rho, number).Real));
        Assert.That(result.FinalDerivativeNorm, Is.LessThan(tolerance));
        Assert.That(observedTime, Is.EqualTo(result.FinalTime));
        // ‖dρ/dt‖ ≥ |d⟨n⟩/dt| / ‖n‖_F-ish: the remaining deviation of ⟨n⟩ is κ⁻¹-times the derivative scale.
        Assert.That(n, Is.EqualTo(nbar).Within(1e-4));
        Assert.That(result.TotalRhsEvaluations, Is.EqualTo(result.IntegratorRhsEvaluations + result.AcceptedSteps + 1));
    }

    [Test]
    public void SteadyModeFailsWithAMessageNamingTheOption()
    {
        var (problem, _) = DampedMode(0.4, levels: 20);
        var evolution = new LindbladEvolution(problem, "dopri5", new IntegratorOptions());
        Assert.That(() => evolution.RunToSteadyState(Projector(TestStates.Fock(1, 20)), 1e-9, 5, (_, _) => { }),
            Throws.TypeOf<NumericalFailureException>().With.Message.Contains("time limit"));
    }

    [Test]
    public void HonoursCancellation()
    {
        var (problem, _) = DampedMode(0.4, levels: 20);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.That(() => new LindbladEvolution(problem, "dopri5", new IntegratorOptions())
            .Run(Projector(TestStates.Fock(1, 20)), 5, 3, (_, _) => { }, null, source.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void UnknownIntegratorNameListsTheValidOnes()
    {
        var (problem, _) = DampedMode(0.4, levels: 5);
        Assert.That(() => new LindbladEvolution(problem, "euler", new IntegratorOptions()),
            Throws.ArgumentException.With.Message.Contains("dopri5"));
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
