using System.Numerics;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.Model;

/// <summary>The Lamb-shift Hamiltonian H_LS (seed paper eqs. 33–34 and 40–41).</summary>
public class LambShiftTests
{
    // Principal-value quadrature targets 1e-12 relative to ∫|integrand|; shifts are O(κ) = O(0.05).
    private const double ShiftTolerance = 1e-11;

    [TestCase(0.0, false)]
    [TestCase(3.0, false)]
    [TestCase(0.5, true)]
    public void SingleMode_OhmicBose_MatchesClosedForm(double temperature, bool positionLike)
    {
        // Bose: Φ(ω) = s1 + s2 = −(1/2π) P∫ J(ε)/(ε − ω) dε, independent of T. For s = 1, w = ω/ω_c:
        // Φ(ω) = −(κ/2π)[1 − w e^{−w} Ei(w)], Φ(−ω) = −(κ/2π)[1 − w e^{w} E1(w)] (added when η = 1).
        double kappa = 0.05, cutoff = 2.0, omega = 1.3, w = omega / cutoff;
        var machine = Machine(new Complex[,] { { omega } }, [Party("A", 0)],
            [Bath("A", BathStatistics.Bose, temperature, new OhmicSpectralDensity(kappa, cutoff, 1.0), Identity(1), positionLike: positionLike)],
            lambShift: true);
        double expected = -kappa / (2 * Math.PI) * (1 - w * Math.Exp(-w) * QuadratureTests.Ei(w));
        if (positionLike) expected += -kappa / (2 * Math.PI) * (1 - w * Math.Exp(w) * QuadratureTests.E1(w));

        var model = ThermalMachine.Build(machine);

        Assert.That(model.Passive!.LambShiftMatrix[0, 0].Real, Is.EqualTo(expected).Within(ShiftTolerance));
        Assert.That(model.Passive.LambShiftMatrix[0, 0].Imaginary, Is.EqualTo(0.0));
        Assert.That(HoppingMatrix(model.Hamiltonian, 1)[0, 0].Real, Is.EqualTo(omega + expected).Within(ShiftTolerance), "H_S + H_LS");
    }

    [TestCase(1e-3)]
    [TestCase(0.4)]
    [TestCase(25.0)]
    public void SingleMode_ExponentialBose_MatchesClosedForm(double w)
    {
        // s = 0: J = κ e^{−ε/ω_c}, Φ(ω) = −(κ/2π) P∫ e^{−x}/(x − w) dx = (κ/2π) e^{−w} Ei(w), w = ω/ω_c;
        // w = 25 puts the pole far out in the tail of J, w = 1e-3 next to the end point.
        double kappa = 0.05, cutoff = 0.8, omega = w * cutoff;
        var machine = Machine(new Complex[,] { { omega } }, [Party("A", 0)],
            [Bath("A", BathStatistics.Bose, 1.0, new OhmicSpectralDensity(kappa, cutoff, 0.0), Identity(1))], lambShift: true);
        double expected = kappa / (2 * Math.PI) * Math.Exp(-w) * QuadratureTests.Ei(w);

        var shift = ThermalMachine.Build(machine).Passive!.LambShiftMatrix[0, 0].Real;

        Assert.That(shift, Is.EqualTo(expected).Within(ShiftTolerance));
    }

    [TestCase(BathStatistics.Fermi, 0.4, 0.0, 1.0)]
    [TestCase(BathStatistics.Fermi, 1e-3, 0.0, 0.5)]
    [TestCase(BathStatistics.Fermi, 0.0, 0.0, 0.5)]
    [TestCase(BathStatistics.Bose, 0.8, -0.3, 2.0)]
    public void CombinedShift_EqualsAbsorptionPlusEmissionParts(BathStatistics statistics, double t, double mu, double exponent)
    {
        // Φ is evaluated from (1/2π) P∫ J[(1 + ξ)p − 1]/(ε − ω); s^(1) and s^(2) from their own definitions.
        var bath = Bath("A", statistics, t, new OhmicSpectralDensity(0.05, 1.5, exponent), Identity(1), mu);
        foreach (double omega in new[] { 0.7, -0.7, 4.0 })
        {
            double parts = LambShiftSpectrum.Absorption(bath, omega) + LambShiftSpectrum.Emission(bath, omega);
            Assert.That(LambShiftSpectrum.Combined(bath, omega), Is.EqualTo(parts).Within(ShiftTolerance), $"ω = {omega}");
        }
    }

    [Test]
    public void FermiShift_DependsOnTemperature()
    {
        // Control for the bose T-independence: for a spin bath Φ = (1/2π) P∫ J (2f − 1)/(ε − ω) changes with T.
        var cold = Bath("A", BathStatistics.Fermi, 0.0, new OhmicSpectralDensity(0.05, 1.5, 1.0), Identity(1));
        var hot = cold with { Temperature = 2.0 };
        Assert.That(Math.Abs(LambShiftSpectrum.Combined(hot, 1.0) - LambShiftSpectrum.Combined(cold, 1.0)), Is.GreaterThan(1e-4));
    }

    [Test]
    public void Global_LambShiftCommutesWithH()
    {
        var h = FourModeHamiltonian(interParty: 1.0);
        var machine = Machine(h, [Party("A", 0, 1), Party("B", 2, 3)],
        [
            Bath("A", BathStatistics.Bose, 1.0, new OhmicSpectralDensity(0.05, 2.0, 1.0), VectorCoupling(new Complex(0.8, 0.2), new Complex(0.1, -0.5)), positionLike: true),
            Bath("B", BathStatistics.Fermi, 0.3, new OhmicSpectralDensity(0.03, 1.0, 3.0), Identity(2)),
        ], lambShift: true);

        var passive = ThermalMachine.Build(machine).Passive!;
        var hls = M(passive.LambShiftMatrix);
        var commutator = M(h) * hls - hls * M(h);

        Assert.That(AssertHermitianAndMinEigenvalue(passive.LambShiftMatrix, 0.0, "H_LS"), Is.Not.NaN);
        Assert.That(hls.FrobeniusNorm(), Is.GreaterThan(1e-3), "the shift should be non-trivial");
        Assert.That(commutator.FrobeniusNorm(), Is.LessThan(1e-13));
    }

    [Test]
    public void Local_LambShiftIsBlockDiagonalPerParty()
    {
        var h = FourModeHamiltonian(interParty: 1.0);
        var machine = Machine(h, [Party("A", 0, 1), Party("B", 2, 3)],
        [
            Bath("A", BathStatistics.Bose, 1.0, new OhmicSpectralDensity(0.05, 2.0, 1.0), Identity(2)),
            Bath("B", BathStatistics.Bose, 0.3, new OhmicSpectralDensity(0.03, 1.0, 1.0), Identity(2)),
        ], SecularApproach.Local, lambShift: true);

        var shift = ThermalMachine.Build(machine).Passive!.LambShiftMatrix;

        for (int i = 0; i < 2; i++)
            for (int j = 2; j < 4; j++)
                Assert.That(shift[i, j].Magnitude + shift[j, i].Magnitude, Is.EqualTo(0.0), $"H_LS[{i},{j}]");
        Assert.That(shift[0, 1].Magnitude, Is.GreaterThan(1e-6), "intra-party coherence from the local eigenmodes");
    }

    [Test]
    public void LambShiftOff_LeavesHamiltonianUnchanged()
    {
        var h = FourModeHamiltonian(interParty: 1.0);
        var machine = Machine(h, [Party("A", 0, 1), Party("B", 2, 3)],
            [Bath("A", BathStatistics.Bose, 1.0, new OhmicSpectralDensity(0.05, 2.0, 1.0), Identity(2))]);
        var model = ThermalMachine.Build(machine);
        AssertClose(HoppingMatrix(model.Hamiltonian, 4), h, 0.0, "H");
        AssertClose(model.Passive!.LambShiftMatrix, new Complex[4, 4], 0.0, "H_LS");
    }

    [Test]
    public void FlatSpectralDensity_WithLambShift_IsRejected()
    {
        var machine = Machine(new Complex[,] { { 1.0 } }, [Party("A", 0)],
            [Bath("A", BathStatistics.Bose, 1.0, new FlatSpectralDensity(0.05), Identity(1))], lambShift: true);
        var error = Assert.Throws<ArgumentException>(() => ThermalMachine.Build(machine));
        Assert.That(error!.Message, Does.Contain("flat").And.Contain("baths[0]"));
    }
}
