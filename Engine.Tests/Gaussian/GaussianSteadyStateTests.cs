using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;
using static BosonicTrajectories.Tests.Gaussian.GaussianTestModels;

namespace BosonicTrajectories.Tests.Gaussian;

public class GaussianSteadyStateTests
{
    /// <summary>Steady states of small well-conditioned models: Lyapunov round-off is ~1e-15 relative.</summary>
    private const double Tight = 1e-12;

    /// <summary>The published reference (numpy/scipy Lyapunov) is quoted to ~16 digits.</summary>
    private const double ReferenceTolerance = 1e-12;

    [Test]
    public void DampedModeRelaxesToItsBathOccupation()
    {
        const double nbar = 0.37;
        var ladder = GaussianMoments.ToLadder(GaussianSteadyState.Solve(DampedMode(1.0, 0.05, nbar)));
        Assert.That(ladder.AdaggerA[0, 0].Real, Is.EqualTo(nbar).Within(Tight));
        Assert.That(ladder.AA[0, 0].Magnitude, Is.LessThan(Tight));
        Assert.That(ladder.Mean[0].Magnitude, Is.LessThan(Tight));
    }

    [Test]
    public void TwoCoupledLossyModesMatchTheHandSolvedLyapunovEquation()
    {
        const double omega1 = 1.0, omega2 = 1.3, kappa1 = 0.07, kappa2 = 0.03, n1 = 1.5, n2 = 0.2;
        var g = new Complex(0.08, -0.05);
        var h = Matrix<Complex>.Build.DenseOfArray(new[,] { { omega1, g }, { Complex.Conjugate(g), omega2 } });
        var emission = Matrix<Complex>.Build.DenseOfDiagonalArray([kappa1 * (n1 + 1), kappa2 * (n2 + 1)]);
        var absorption = Matrix<Complex>.Build.DenseOfDiagonalArray([kappa1 * n1, kappa2 * n2]);

        // By hand (N_ij = ⟨a_j† a_i⟩, X = −iH − ½ diag(κ1, κ2), Δ = ω1 − ω2, κ̄ = (κ1 + κ2)/2):
        // entry 12 gives N12 = i g (N11 − N22)/(κ̄ + iΔ); entries 11, 22 give κ1 N11 = α1 + 2y, κ2 N22 = α2 − 2y with
        // y = Im(g N12*) = −γ (N11 − N22)/2, γ = 2|g|² κ̄/(κ̄² + Δ²). Solving the 2×2 linear system:
        double alpha1 = kappa1 * n1, alpha2 = kappa2 * n2;
        double delta = omega1 - omega2, kappaBar = 0.5 * (kappa1 + kappa2);
        double gamma = 2 * g.Magnitude * g.Magnitude * kappaBar / (kappaBar * kappaBar + delta * delta);
        double det = kappa1 * kappa2 + gamma * (kappa1 + kappa2);
        double n11 = (alpha1 * (kappa2 + gamma) + gamma * alpha2) / det;
        double n22 = (alpha2 * (kappa1 + gamma) + gamma * alpha1) / det;
        Complex n12 = Complex.ImaginaryOne * g * (n11 - n22) / new Complex(kappaBar, delta);
        // ⟨a_0† a_1⟩ = N_{10} (0-based) = conj(N12).
        Complex expected01 = Complex.Conjugate(n12);

        var real = GaussianMoments.ToLadder(GaussianSteadyState.Solve(Passive(h, emission, absorption)));
        var complexForm = PassiveGaussianMoments.AdaggerAFromCorrelations(
            PassiveGaussianMoments.SteadyStateCorrelations(PassiveGaussianMoments.Drift(h, emission, absorption), absorption));
        foreach (var adaggerA in new[] { real.AdaggerA, complexForm })
        {
            Assert.That(adaggerA[0, 0].Real, Is.EqualTo(n11).Within(Tight));
            Assert.That(adaggerA[1, 1].Real, Is.EqualTo(n22).Within(Tight));
            Assert.That((adaggerA[0, 1] - expected01).Magnitude, Is.LessThan(Tight));
            Assert.That((adaggerA[1, 0] - n12).Magnitude, Is.LessThan(Tight));
        }
        Assert.That(real.AA.FrobeniusNorm(), Is.LessThan(Tight));
    }

    [Test]
    public void GibbsBathsThermaliseToTheBoseFunctionOfH()
    {
        // E = κ(n(H) + 1), A = κ n(H) with n(H) = (e^{βH} − 1)^{-1}: the steady state is N = n(H), i.e. ⟨a_i† a_j⟩ = n(H)_ji.
        // Complex hoppings on three modes make n(H) ≠ n(H)ᵀ, so a transposition or conjugation slip fails.
        const double beta = 0.8, kappa = 0.04;
        var h = Matrix<Complex>.Build.DenseOfArray(new Complex[,]
        {
            { 1.0, new(0.15, 0.1), new(0, -0.2) },
            { new(0.15, -0.1), 1.4, new(0.05, 0.12) },
            { new(0, 0.2), new(0.05, -0.12), 0.9 },
        });
        var evd = h.Evd(Symmetricity.Hermitian);
        var u = evd.EigenVectors;
        var occupation = u * Matrix<Complex>.Build.DenseOfDiagonalArray(
            evd.EigenValues.Select(w => (Complex)(1 / (Math.Exp(beta * w.Real) - 1))).ToArray()) * u.ConjugateTranspose();
        var absorption = kappa * occupation;
        var emission = kappa * (occupation + Matrix<Complex>.Build.DenseIdentity(3));
        Assert.That((occupation - occupation.Transpose()).FrobeniusNorm(), Is.GreaterThan(0.01), "the test needs n(H) ≠ n(H)ᵀ");

        var steady = GaussianMoments.ToLadder(GaussianSteadyState.Solve(Passive(h, emission, absorption)));
        var complexForm = PassiveGaussianMoments.AdaggerAFromCorrelations(
            PassiveGaussianMoments.SteadyStateCorrelations(PassiveGaussianMoments.Drift(h, emission, absorption), absorption));
        Assert.That((steady.AdaggerA - occupation.Transpose()).FrobeniusNorm(), Is.LessThan(Tight));
        Assert.That((complexForm - occupation.Transpose()).FrobeniusNorm(), Is.LessThan(Tight));
    }

    [Test]
    public void RealAndComplexFormsAgreeOnARandomPassiveModel()
    {
        var (model, h, e, a) = RandomPassive(6, new Random(42));
        var real = GaussianMoments.ToLadder(GaussianSteadyState.Solve(model));
        var complexForm = PassiveGaussianMoments.AdaggerAFromCorrelations(
            PassiveGaussianMoments.SteadyStateCorrelations(PassiveGaussianMoments.Drift(h, e, a), a));
        Assert.That((real.AdaggerA - complexForm).FrobeniusNorm(), Is.LessThan(1e-11 * complexForm.FrobeniusNorm()));
        Assert.That(real.AA.FrobeniusNorm(), Is.LessThan(1e-11));
        Assert.That(real.Mean.L2Norm(), Is.LessThan(1e-11));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void FiftyModeModelsSolveTheLyapunovEquationToTenDigits(bool withSqueezingAndMixedJumps)
    {
        var random = new Random(50);
        var (model, _, _, _) = RandomPassive(50, random);
        if (withSqueezingAndMixedJumps)
        {
            // Weak random two-mode squeezing (plus h.c.) and jumps mixing a and a† make F non-passive and non-normal.
            var extra = Polynomial.Zero;
            for (int i = 0; i < 50; i++)
            {
                int j = random.Next(50);
                var rate = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5) * 0.004;
                extra += Polynomial.Single(rate, new(i, true), new(j, true)) + Polynomial.Single(Complex.Conjugate(rate), new(j, false), new(i, false));
            }
            var jumps = model.Jumps.Add(new JumpOperator("mixed",
                Polynomial.Linear(Enumerable.Range(0, 50).Select(_ => (Complex)(0.02 * (random.NextDouble() - 0.5))).ToArray(),
                                  Enumerable.Range(0, 50).Select(_ => (Complex)(0.01 * (random.NextDouble() - 0.5))).ToArray())));
            model = model with { Hamiltonian = model.Hamiltonian + extra, Jumps = jumps };
        }
        var dynamics = GaussianDynamics.FromModel(model);
        var sigma = GaussianSteadyState.Solve(dynamics).Covariance;
        double residual = (dynamics.Drift * sigma + sigma * dynamics.Drift.Transpose() + dynamics.Diffusion).FrobeniusNorm()
                          / dynamics.Diffusion.FrobeniusNorm();
        Assert.That(residual, Is.LessThan(1e-10));
        if (!withSqueezingAndMixedJumps)
            Assert.That(SeparabilityCertificate.Evaluate(sigma).Certified, Is.True, "the no-go theorem: a passive steady state has Σ ≥ I/2");
    }

    [Test]
    public void HotColdMachineMatchesTheReferenceLyapunovSolution()
    {
        // /work/shared/reference/hot-cold-cat.json: H = [[1, 0.1], [0.1, 1.2]] with the quoted E and A.
        var h = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 1.0, 0.1 }, { 0.1, 1.2 } });
        var absorption = Matrix<Complex>.Build.DenseOfArray(new Complex[,]
            { { 0.06055047124992488, -0.02151940208070236 }, { -0.02151940208070237, 0.017511667088520158 } });
        var emission = Matrix<Complex>.Build.DenseOfArray(new Complex[,]
            { { 0.11055047124992488, -0.02151940208070236 }, { -0.02151940208070236, 0.06751166708852016 } });
        var hermitianAbsorption = 0.5 * (absorption + absorption.ConjugateTranspose());
        var steady = GaussianSteadyState.Solve(Passive(h, emission, hermitianAbsorption));
        var ladder = GaussianMoments.ToLadder(steady);
        Assert.Multiple(() =>
        {
            Assert.That(ladder.AdaggerA[0, 0].Real, Is.EqualTo(1.2110094249984962).Within(ReferenceTolerance));
            Assert.That(ladder.AdaggerA[0, 1].Real, Is.EqualTo(-0.4303880416140464).Within(ReferenceTolerance));
            Assert.That(ladder.AdaggerA[1, 1].Real, Is.EqualTo(0.35023334177040266).Within(ReferenceTolerance));
            Assert.That(GaussianEntanglement.LogNegativity(steady.Covariance, [1]), Is.EqualTo(0));
            Assert.That(SeparabilityCertificate.Evaluate(steady.Covariance).Certified, Is.True);
        });
    }

    [Test]
    public void ParametricAmplifierEntanglesBelowThreshold()
    {
        // Steady state (derived from d⟨a0†a0⟩/dt = −κn − 2s Im m, d⟨a0a1⟩/dt = −κm − is(2n + 1)) with x = 2s/κ:
        // n = x²/(2(1 − x²)), |m| = x/(2(1 − x²)); the smallest partially transposed symplectic eigenvalue is
        // n + ½ − |m| = 1/(2(1 + x)), so E_N = ln(1 + x).
        const double s = 0.02, kappa = 0.1;
        double x = 2 * s / kappa;
        var steady = GaussianSteadyState.Solve(ParametricAmplifier(s, kappa));
        var ladder = GaussianMoments.ToLadder(steady);
        Assert.Multiple(() =>
        {
            Assert.That(ladder.AdaggerA[0, 0].Real, Is.EqualTo(x * x / (2 * (1 - x * x))).Within(Tight));
            Assert.That(ladder.AA[0, 1].Magnitude, Is.EqualTo(x / (2 * (1 - x * x))).Within(Tight));
            Assert.That(GaussianEntanglement.LogNegativity(steady.Covariance, [1]), Is.EqualTo(Math.Log(1 + x)).Within(Tight));
            Assert.That(Math.Log(1 + x), Is.EqualTo(0.336).Within(0.001));
            Assert.That(SeparabilityCertificate.Evaluate(steady.Covariance).Certified, Is.False);
        });
    }

    [TestCase(0.05)]
    [TestCase(0.06)]
    public void ParametricAmplifierAtOrAboveThresholdIsUnstable(double s)
    {
        const double kappa = 0.1;
        var ex = Assert.Throws<UnstableModelException>(() => GaussianSteadyState.Solve(ParametricAmplifier(s, kappa)))!;
        // The drift eigenvalues are −κ/2 ± s: the largest real part is s − κ/2.
        // At threshold the eigenvalue is 0 up to round-off, so only its kind is asserted.
        Assert.That(ex.Message, Does.StartWith(s > kappa / 2 ? "the drift matrix has a real eigenvalue +0.01 ≥ 0" : "the drift matrix has a real eigenvalue"));
        Assert.That(ex.Message, Does.Contain(s > kappa / 2 ? "grows without bound" : "undamped"));
    }

    [Test]
    public void UndampedModeIsUnstable()
    {
        var model = BuildModel(2, Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, 0 }, { 0, 1.5 } }),
            new JumpOperator("loss 0", Polynomial.Linear([0.1, 0], [0, 0])));
        Assert.That(() => GaussianSteadyState.Solve(model),
            Throws.TypeOf<UnstableModelException>().With.Message.Contains("undamped"));
    }

    [Test]
    public void CoherentDriveDisplacesTheSteadyMean()
    {
        // H = Δ a†a + f(a + a†), L = √κ a: ⟨a⟩ = −i f / (iΔ + κ/2); the covariance stays vacuum.
        const double detuning = 0.3, f = 0.05, kappa = 0.1;
        var model = BuildModel(1,
            Polynomial.FromHoppingMatrix(new Complex[,] { { detuning } }) + Polynomial.Linear([f], [f]),
            new JumpOperator("loss", Polynomial.Linear([Math.Sqrt(kappa)], [0])));
        var steady = GaussianSteadyState.Solve(model);
        var ladder = GaussianMoments.ToLadder(steady);
        var expected = -Complex.ImaginaryOne * f / new Complex(kappa / 2, detuning);
        Assert.That((ladder.Mean[0] - expected).Magnitude, Is.LessThan(Tight));
        Assert.That((steady.Covariance - 0.5 * Matrix<double>.Build.DenseIdentity(2)).InfinityNorm(), Is.LessThan(Tight));
    }
}
