using System.Numerics;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.CrossChecks;

/// <summary>
/// Equal temperatures and chemical potentials: the thermal machine (builder → Gaussian backend, end to end) relaxes
/// to the Gibbs state of H_S, ⟨a_i† a_j⟩ = [p(H)]_ji, exactly in the global approach and only as the inter-party
/// coupling vanishes in the local one. Complex hoppings and two modes per party make a transposed or conjugated
/// rate matrix fail: p(H) is not symmetric.
/// </summary>
public class GibbsSteadyStateTests
{
    /// <summary>Eigen-decompositions and the Lyapunov solve of an O(1) 4-mode problem: round-off only.</summary>
    private const double GlobalTolerance = 1e-10;

    private const double Temperature = 0.7;
    private const double ChemicalPotential = 0.1;

    [TestCase(BathStatistics.Bose)]
    [TestCase(BathStatistics.Fermi)]
    public void GlobalApproach_RelaxesToTheGibbsStateOfH(BathStatistics statistics)
    {
        var h = FourModeHamiltonian(1.0);
        double mu = statistics == BathStatistics.Bose ? ChemicalPotential : 0;
        var adaggerA = SteadyAdaggerA(Machine(h, statistics, mu, SecularApproach.Global));
        // The Gibbs state of H_S is a Bose state whatever the bath: a spin bath has A/E = f/(1 − f) = e^{−ω/T}
        // (detailed balance), so the mode's steady occupation f/(1 − 2f) is the Bose occupation at T with μ = 0.
        var gibbs = Occupation(h, BathStatistics.Bose, mu);

        Assert.That((gibbs - gibbs.Transpose()).Enumerate().Max(Complex.Abs), Is.GreaterThan(1e-3), "p(H) must not be symmetric, or a transpose slips through");
        Assert.That((adaggerA - gibbs.Transpose()).Enumerate().Max(Complex.Abs), Is.LessThan(GlobalTolerance));
    }

    [TestCase(BathStatistics.Bose, 0.3)]
    [TestCase(BathStatistics.Fermi, 0.0)]
    public void SingleDampedMode_SteadyOccupationIsTheBoseOccupationOfItsBath(BathStatistics statistics, double mu)
    {
        double omega = 1.3, temperature = 0.9, kappa = 0.05;
        var machine = BosonicTrajectories.Tests.Model.ThermalMachineFixtures.Machine(new Complex[,] { { omega } }, [Party("A", 0)],
            [Bath("A", statistics, temperature, new FlatSpectralDensity(kappa), Identity(1), mu)]);
        double n = GaussianMoments.ToLadder(GaussianSteadyState.Solve(ThermalMachine.Build(machine))).AdaggerA[0, 0].Real;
        // Bose bath: n̄ = 1/(e^{(ω−μ)/T} − 1). Spin bath: A = κf, E = κ(1 − f), so n = f/(1 − 2f) = 1/(e^{ω/T} − 1).
        Assert.That(n, Is.EqualTo(1 / (Math.Exp((omega - mu) / temperature) - 1)).Within(GlobalTolerance));
    }

    [Test]
    public void LocalApproach_ReachesTheGibbsStateOnlyAsInterPartyCouplingVanishes()
    {
        double[] couplings = [0.3, 0.03, 0.003];
        var errors = couplings.Select(g =>
        {
            var h = FourModeHamiltonian(g);
            var adaggerA = SteadyAdaggerA(Machine(h, BathStatistics.Bose, ChemicalPotential, SecularApproach.Local));
            return (adaggerA - Occupation(h, BathStatistics.Bose, ChemicalPotential).Transpose()).Enumerate().Max(Complex.Abs);
        }).ToArray();

        Assert.That(errors[0], Is.GreaterThan(1e-4), "with strong inter-party hopping the local equation is not Gibbs");
        Assert.That(errors[1], Is.LessThan(errors[0] / 3));
        Assert.That(errors[2], Is.LessThan(errors[1] / 3), "the deviation shrinks with the coupling");
        Assert.That(errors[2], Is.LessThan(1e-3));
    }

    private static ThermalMachineDescription Machine(Complex[,] h, BathStatistics statistics, double mu, SecularApproach approach)
    {
        var flat = new FlatSpectralDensity(0.02);
        return ThermalMachineFixtures_Machine(h, statistics, mu, approach, flat);
    }

    private static ThermalMachineDescription ThermalMachineFixtures_Machine(Complex[,] h, BathStatistics statistics, double mu, SecularApproach approach, SpectralDensity density) =>
        BosonicTrajectories.Tests.Model.ThermalMachineFixtures.Machine(h, [Party("A", 0, 1), Party("B", 2, 3)],
            [Bath("A", statistics, Temperature, density, Identity(2), mu), Bath("B", statistics, Temperature, density, Identity(2), mu)], approach);

    private static Matrix<Complex> SteadyAdaggerA(ThermalMachineDescription machine) =>
        GaussianMoments.ToLadder(GaussianSteadyState.Solve(ThermalMachine.Build(machine))).AdaggerA;

    /// <summary>p(H) = 1/(ξ + e^{(H − μ)/T}) as a matrix function, from the eigen-decomposition of H.</summary>
    private static Matrix<Complex> Occupation(Complex[,] h, BathStatistics statistics, double mu)
    {
        var evd = Matrix<Complex>.Build.DenseOfArray(h).Evd(Symmetricity.Hermitian);
        double xi = statistics == BathStatistics.Bose ? -1 : 1;
        var p = Matrix<Complex>.Build.DiagonalOfDiagonalArray(
            evd.EigenValues.Select(w => (Complex)(1 / (xi + Math.Exp((w.Real - mu) / Temperature)))).ToArray());
        return evd.EigenVectors * p * evd.EigenVectors.ConjugateTranspose();
    }
}
