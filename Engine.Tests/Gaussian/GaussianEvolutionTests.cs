using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;
using static BosonicTrajectories.Tests.Gaussian.GaussianTestModels;

namespace BosonicTrajectories.Tests.Gaussian;

public class GaussianEvolutionTests
{
    /// <summary>The propagator is a Padé matrix exponential accurate to round-off; repeated steps accumulate ~1e-15 each.</summary>
    private const double Exact = 1e-11;

    /// <summary>
    /// The QuTiP reference truncates each mode at 20 levels: its n0(0) is already 2.8e-7 below the exact 4 tanh 4, and
    /// the gap grows to 3.7e-6 by t = 5 as thermal photons reach the top levels (an independent RK4 integration of
    /// dN/dt = XN + NX† + A agrees with this solver to 1e-12). 1e-5 covers the truncation, not a physics difference.
    /// </summary>
    private const double QutipTolerance = 1e-5;

    private static readonly double[] Times = Enumerable.Range(0, 41).Select(k => 2.5 * k).ToArray();

    [Test]
    public void OccupationRelaxesExponentiallyToTheBath()
    {
        const double omega = 1.0, kappa = 0.05, nbar = 0.4;
        var evolved = GaussianEvolution.Evolve(DampedMode(omega, kappa, nbar), new ProductState([new FockState(3)]), Times);
        for (int k = 0; k < Times.Length; k++)
        {
            double expected = nbar + (3 - nbar) * Math.Exp(-kappa * Times[k]);
            Assert.That(GaussianMoments.ToLadder(evolved[k]).AdaggerA[0, 0].Real, Is.EqualTo(expected).Within(Exact), $"t = {Times[k]}");
        }
    }

    [Test]
    public void CoherentAmplitudeRotatesAndDecays()
    {
        const double omega = 1.3, kappa = 0.08, nbar = 0.2;
        var alpha = new Complex(1.5, -0.5);
        var dynamics = GaussianDynamics.FromModel(DampedMode(omega, kappa, nbar));
        var initial = GaussianMoments.ToQuadratures(InitialMoments.Of(new ProductState([new CoherentState(alpha)]), 1));
        var evolved = GaussianEvolution.Evolve(dynamics, initial, Times);
        for (int k = 0; k < Times.Length; k++)
        {
            var expected = alpha * Complex.Exp(-new Complex(kappa / 2, omega) * Times[k]);
            Assert.That((GaussianMoments.ToLadder(evolved[k]).Mean[0] - expected).Magnitude, Is.LessThan(Exact), $"t = {Times[k]}");
        }
    }

    [Test]
    public void ClosedSystemRotatesForever()
    {
        // No damping (the drift is not stable): ⟨a⟩(t) = α e^{−iωt} over many periods, one long step.
        const double omega = 1.3, t = 400;
        var alpha = new Complex(0.5, 0.25);
        var model = BuildModel(1, Polynomial.FromHoppingMatrix(new Complex[,] { { omega } }));
        var initial = GaussianMoments.ToQuadratures(InitialMoments.Of(new ProductState([new CoherentState(alpha)]), 1));
        var final = GaussianMoments.ToLadder(GaussianEvolution.At(GaussianDynamics.FromModel(model), initial, t));
        Assert.That((final.Mean[0] - alpha * Complex.Exp(new Complex(0, -omega * t))).Magnitude, Is.LessThan(1e-10));
        Assert.That(final.AdaggerA[0, 0].Real, Is.EqualTo(alpha.Magnitude * alpha.Magnitude).Within(1e-10));
    }

    [TestCase(0.02)]
    [TestCase(0.07)]
    public void ParametricAmplifierTransientMatchesClosedForm(double s)
    {
        // From vacuum, ⟨a0 a1⟩ = −iμ with real μ; p = 2n + 1 obeys d(p ± 2μ)/dt = −(κ ∓ 2s)(p ± 2μ) + κ, so
        // p ± 2μ = κ/(κ ∓ 2s) + (1 − κ/(κ ∓ 2s)) e^{−(κ ∓ 2s)t}. Above threshold (s = 0.07 > κ/2) it grows.
        const double kappa = 0.1;
        var dynamics = GaussianDynamics.FromModel(ParametricAmplifier(s, kappa));
        var initial = GaussianMoments.ToQuadratures(InitialMoments.Of(new ProductState([new VacuumState(), new VacuumState()]), 2));
        var evolved = GaussianEvolution.Evolve(dynamics, initial, Times);
        for (int k = 0; k < Times.Length; k++)
        {
            double t = Times[k];
            double rateUp = kappa - 2 * s, rateDown = kappa + 2 * s;
            double sumUp = kappa / rateUp + (1 - kappa / rateUp) * Math.Exp(-rateUp * t);
            double sumDown = kappa / rateDown + (1 - kappa / rateDown) * Math.Exp(-rateDown * t);
            double n = (0.5 * (sumUp + sumDown) - 1) / 2;
            double mu = (sumUp - sumDown) / 4;
            var ladder = GaussianMoments.ToLadder(evolved[k]);
            double scale = Math.Max(1, n);
            Assert.That(ladder.AdaggerA[0, 0].Real, Is.EqualTo(n).Within(Exact * scale), $"t = {t}");
            Assert.That(ladder.AdaggerA[1, 1].Real, Is.EqualTo(n).Within(Exact * scale), $"t = {t}");
            Assert.That((ladder.AA[0, 1] - new Complex(0, -mu)).Magnitude, Is.LessThan(Exact * scale), $"t = {t}");
        }
    }

    [Test]
    public void LongTimeLimitIsTheLyapunovSteadyState()
    {
        var (model, _, _, _) = RandomPassive(4, new Random(3));
        var dynamics = GaussianDynamics.FromModel(model);
        var initial = GaussianMoments.ToQuadratures(InitialMoments.Of(
            new ProductState([new CoherentState(1.0), new FockState(2), new ThermalState(0.5), new SqueezedState(0.4, 1.0)]), 4));
        var late = GaussianEvolution.At(dynamics, initial, 1e5);
        var steady = GaussianSteadyState.Solve(dynamics);
        Assert.That((late.Covariance - steady.Covariance).InfinityNorm(), Is.LessThan(1e-10));
        Assert.That(late.Mean.AbsoluteMaximum(), Is.LessThan(1e-10));
    }

    [Test]
    public void HotColdCatMatchesTheQutipOccupations()
    {
        // /work/shared/reference/hot-cold-cat.json: the cat |2⟩ + |−2⟩ on mode 0 and vacuum on mode 1, lindbladSeries.
        double[] n0 = [3.9973169234623147, 3.823656100183531, 3.591304263279485, 3.317696530403467, 3.022131399651247, 2.7240735850869857];
        double[] n1 = [0.0, 0.054851916462908004, 0.17418880111761137, 0.3402929005195332, 0.5335971056840815, 0.7343812644925857];
        var h = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 1.0, 0.1 }, { 0.1, 1.2 } });
        var absorption = Matrix<Complex>.Build.DenseOfArray(new Complex[,]
            { { 0.06055047124992488, -0.02151940208070236 }, { -0.02151940208070236, 0.017511667088520158 } });
        var emission = Matrix<Complex>.Build.DenseOfArray(new Complex[,]
            { { 0.11055047124992488, -0.02151940208070236 }, { -0.02151940208070236, 0.06751166708852016 } });
        var dynamics = GaussianDynamics.FromModel(Passive(h, emission, absorption));
        var initial = GaussianMoments.ToQuadratures(InitialMoments.Of(new ProductState([new CatState(2.0, 0), new VacuumState()]), 2));
        var evolved = GaussianEvolution.Evolve(dynamics, initial, [0, 1, 2, 3, 4, 5]);
        Assert.That(GaussianMoments.ToLadder(evolved[0]).Occupations[0], Is.EqualTo(4 * Math.Tanh(4)).Within(1e-14));
        for (int k = 0; k < n0.Length; k++)
        {
            var occupations = GaussianMoments.ToLadder(evolved[k]).Occupations;
            Assert.That(occupations[0], Is.EqualTo(n0[k]).Within(QutipTolerance), $"n0 at t = {k}");
            Assert.That(occupations[1], Is.EqualTo(n1[k]).Within(QutipTolerance), $"n1 at t = {k}");
        }
    }

    [Test]
    public void RejectsUnsortedTimes()
    {
        var dynamics = GaussianDynamics.FromModel(DampedMode(1, 0.1, 0));
        var initial = GaussianMoments.ToQuadratures(InitialMoments.Of(new ProductState([new VacuumState()]), 1));
        Assert.That(() => GaussianEvolution.Evolve(dynamics, initial, [1.0, 0.5]),
            Throws.ArgumentException.With.Message.Contains("non-decreasing"));
    }
}
