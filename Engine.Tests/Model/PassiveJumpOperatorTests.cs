using System.Numerics;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.Model;

/// <summary>
/// The jump operators must reproduce the dissipator: for emission jumps L_k = Σ_j c_kj a_j,
/// Σ_k L_k ρ L_k† = Σ_ij (Σ_k conj(c_ki) c_kj) a_j ρ a_i† must equal Σ_ij E_ij a_j ρ a_i†, i.e.
/// Σ_k conj(c_ki) c_kj = E_ij; for absorption jumps L_k = Σ_i d_ki a_i†, Σ_k d_ki conj(d_kj) = A_ij.
/// </summary>
public class PassiveJumpOperatorTests
{
    // Eigen-decomposition of O(0.1) matrices and re-summation: a few hundred ulps.
    private const double ReconstructionTolerance = 1e-13;

    [TestCase(SecularApproach.Global)]
    [TestCase(SecularApproach.Local)]
    public void JumpsReproduceEmissionAndAbsorption_WithComplexHoppings(SecularApproach approach)
    {
        var h = FourModeHamiltonian(interParty: 1.0);
        var machine = Machine(h, [Party("A", 0, 1), Party("B", 2, 3)],
        [
            Bath("A", BathStatistics.Bose, 1.2, new FlatSpectralDensity(0.05), new Complex[,] { { 1.0, new(0.3, 0.4) }, { new(0.3, -0.4), 0.9 } }),
            Bath("B", BathStatistics.Bose, 0.4, new OhmicSpectralDensity(0.04, 2.0, 1.0), Identity(2)),
        ], approach);

        var model = ThermalMachine.Build(machine);
        var e = model.Passive!.EmissionMatrix;
        var a = model.Passive.AbsorptionMatrix;
        Assert.That(e[0, 1].Imaginary, Is.Not.EqualTo(0.0).Within(1e-6), "the test needs a complex E to see the conjugation");

        var emission = JumpCoefficients(model, "emission", creators: false);
        var absorption = JumpCoefficients(model, "absorption", creators: true);
        var emissionSum = new Complex[4, 4];
        var absorptionSum = new Complex[4, 4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                foreach (var c in emission) emissionSum[i, j] += Complex.Conjugate(c[i]) * c[j];
                foreach (var d in absorption) absorptionSum[i, j] += d[i] * Complex.Conjugate(d[j]);
            }

        AssertClose(emissionSum, e, ReconstructionTolerance, "Σ_k conj(c_ki) c_kj = E_ij");
        AssertClose(absorptionSum, a, ReconstructionTolerance, "Σ_k d_ki conj(d_kj) = A_ij");
        Assert.That(emission, Has.Count.EqualTo(4));
        Assert.That(absorption, Has.Count.EqualTo(4));
        Assert.That(model.Jumps.Select(j => j.Label), Is.EqualTo(new[]
        {
            "emission[0]", "emission[1]", "emission[2]", "emission[3]",
            "absorption[0]", "absorption[1]", "absorption[2]", "absorption[3]",
        }));
    }

    [Test]
    public void FirstMomentDecay_FromJumps_MatchesMinusHalfEMinusA()
    {
        // Heisenberg picture: Σ_k D_k†(a_m) = Σ_k [L_k† a_m L_k − ½{L_k† L_k, a_m}] = −½ Σ_j (E − A)_mj a_j for linear jumps.
        // For L = Σ_j c_j a_j this is −½ conj(c_m) L; for L = Σ_i d_i a_i† it is +½ d_m L†.
        var h = FourModeHamiltonian(interParty: 0.5);
        var machine = Machine(h, [Party("A", 0, 1), Party("B", 2, 3)],
        [
            Bath("A", BathStatistics.Bose, 2.0, new FlatSpectralDensity(0.05), VectorCoupling(new Complex(0.2, 0.9), 0.5)),
            Bath("B", BathStatistics.Bose, 0.1, new FlatSpectralDensity(0.05), Identity(2)),
        ]);
        var model = ThermalMachine.Build(machine);
        var drift = new Complex[4, 4];
        foreach (var c in JumpCoefficients(model, "emission", creators: false))
            for (int m = 0; m < 4; m++)
                for (int j = 0; j < 4; j++)
                    drift[m, j] += -0.5 * Complex.Conjugate(c[m]) * c[j];
        foreach (var d in JumpCoefficients(model, "absorption", creators: true))
            for (int m = 0; m < 4; m++)
                for (int j = 0; j < 4; j++)
                    drift[m, j] += 0.5 * d[m] * Complex.Conjugate(d[j]);

        var expected = ((M(model.Passive!.EmissionMatrix) - M(model.Passive.AbsorptionMatrix)) * -0.5).ToArray();
        AssertClose(drift, expected, ReconstructionTolerance, "d⟨a⟩/dt dissipative part");
    }

    [Test]
    public void ZeroTemperatureBoseBath_HasNoAbsorptionJumps_AndRankDeficientEmission()
    {
        // One bath coupling through c = (1, i)/√2 on a two-mode party: E has rank 1, A = 0.
        var c = new[] { new Complex(1 / Math.Sqrt(2), 0), new Complex(0, 1 / Math.Sqrt(2)) };
        var machine = Machine(new Complex[,] { { 1.0, 0 }, { 0, 1.0 } }, [Party("A", 0, 1)],
            [Bath("A", BathStatistics.Bose, 0.0, new FlatSpectralDensity(0.1), VectorCoupling(c))]);

        var model = ThermalMachine.Build(machine);

        Assert.That(model.Jumps, Has.Length.EqualTo(1));
        var jump = JumpCoefficients(model, "emission", creators: false).Single();
        // L = √κ Σ_j conj(c_j) a_j up to a global phase: |L_0| = |L_1| = √(κ/2), L_1/L_0 = conj(c_1/c_0) = −i.
        Assert.That(jump[0].Magnitude, Is.EqualTo(Math.Sqrt(0.05)).Within(ReconstructionTolerance));
        Assert.That((jump[1] / jump[0] - new Complex(0, -1)).Magnitude, Is.LessThan(ReconstructionTolerance));
    }

    [Test]
    public void ClearlyNegativeRateMatrix_IsRejected()
    {
        var e = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 0.1, 0 }, { 0, -0.05 } });
        var a = Matrix<Complex>.Build.Dense(2, 2);
        Assert.Throws<NumericalFailureException>(() => PassiveJumpOperators.Build(e, a));
    }

    [Test]
    public void RoundoffNegativeEigenvalues_AreDropped()
    {
        var e = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 0.1, 0 }, { 0, -1e-18 } });
        var jumps = PassiveJumpOperators.Build(e, Matrix<Complex>.Build.Dense(2, 2));
        Assert.That(jumps, Has.Length.EqualTo(1));
        Assert.That(jumps[0].Operator.Terms.Single().Operators.Single(), Is.EqualTo(new LadderOperator(0, false)));
    }
}
