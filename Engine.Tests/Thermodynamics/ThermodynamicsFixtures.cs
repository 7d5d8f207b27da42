using Complex = System.Numerics.Complex;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.Thermodynamics;

/// <summary>Thermal machines and states shared by the thermodynamics tests.</summary>
internal static class ThermodynamicsFixtures
{
    /// <summary>Two modes, H = [[ω1, g], [g, ω2]], party A = {0} with a flat bath κ_A at T_A, party B = {1} with κ_B at T_B.</summary>
    public static ThermalMachineDescription TwoModeMachine(
        double omega1, double omega2, double g, double kappaA, double temperatureA, double kappaB, double temperatureB,
        SecularApproach approach = SecularApproach.Global,
        BathStatistics statisticsA = BathStatistics.Bose, BathStatistics statisticsB = BathStatistics.Bose,
        double muA = 0, double muB = 0, Polynomial? extraTerms = null) =>
        Machine(new Complex[,] { { omega1, g }, { g, omega2 } }, [Party("A", 0), Party("B", 1)],
            [Bath("A", statisticsA, temperatureA, new FlatSpectralDensity(kappaA), Identity(1), muA),
             Bath("B", statisticsB, temperatureB, new FlatSpectralDensity(kappaB), Identity(1), muB)],
            approach, extraTerms: extraTerms);

    /// <summary>
    /// Four modes with complex hoppings (<see cref="FourModeHamiltonian"/>), parties A = {0, 1}, B = {2, 3}; two baths on
    /// A (a bose bath with coupling vector and a fermi bath with ohmic density) and one bose bath on B with a full K.
    /// </summary>
    public static ThermalMachineDescription FourModeMachine(
        SecularApproach approach, double tA1, double tA2, double tB, double muA = -0.1, double muB = -0.1, bool lambShift = false,
        Polynomial? extraTerms = null)
    {
        var ohmic = new OhmicSpectralDensity(0.03, 3.0, 1.0);
        var kB = new Complex[,] { { 1.0, new Complex(0.2, 0.3) }, { new Complex(0.2, -0.3), 0.7 } };
        return Machine(FourModeHamiltonian(0.6), [Party("A", 0, 1), Party("B", 2, 3)],
            [Bath("A", BathStatistics.Bose, tA1, new OhmicSpectralDensity(0.05, 4.0, 1.0), VectorCoupling(new Complex(0.8, 0.1), new Complex(0.3, -0.5)), muA),
             Bath("A", BathStatistics.Fermi, tA2, ohmic, Identity(2)),
             Bath("B", BathStatistics.Bose, tB, new OhmicSpectralDensity(0.04, 2.5, 1.0), kB, muB)],
            approach, lambShift, extraTerms);
    }

    /// <summary>The exact steady state of the model's Gaussian moment equations (Lyapunov).</summary>
    public static LadderMoments SteadyState(OpenSystemModel model) => GaussianMoments.ToLadder(GaussianSteadyState.Solve(model));

    /// <summary>A random (non-steady) state's moments: mean, Hermitian positive ⟨a†a⟩ ⪰ ⟨a⟩†⟨a⟩ and symmetric ⟨aa⟩.</summary>
    public static LadderMoments RandomMoments(int d, Random random)
    {
        var mean = Vector<Complex>.Build.Dense(d, _ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        var b = Matrix<Complex>.Build.Dense(d, d, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        var adaggerA = (b * b.ConjugateTranspose()) + mean.Conjugate().OuterProduct(mean);
        var s = Matrix<Complex>.Build.Dense(d, d, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)) * 0.2;
        var aa = s + s.Transpose() + mean.OuterProduct(mean);
        return new LadderMoments(mean, adaggerA, aa);
    }

    /// <summary>d/dt ⟨a_i† a_j⟩ under the model's full Gaussian generator, from d⟨x⟩/dt = F⟨x⟩ + b and dΣ/dt = FΣ + ΣFᵀ + D.</summary>
    /// <remarks>
    /// ⟨a†a⟩ is affine in Σ and quadratic in ⟨x⟩, so the central difference (f(y + v) − f(y − v))/2 along the
    /// velocity v is its exact derivative (no step-size error).
    /// </remarks>
    public static Matrix<Complex> AdaggerARate(OpenSystemModel model, LadderMoments moments)
    {
        var dynamics = GaussianDynamics.FromModel(model);
        var q = GaussianMoments.ToQuadratures(moments);
        var meanRate = (dynamics.Drift * q.Mean) + dynamics.Drive;
        var covarianceRate = (dynamics.Drift * q.Covariance) + (q.Covariance * dynamics.Drift.Transpose()) + dynamics.Diffusion;
        var plus = GaussianMoments.ToLadder(new QuadratureMoments(q.Mean + meanRate, q.Covariance + covarianceRate));
        var minus = GaussianMoments.ToLadder(new QuadratureMoments(q.Mean - meanRate, q.Covariance - covarianceRate));
        return (plus.AdaggerA - minus.AdaggerA) / 2.0;
    }

    /// <summary>Σ_kl G_kl X_kl = ⟨Σ G_kl a_k† a_l⟩ for X = ⟨a_k† a_l⟩ (or its rate).</summary>
    public static double Contract(Complex[,] g, Matrix<Complex> adaggerA)
    {
        Complex sum = 0;
        for (int k = 0; k < adaggerA.RowCount; k++)
            for (int l = 0; l < adaggerA.ColumnCount; l++) sum += g[k, l] * adaggerA[k, l];
        return sum.Real;
    }

    /// <summary>Bose–Einstein occupation 1/(e^{(ω−μ)/T} − 1) (0 at T = 0).</summary>
    public static double Bose(double omega, double temperature, double mu = 0) =>
        temperature == 0 ? 0 : 1.0 / (Math.Exp((omega - mu) / temperature) - 1.0);
}
