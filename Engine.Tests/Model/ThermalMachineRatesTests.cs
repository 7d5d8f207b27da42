using System.Numerics;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.Model;

/// <summary>The absorption and emission matrices A and E (SPEC §1) against closed forms.</summary>
public class ThermalMachineRatesTests
{
    // Eigen-decomposition and projector products of matrices with entries O(1): a few hundred ulps.
    private const double MatrixTolerance = 1e-12;

    // The independent matrix functions use a 30-term Taylor exponential and an LU inverse: ~1e-13 relative.
    private const double MatrixFunctionTolerance = 1e-11;

    [Test]
    public void HotColdCat_MatchesReference()
    {
        // /work/shared/reference/hot-cold-cat.json, computed independently with numpy/QuTiP.
        var h = new Complex[,] { { 1.0, 0.1 }, { 0.1, 1.2 } };
        var flat = new FlatSpectralDensity(0.05);
        var machine = Machine(h, [Party("A", 0), Party("B", 1)],
            [Bath("A", BathStatistics.Bose, 2.0, flat, Identity(1)), Bath("B", BathStatistics.Bose, 0.2, flat, Identity(1))]);
        var expectedA = new Complex[,] { { 0.06055047124992488, -0.02151940208070236 }, { -0.02151940208070237, 0.017511667088520158 } };
        var expectedE = new Complex[,] { { 0.11055047124992488, -0.02151940208070236 }, { -0.02151940208070236, 0.06751166708852016 } };

        var passive = ThermalMachine.Build(machine).Passive!;

        AssertClose(passive.AbsorptionMatrix, expectedA, MatrixTolerance, "A");
        AssertClose(passive.EmissionMatrix, expectedE, MatrixTolerance, "E");
        AssertClose(passive.LambShiftMatrix, new Complex[2, 2], 0.0, "H_LS (off)");
        AssertClose(passive.SystemMatrix, h, 0.0, "H");
    }

    [TestCase(SecularApproach.Global)]
    [TestCase(SecularApproach.Local)]
    public void SingleMode_BoseBath_GivesThermalRates(SecularApproach approach)
    {
        double kappa = 0.07, omega = 1.3, t = 0.9, mu = -0.2;
        var machine = Machine(new Complex[,] { { omega } }, [Party("A", 0)],
            [Bath("A", BathStatistics.Bose, t, new FlatSpectralDensity(kappa), Identity(1), mu)], approach);
        double nbar = 1.0 / (Math.Exp((omega - mu) / t) - 1.0);

        var passive = ThermalMachine.Build(machine).Passive!;

        Assert.That(passive.AbsorptionMatrix[0, 0].Real, Is.EqualTo(kappa * nbar).Within(MatrixTolerance));
        Assert.That(passive.EmissionMatrix[0, 0].Real, Is.EqualTo(kappa * (nbar + 1)).Within(MatrixTolerance));
    }

    [Test]
    public void SingleMode_FermiBath_GivesFermiRates()
    {
        double kappa = 0.04, omega = 0.6, t = 0.5, cutoff = 2.0;
        var ohmic = new OhmicSpectralDensity(kappa, cutoff, 1.0);
        var machine = Machine(new Complex[,] { { omega } }, [Party("A", 0)],
            [Bath("A", BathStatistics.Fermi, t, ohmic, Identity(1))]);
        double j = kappa * omega / cutoff * Math.Exp(-omega / cutoff);
        double f = 1.0 / (Math.Exp(omega / t) + 1.0);

        var passive = ThermalMachine.Build(machine).Passive!;

        Assert.That(passive.AbsorptionMatrix[0, 0].Real, Is.EqualTo(j * f).Within(MatrixTolerance));
        Assert.That(passive.EmissionMatrix[0, 0].Real, Is.EqualTo(j * (1 - f)).Within(MatrixTolerance));
    }

    [TestCase(BathStatistics.Bose, 0.8, -0.1)]
    [TestCase(BathStatistics.Fermi, 0.4, 0.0)]
    public void EqualBaths_Global_AreMatrixFunctionsOfH(BathStatistics statistics, double t, double mu)
    {
        // Identical flat baths, K = I on every party: Σ_n J^n = κ I, so A = κ p(H) and E = κ(I − ξ p(H)).
        double kappa = 0.03;
        var h = FourModeHamiltonian(interParty: 1.0);
        var flat = new FlatSpectralDensity(kappa);
        var machine = Machine(h, [Party("A", 0, 1), Party("B", 2, 3)],
            [Bath("A", statistics, t, flat, Identity(2), mu), Bath("B", statistics, t, flat, Identity(2), mu)]);
        var identity = Matrix<Complex>.Build.DenseIdentity(4);
        var boltzmann = Exp((M(h) - identity * mu) / t); // e^{(H − μ)/T}
        double xi = BathOccupation.Xi(statistics);
        var occupation = (boltzmann + identity * xi).Inverse(); // p(H) = (ξ + e^{(H − μ)/T})^{-1}

        var passive = ThermalMachine.Build(machine).Passive!;

        AssertClose(passive.AbsorptionMatrix, (occupation * kappa).ToArray(), MatrixFunctionTolerance, "A = κ p(H)");
        AssertClose(passive.EmissionMatrix, ((identity - occupation * xi) * kappa).ToArray(), MatrixFunctionTolerance, "E = κ(1 − ξ p(H))");
    }

    [Test]
    public void EqualOhmicBaths_Global_EvaluateJAtTheEigenfrequencies()
    {
        // J(ω) = κ (ω/ω_c) e^{−ω/ω_c} on every mode: A = J(H) p(H) with J(H) = κ (H/ω_c) e^{−H/ω_c}.
        double kappa = 0.02, cutoff = 1.5, t = 1.1;
        var h = FourModeHamiltonian(interParty: 0.7);
        var ohmic = new OhmicSpectralDensity(kappa, cutoff, 1.0);
        var machine = Machine(h, [Party("A", 0, 1), Party("B", 2, 3)],
            [Bath("A", BathStatistics.Bose, t, ohmic, Identity(2)), Bath("B", BathStatistics.Bose, t, ohmic, Identity(2))]);
        var identity = Matrix<Complex>.Build.DenseIdentity(4);
        var j = M(h) / cutoff * Exp(-M(h) / cutoff) * kappa;
        var nbar = (Exp(M(h) / t) - identity).Inverse();

        var passive = ThermalMachine.Build(machine).Passive!;

        AssertClose(passive.AbsorptionMatrix, (j * nbar).ToArray(), MatrixFunctionTolerance, "A = J(H) n̄(H)");
        AssertClose(passive.EmissionMatrix, (j * (nbar + identity)).ToArray(), MatrixFunctionTolerance, "E = J(H)(n̄(H) + 1)");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Local_WithoutInterPartyHopping_EqualsGlobal(bool degenerateAcrossParties)
    {
        // With H block diagonal the global eigenspaces are the parties' (or sums of them when the parties share a
        // frequency; then P J^n P still only sees party n), so both approaches give the same A, E and H_LS.
        var h = FourModeHamiltonian(interParty: 0.0);
        if (degenerateAcrossParties)
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++)
                    h[2 + i, 2 + j] = h[i, j];
        var parties = new[] { Party("A", 0, 1), Party("B", 2, 3) };
        var baths = new[]
        {
            Bath("A", BathStatistics.Bose, 1.5, new OhmicSpectralDensity(0.05, 3.0, 1.0), VectorCoupling(1.0, new Complex(0.3, 0.6)), positionLike: true),
            Bath("B", BathStatistics.Fermi, 0.3, new OhmicSpectralDensity(0.02, 2.0, 2.0), new Complex[,] { { 1.0, new(0.2, -0.1) }, { new(0.2, 0.1), 0.5 } }),
        };

        var global = ThermalMachine.Build(Machine(h, parties, baths, SecularApproach.Global, lambShift: true)).Passive!;
        var local = ThermalMachine.Build(Machine(h, parties, baths, SecularApproach.Local, lambShift: true)).Passive!;

        AssertClose(local.AbsorptionMatrix, global.AbsorptionMatrix, MatrixTolerance, "A");
        AssertClose(local.EmissionMatrix, global.EmissionMatrix, MatrixTolerance, "E");
        AssertClose(local.LambShiftMatrix, global.LambShiftMatrix, MatrixTolerance, "H_LS");
    }

    [Test]
    public void Local_UsesEachPartysOwnFrequencies()
    {
        // Two single-mode parties with a hopping: locally each bath sees its own mode at ω_n = H_nn.
        double kappa = 0.05;
        var h = new Complex[,] { { 1.0, 0.3 }, { 0.3, 1.2 } };
        var flat = new FlatSpectralDensity(kappa);
        var machine = Machine(h, [Party("A", 0), Party("B", 1)],
            [Bath("A", BathStatistics.Bose, 2.0, flat, Identity(1)), Bath("B", BathStatistics.Bose, 0.2, flat, Identity(1))],
            SecularApproach.Local);
        double nA = 1 / (Math.Exp(1.0 / 2.0) - 1), nB = 1 / (Math.Exp(1.2 / 0.2) - 1);

        var passive = ThermalMachine.Build(machine).Passive!;

        AssertClose(passive.AbsorptionMatrix, new Complex[,] { { kappa * nA, 0 }, { 0, kappa * nB } }, MatrixTolerance, "A");
        AssertClose(passive.EmissionMatrix, new Complex[,] { { kappa * (nA + 1), 0 }, { 0, kappa * (nB + 1) } }, MatrixTolerance, "E");
    }

    [TestCase(0.0)]
    [TestCase(1e-13)]
    public void DegenerateEigenvalues_FormOneEigenspace(double splitting)
    {
        // H = diag(1, 1 + δ) with δ below the tolerance: one eigenspace with P = I, so A = p(1) J K with the full
        // K = c c† (a basis-dependent split into two one-dimensional projectors would keep only diag(K)).
        double kappa = 0.05, t = 0.7;
        var c = new[] { new Complex(0.6, 0.0), new Complex(0.0, 0.8) };
        var h = new Complex[,] { { 1.0, 0 }, { 0, 1.0 + splitting } };
        var machine = Machine(h, [Party("A", 0, 1)], [Bath("A", BathStatistics.Bose, t, new FlatSpectralDensity(kappa), VectorCoupling(c))]);
        double nbar = 1 / (Math.Exp(1.0 / t) - 1);

        var passive = ThermalMachine.Build(machine).Passive!;

        var k = VectorCoupling(c);
        var expectedA = new Complex[2, 2];
        var expectedE = new Complex[2, 2];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
            {
                expectedA[i, j] = kappa * nbar * k[i, j];
                expectedE[i, j] = kappa * (nbar + 1) * k[i, j];
            }
        AssertClose(passive.AbsorptionMatrix, expectedA, MatrixTolerance, "A");
        AssertClose(passive.EmissionMatrix, expectedE, MatrixTolerance, "E");
        Assert.That(AssertHermitianAndMinEigenvalue(passive.AbsorptionMatrix, MatrixTolerance, "A"), Is.GreaterThanOrEqualTo(-MatrixTolerance));
        Assert.That(AssertHermitianAndMinEigenvalue(passive.EmissionMatrix, MatrixTolerance, "E"), Is.GreaterThanOrEqualTo(-MatrixTolerance));
    }

    [Test]
    public void ZeroDegeneracyTolerance_SplitsNearDegenerateEigenvalues()
    {
        // Control for the test above: with tolerance 0 the two eigenvalues 1 and 1 + 1e-6 are distinct and the
        // coherence K_01 between them is removed by the secular approximation.
        var c = new[] { new Complex(0.6, 0.0), new Complex(0.0, 0.8) };
        var h = new Complex[,] { { 1.0, 0 }, { 0, 1.0 + 1e-6 } };
        var machine = Machine(h, [Party("A", 0, 1)], [Bath("A", BathStatistics.Bose, 0.0, new FlatSpectralDensity(1.0), VectorCoupling(c))]);

        var split = ThermalMachine.Build(machine, degeneracyTolerance: 0.0).Passive!;
        var merged = ThermalMachine.Build(machine, degeneracyTolerance: 1e-3).Passive!;

        Assert.That(split.EmissionMatrix[0, 1].Magnitude, Is.LessThan(MatrixTolerance));
        Assert.That(merged.EmissionMatrix[0, 1].Magnitude, Is.EqualTo(0.48).Within(MatrixTolerance));
    }

    [Test]
    public void RatesAreHermitianPositiveSemidefinite_WithComplexHoppings()
    {
        var h = FourModeHamiltonian(interParty: 1.0);
        var machine = Machine(h, [Party("A", 0, 1), Party("B", 2, 3)],
        [
            Bath("A", BathStatistics.Bose, 1.0, new FlatSpectralDensity(0.05), VectorCoupling(new Complex(1, 1), 0.5)),
            Bath("B", BathStatistics.Fermi, 0.5, new OhmicSpectralDensity(0.03, 2.0, 1.0), Identity(2)),
        ]);

        var passive = ThermalMachine.Build(machine).Passive!;

        Assert.That(AssertHermitianAndMinEigenvalue(passive.AbsorptionMatrix, 0.0, "A"), Is.GreaterThanOrEqualTo(-MatrixTolerance));
        Assert.That(AssertHermitianAndMinEigenvalue(passive.EmissionMatrix, 0.0, "E"), Is.GreaterThanOrEqualTo(-MatrixTolerance));
        Assert.That(passive.EmissionMatrix[0, 2].Imaginary, Is.Not.EqualTo(0.0), "complex hoppings should make E complex");
    }
}
