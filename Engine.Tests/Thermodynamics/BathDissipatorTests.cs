using System.Numerics;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;
using static BosonicTrajectories.Tests.Thermodynamics.ThermodynamicsFixtures;

namespace BosonicTrajectories.Tests.Thermodynamics;

/// <summary><see cref="ThermalMachine.BathDissipators"/>: the per-bath split of E and A.</summary>
public class BathDissipatorTests
{
    // Sums of rate matrices built by the same eigen-decomposition: a few ulps of O(0.1) entries.
    private const double SumTolerance = 1e-13;

    // Matrix Bose function via an eigen-decomposition of H: ~1e-14 relative on O(1) occupations.
    private const double FixedPointTolerance = 1e-12;

    [TestCase(SecularApproach.Global, false)]
    [TestCase(SecularApproach.Local, false)]
    [TestCase(SecularApproach.Global, true)]
    [TestCase(SecularApproach.Local, true)]
    public void BathShares_SumToTheMachineRates(SecularApproach approach, bool lambShift)
    {
        var machine = FourModeMachine(approach, 2.0, 0.7, 0.3, lambShift: lambShift);
        var passive = ThermalMachine.Build(machine).Passive!;

        var baths = ThermalMachine.BathDissipators(machine);

        Assert.That(baths, Has.Count.EqualTo(3));
        Assert.That(baths.Select(b => b.Index), Is.EqualTo(new[] { 0, 1, 2 }));
        var e = baths.Select(b => M(b.EmissionMatrix)).Aggregate((x, y) => x + y);
        var a = baths.Select(b => M(b.AbsorptionMatrix)).Aggregate((x, y) => x + y);
        AssertClose(e.ToArray(), passive.EmissionMatrix, SumTolerance, "Σ_n E_n = E");
        AssertClose(a.ToArray(), passive.AbsorptionMatrix, SumTolerance, "Σ_n A_n = A");
        foreach (var b in baths)
        {
            Assert.That(AssertHermitianAndMinEigenvalue(b.EmissionMatrix, SumTolerance, "E_n"), Is.GreaterThanOrEqualTo(-SumTolerance));
            Assert.That(AssertHermitianAndMinEigenvalue(b.AbsorptionMatrix, SumTolerance, "A_n"), Is.GreaterThanOrEqualTo(-SumTolerance));
        }
    }

    [Test]
    public void GibbsMatrix_IsH_Global_AndThePartyBlock_Local()
    {
        var h = FourModeHamiltonian(0.6);
        var global = ThermalMachine.BathDissipators(FourModeMachine(SecularApproach.Global, 1, 1, 1));
        var local = ThermalMachine.BathDissipators(FourModeMachine(SecularApproach.Local, 1, 1, 1));

        foreach (var b in global) AssertClose(b.GibbsMatrix, h, 0.0, "global G_n = H");
        var blockA = new Complex[4, 4];
        var blockB = new Complex[4, 4];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
            {
                blockA[i, j] = h[i, j];
                blockB[i + 2, j + 2] = h[i + 2, j + 2];
            }
        AssertClose(local[0].GibbsMatrix, blockA, 0.0, "local G_0 = H^(A)");
        AssertClose(local[1].GibbsMatrix, blockA, 0.0, "local G_1 = H^(A)");
        AssertClose(local[2].GibbsMatrix, blockB, 0.0, "local G_2 = H^(B)");
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void EachBath_LeavesItsGrandCanonicalStateInvariant_Global(int bath)
    {
        // KMS: 𝒟_n leaves exp(−β_n(H_S − μ_n N̂)) invariant, i.e. dN/dt|_n = A_n − ½{E_n − A_n, N} = 0 at the Bose matrix
        // function N = 1/(e^{β(H − μ)} − 1). For a spin (fermi, μ = 0) bath the same holds: per eigenmode
        // a/(e − a) = f/(1 − 2f) = 1/(e^{βω} − 1) with f the Fermi–Dirac occupation.
        var machine = FourModeMachine(SecularApproach.Global, 2.0, 0.7, 0.3, muA: -0.1, muB: -0.25);
        var b = ThermalMachine.BathDissipators(machine)[bath];
        double mu = b.Bath.Statistics == BathStatistics.Bose ? b.Bath.ChemicalPotential : 0.0;
        var n = BoseFunction(M(b.GibbsMatrix), b.Bath.Temperature, mu);
        var e = M(b.EmissionMatrix);
        var a = M(b.AbsorptionMatrix);

        var rate = a - (0.5 * (((e - a) * n) + (n * (e - a))));

        Assert.That(rate.Enumerate().Max(z => z.Magnitude), Is.LessThan(FixedPointTolerance));
    }

    /// <summary>1/(e^{(G − μ)/T} − 1) as a matrix function (G Hermitian, spectrum above μ).</summary>
    internal static Matrix<Complex> BoseFunction(Matrix<Complex> g, double temperature, double mu)
    {
        var evd = g.Evd(Symmetricity.Hermitian);
        var values = evd.EigenValues.Select(z => new Complex(1.0 / (Math.Exp((z.Real - mu) / temperature) - 1.0), 0)).ToArray();
        return evd.EigenVectors * Matrix<Complex>.Build.DenseOfDiagonalArray(values) * evd.EigenVectors.ConjugateTranspose();
    }
}
