using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>The Krylov exponential integrator on stiff linear systems with closed-form solutions.</summary>
public class KrylovExponentialIntegratorTests
{
    /// <summary>
    /// A stiff linear system dy/dt = L y with L = S diag(λ) S⁻¹, S a fixed well-conditioned matrix (non-normal L):
    /// y(t) = S diag(e^(λt)) S⁻¹ y(0).
    /// </summary>
    private static TestProblem StiffPair()
    {
        // S = [[1, 0.5], [0.2, 1]], S⁻¹ = [[1, −0.5], [−0.2, 1]] / 0.9, λ = (−1e4, −1).
        double[] lambda = [-1e4, -1.0];
        double[,] s = { { 1.0, 0.5 }, { 0.2, 1.0 } };
        double[,] sInv = { { 1.0 / 0.9, -0.5 / 0.9 }, { -0.2 / 0.9, 1.0 / 0.9 } };
        double[,] l = new double[2, 2];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
                l[i, j] = s[i, 0] * lambda[0] * sInv[0, j] + s[i, 1] * lambda[1] * sInv[1, j];
        }

        double[] y0 = [1.0, 1.0];
        return new TestProblem("stiff pair", y0,
            (_, y, dydt) =>
            {
                dydt[0] = l[0, 0] * y[0] + l[0, 1] * y[1];
                dydt[1] = l[1, 0] * y[0] + l[1, 1] * y[1];
            },
            (t, y) =>
            {
                double z0 = sInv[0, 0] * y0[0] + sInv[0, 1] * y0[1];
                double z1 = sInv[1, 0] * y0[0] + sInv[1, 1] * y0[1];
                z0 *= Math.Exp(lambda[0] * t);
                z1 *= Math.Exp(lambda[1] * t);
                y[0] = s[0, 0] * z0 + s[0, 1] * z1;
                y[1] = s[1, 0] * z0 + s[1, 1] * z1;
            },
            IsLinear: true);
    }

    /// <summary>
    /// A 60-dimensional stiff symmetric system L = Q diag(λ) Qᵀ with λ log-spaced in [−1e4, −0.5] and Q a fixed
    /// (seeded) orthogonal matrix: larger than the Krylov dimension, so no lucky breakdown.
    /// </summary>
    private static TestProblem StiffSpectrum()
    {
        const int N = 60;
        var random = new Random(20240611);
        double[,] q = RandomOrthogonal(N, random);
        double[] lambda = Enumerable.Range(0, N).Select(k => -0.5 * Math.Pow(2e4, k / (double)(N - 1))).ToArray();
        double[] y0 = Enumerable.Range(0, N).Select(_ => random.NextDouble() - 0.5).ToArray();
        var l = new double[N, N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                double sum = 0.0;
                for (int k = 0; k < N; k++)
                    sum += q[i, k] * lambda[k] * q[j, k];
                l[i, j] = sum;
            }
        }

        return new TestProblem("stiff spectrum", y0,
            (_, y, dydt) =>
            {
                for (int i = 0; i < N; i++)
                {
                    double sum = 0.0;
                    for (int j = 0; j < N; j++)
                        sum += l[i, j] * y[j];
                    dydt[i] = sum;
                }
            },
            (t, y) =>
            {
                var z = new double[N];
                for (int k = 0; k < N; k++)
                {
                    double sum = 0.0;
                    for (int j = 0; j < N; j++)
                        sum += q[j, k] * y0[j];
                    z[k] = sum * Math.Exp(lambda[k] * t);
                }

                for (int i = 0; i < N; i++)
                {
                    double sum = 0.0;
                    for (int k = 0; k < N; k++)
                        sum += q[i, k] * z[k];
                    y[i] = sum;
                }
            },
            IsLinear: true);
    }

    /// <summary>
    /// 30 uncoupled Schrödinger-like amplitudes y_k' = −iω_k y_k (as re/im pairs) with ω_k spread over [0.5, 50]:
    /// y_k(t) = e^(−iω_k t) y_k(0). A long step needs a polynomial of degree ~ω_max·h, beyond a small Krylov space.
    /// </summary>
    private static TestProblem ManyFrequencies()
    {
        const int Modes = 30;
        double[] omega = Enumerable.Range(0, Modes).Select(k => 0.5 + 49.5 * k / (Modes - 1)).ToArray();
        var random = new Random(7);
        double[] y0 = Enumerable.Range(0, 2 * Modes).Select(_ => random.NextDouble() - 0.5).ToArray();
        return new TestProblem("many frequencies", y0,
            (_, y, dydt) =>
            {
                for (int k = 0; k < Modes; k++)
                {
                    dydt[2 * k] = omega[k] * y[2 * k + 1];
                    dydt[2 * k + 1] = -omega[k] * y[2 * k];
                }
            },
            (t, y) =>
            {
                for (int k = 0; k < Modes; k++)
                {
                    double c = Math.Cos(omega[k] * t), s = Math.Sin(omega[k] * t);
                    y[2 * k] = y0[2 * k] * c + y0[2 * k + 1] * s;
                    y[2 * k + 1] = y0[2 * k + 1] * c - y0[2 * k] * s;
                }
            },
            IsLinear: true);
    }

    private static double[,] RandomOrthogonal(int n, Random random)
    {
        // Gram–Schmidt on a random matrix's columns.
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                q[i, j] = random.NextDouble() - 0.5;
        }

        for (int k = 0; k < n; k++)
        {
            for (int pass = 0; pass < 2; pass++)
            {
                for (int p = 0; p < k; p++)
                {
                    double dot = 0.0;
                    for (int i = 0; i < n; i++)
                        dot += q[i, p] * q[i, k];
                    for (int i = 0; i < n; i++)
                        q[i, k] -= dot * q[i, p];
                }
            }

            double norm = Math.Sqrt(Enumerable.Range(0, n).Sum(i => q[i, k] * q[i, k]));
            for (int i = 0; i < n; i++)
                q[i, k] /= norm;
        }

        return q;
    }

    [Test]
    public void StiffPairIsExactInOneStep()
    {
        // The 2-dimensional Krylov space is invariant: one step of exp(hL) reaches t = 1 to round-off.
        // Round-off of the Padé exponential with ‖hL‖ ~ 1e4 (about 14 squarings): ~1e-13 relative.
        const double Tolerance = 1e-12;
        TestProblem problem = StiffPair();
        IOdeIntegrator integrator = IntegratorRegistry.Create("krylov");
        double[] y = TestProblems.Solve(integrator, problem, 1.0, new IntegratorOptions(1e-8, 1e-10));
        Assert.That(integrator.Statistics.AcceptedSteps, Is.EqualTo(1));
        Assert.That(integrator.Statistics.RhsEvaluations, Is.EqualTo(2), "two products with L build the basis");
        Assert.That(problem.ErrorAt(1.0, y), Is.LessThan(Tolerance));
    }

    [Test]
    public void StiffPairDenseOutputResolvesTheFastTransient()
    {
        // Interpolation inside the single step uses exp(sH) exactly, so the 1e-4 transient is resolved too.
        const double Tolerance = 1e-12;
        TestProblem problem = StiffPair();
        IOdeIntegrator integrator = IntegratorRegistry.Create("krylov");
        integrator.Initialize(0.0, problem.InitialState, problem.F, new IntegratorOptions(1e-8, 1e-10));
        integrator.Step(1.0);
        var y = new double[2];
        foreach (double t in new[] { 1e-5, 1e-4, 3e-4, 0.01, 0.5 })
        {
            integrator.Interpolate(t, y);
            Assert.That(problem.ErrorAt(t, y), Is.LessThan(Tolerance), $"t = {t}");
        }
    }

    [Test]
    public void StiffSpectrumMeetsTheToleranceInFewSteps()
    {
        // Global error band: rtol 1e-8 per step over a few tens of steps on an O(1) decaying state → < 1e-6.
        const double ErrorBand = 1e-6;
        const double EndTime = 2.0;
        TestProblem problem = StiffSpectrum();
        IOdeIntegrator krylov = IntegratorRegistry.Create("krylov");
        double[] y = TestProblems.Solve(krylov, problem, EndTime, new IntegratorOptions(1e-8, 1e-10));
        double error = problem.ErrorAt(EndTime, y);
        TestContext.Out.WriteLine($"krylov: {krylov.Statistics.AcceptedSteps} steps, {krylov.Statistics.RejectedSteps} rejected, " +
            $"{krylov.Statistics.RhsEvaluations} products, error {error:E2}");
        Assert.That(error, Is.LessThan(ErrorBand));
        // Explicit methods are limited by |λ_max| h ≲ 3, i.e. ≥ 6000 steps here; the Krylov steps are not.
        Assert.That(krylov.Statistics.AcceptedSteps, Is.LessThan(100));
    }

    [Test]
    public void TooLongTrialStepIsRejectedCountedAndCheap()
    {
        TestProblem problem = ManyFrequencies();
        IOdeIntegrator krylov = IntegratorRegistry.Create("krylov");
        krylov.Initialize(0.0, problem.InitialState, problem.F, new IntegratorOptions(1e-8, 1e-10) { KrylovDimension = 10 });
        krylov.Step(2.0);   // the first trial is the whole interval: ω_max·h = 100, far beyond a 10-dimensional subspace
        Assert.That(krylov.Statistics.RejectedSteps, Is.GreaterThan(0));
        Assert.That(krylov.Statistics.RhsEvaluations, Is.EqualTo(10), "rejections reuse the basis: no new products with L");
        Assert.That(krylov.Time, Is.LessThan(2.0));
        // The accepted, shortened step meets the tolerance (local error ≤ rtol·|y| + atol per component, here ~1e-8).
        Assert.That(problem.ErrorAt(krylov.Time, krylov.State), Is.LessThan(1e-7));
    }

    [Test]
    public void OscillatorySystemMeetsTheTolerance()
    {
        // rtol 1e-8 per step, a few tens of steps, amplitudes ≤ 0.7: global error well below 1e-6.
        const double ErrorBand = 1e-6;
        TestProblem problem = ManyFrequencies();
        IOdeIntegrator krylov = IntegratorRegistry.Create("krylov");
        double[] y = TestProblems.Solve(krylov, problem, 3.0, new IntegratorOptions(1e-8, 1e-10));
        TestContext.Out.WriteLine($"krylov: {krylov.Statistics.AcceptedSteps} steps, {krylov.Statistics.RejectedSteps} rejected, error {problem.ErrorAt(3.0, y):E2}");
        Assert.That(problem.ErrorAt(3.0, y), Is.LessThan(ErrorBand));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void DenseOutputInsideLongStepsMeetsTheTolerance(bool oscillatory)
    {
        // Steps are as long as the error estimate allows; the estimate must also cover the interior of each step.
        const double ErrorBand = 1e-6;
        TestProblem problem = oscillatory ? ManyFrequencies() : StiffSpectrum();
        IOdeIntegrator krylov = IntegratorRegistry.Create("krylov");
        krylov.Initialize(0.0, problem.InitialState, problem.F, new IntegratorOptions(1e-8, 1e-10));
        var y = new double[problem.InitialState.Length];
        double worst = 0.0, worstAt = 0.0;
        const double EndTime = 4.0;
        while (krylov.Time < EndTime)
        {
            krylov.Step(EndTime);
            for (int i = 1; i <= 8; i++)
            {
                // Cubic spacing: dense near the start of each step, where a stiff transient lives.
                double t = krylov.PreviousTime + (krylov.Time - krylov.PreviousTime) * Math.Pow(i / 8.0, 3);
                krylov.Interpolate(t, y);
                double error = problem.ErrorAt(t, y);
                if (error > worst)
                    (worst, worstAt) = (error, t);
            }
        }

        TestContext.Out.WriteLine($"{problem.Name}: {krylov.Statistics.AcceptedSteps} steps, worst dense error {worst:E2} at t = {worstAt:G4}");
        Assert.That(worst, Is.LessThan(ErrorBand));
    }

    [Test]
    public void ZeroStateStaysZero()
    {
        IOdeIntegrator krylov = IntegratorRegistry.Create("krylov");
        krylov.Initialize(0.0, [0.0, 0.0], TestProblems.DampedOscillator.F, new IntegratorOptions());
        krylov.Step(3.0);
        Assert.That(krylov.Time, Is.EqualTo(3.0));
        Assert.That(krylov.State.ToArray(), Is.EqualTo(new[] { 0.0, 0.0 }));
    }

    [Test]
    public void NonFiniteOperatorIsANumericalFailure()
    {
        RightHandSide broken = static (_, y, dydt) => dydt[0] = double.NaN * y[0];
        IOdeIntegrator krylov = IntegratorRegistry.Create("krylov");
        krylov.Initialize(0.0, [1.0], broken, new IntegratorOptions());
        var failure = Assert.Throws<BosonicTrajectories.Model.NumericalFailureException>(() => krylov.Step(1.0));
        Assert.That(failure!.Message, Does.Contain("krylov").And.Contain("non-finite"));
    }

    [Test]
    public void ZeroKrylovDimensionIsRejected()
    {
        IOdeIntegrator krylov = IntegratorRegistry.Create("krylov");
        var error = Assert.Throws<ArgumentException>(() =>
            krylov.Initialize(0.0, [1.0], TestProblems.ExponentialDecay.F, new IntegratorOptions { KrylovDimension = 0 }));
        Assert.That(error!.ParamName, Is.EqualTo("options"));
    }
}
