using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Analysis;

public class NegativityTests
{
    /// <summary>Eigenvalue sums of matrices with O(1) entries, size ≤ 100: rounding only.</summary>
    private const double RoundingTolerance = 1e-10;

    /// <summary>
    /// ‖ρ^{T_B}‖₁ = (Σ_n c_n)² is linear in the Schmidt coefficients c_n ∝ tanh^n r, so cutting at n = c changes
    /// E_N by ≈ 2 tanh^c r/(1 − tanh r): 1.5e-8 for r = 0.5, c = 25 and 4e-8 for r = 0.2, c = 11.
    /// </summary>
    private const double TruncationTolerance = 1e-7;

    /// <summary>E_N of the TMSV cut to n &lt; levels and renormalised: 2 ln(Σ λ^n / √(Σ λ^{2n})), λ = tanh r.</summary>
    private static double TruncatedTwoModeSqueezedLogNegativity(double r, int levels)
    {
        double lambda = Math.Tanh(r), sum = 0, sumSquares = 0;
        for (int n = 0; n < levels; n++)
        {
            sum += Math.Pow(lambda, n);
            sumSquares += Math.Pow(lambda, 2 * n);
        }
        return 2 * Math.Log(sum / Math.Sqrt(sumSquares));
    }

    private static FockSpace PerMode(params int[] levels) => new(new PerModeTruncation([.. levels]), levels.Length);

    private static Complex[] Rho(FockSpace space, InitialStateDescription state) => InitialStates.Build(space, state).ToDensityMatrix();

    private static IEnumerable<TestCaseData> ProductStates()
    {
        yield return new TestCaseData(PerMode(20, 14), new ProductState([new CoherentState(new Complex(0.7, 0.2)), new CatState(1.1, Math.PI)]));
        yield return new TestCaseData(PerMode(12, 15), new ProductState([new ThermalState(0.4), new SqueezedState(0.3, 1.0)]));
        yield return new TestCaseData(new FockSpace(new TotalExcitationTruncation(18), 2), new ProductState([new CoherentState(0.8), new ThermalState(0.2)]));
    }

    [TestCaseSource(nameof(ProductStates))]
    public void ProductStatesHaveZeroNegativity(FockSpace space, InitialStateDescription state)
    {
        var rho = Rho(space, state);
        foreach (bool useBlocks in new[] { true, false })
        {
            var result = DensityMatrixEntanglement.Negativity(rho, space, [1], useBlocks);
            // For the total-excitation space the state is cut at Σn ≤ K, which leaves ~1e-12 of entanglement-like error.
            Assert.That(result.LogNegativity, Is.EqualTo(0).Within(1e-9), $"useBlocks={useBlocks}");
            Assert.That(result.Negativity, Is.EqualTo(0).Within(1e-9));
        }
    }

    [TestCase(30, 25)]
    [TestCase(25, 30)]
    [TestCase(26, 26)]
    public void TwoModeSqueezedVacuumHasLogNegativityTwoR(int levelsA, int levelsB)
    {
        const double r = 0.5;
        var space = PerMode(levelsA, levelsB);
        var result = DensityMatrixEntanglement.Negativity(Rho(space, new TwoModeSqueezedState(0, 1, r)), space, [1]);
        Assert.That(result.LogNegativity, Is.EqualTo(TruncatedTwoModeSqueezedLogNegativity(r, Math.Min(levelsA, levelsB))).Within(RoundingTolerance));
        Assert.That(result.LogNegativity, Is.EqualTo(2 * r).Within(TruncationTolerance));
        Assert.That(result.Negativity, Is.EqualTo((Math.Exp(2 * r) - 1) / 2).Within(TruncationTolerance));
        Assert.That(result.LargestBlock, Is.LessThanOrEqualTo(2), "a Schmidt-diagonal pure state splits into 2×2 blocks");
    }

    [Test]
    public void TwoModeSqueezedVacuumOnTotalExcitationSpace()
    {
        // r = 0.2, K = 20: Schmidt terms |n, n⟩ with n ≤ 10 survive.
        const double r = 0.2;
        var space = new FockSpace(new TotalExcitationTruncation(20), 3);
        var rho = Rho(space, new TwoModeSqueezedState(2, 0, r));
        Assert.That(DensityMatrixEntanglement.Negativity(rho, space, [2]).LogNegativity, Is.EqualTo(TruncatedTwoModeSqueezedLogNegativity(r, 11)).Within(RoundingTolerance));
        Assert.That(DensityMatrixEntanglement.Negativity(rho, space, [2]).LogNegativity, Is.EqualTo(2 * r).Within(TruncationTolerance));
        Assert.That(DensityMatrixEntanglement.Negativity(rho, space, [0, 1]).LogNegativity, Is.EqualTo(2 * r).Within(TruncationTolerance));
        Assert.That(DensityMatrixEntanglement.Negativity(rho, space, [1]).LogNegativity, Is.EqualTo(0).Within(RoundingTolerance));
    }

    [TestCaseSource(nameof(BellSpaces))]
    public void BellStateHasLogNegativityLnTwo(FockSpace space)
    {
        // (|1,0⟩ + |0,1⟩)/√2 is the NOON state with n = 1.
        var rho = Rho(space, new NoonState(0, 1, 1));
        foreach (bool useBlocks in new[] { true, false })
        {
            var result = DensityMatrixEntanglement.Negativity(rho, space, [1], useBlocks);
            Assert.That(result.LogNegativity, Is.EqualTo(Math.Log(2)).Within(RoundingTolerance));
            Assert.That(result.Negativity, Is.EqualTo(0.5).Within(RoundingTolerance));
        }
        if (space.Modes == 3)
            Assert.That(DensityMatrixEntanglement.Negativity(rho, space, [2]).LogNegativity, Is.EqualTo(0).Within(RoundingTolerance));
    }

    private static IEnumerable<FockSpace> BellSpaces()
    {
        yield return PerMode(2, 2);
        yield return PerMode(3, 5);
        yield return PerMode(2, 3, 2);
        yield return new FockSpace(new TotalExcitationTruncation(1), 2);
        yield return new FockSpace(new TotalExcitationTruncation(3), 3);
    }

    [Test]
    public void PartialTransposeMovesEveryEntryAsDefined()
    {
        var space = PerMode(3, 2, 4);
        var basis = new BipartiteProductBasis(space, [2, 0]);
        Assert.That(basis.ModesA, Is.EqualTo(new[] { 1 }));
        Assert.That(basis.ModesB, Is.EqualTo(new[] { 0, 2 }));
        int d = space.Dimension, db = basis.SideB.Dimension;
        Assert.That(basis.Dimension, Is.EqualTo(d));
        var random = new Random(4);
        var rho = Enumerable.Range(0, d * d).Select(_ => new Complex(random.NextDouble(), random.NextDouble())).ToArray();
        var transposed = DensityMatrixEntanglement.PartialTranspose(rho, basis);
        for (int n = 0; n < d; n++)
        {
            for (int m = 0; m < d; m++)
            {
                // ρ^{T_B}[(a_n, b_m), (a_m, b_n)] = ρ[n, m], with n_B read from the occupations of modes 0 and 2.
                int an = space.Occupation(n, 1), am = space.Occupation(m, 1);
                int bn = (space.Occupation(n, 0) * 4) + space.Occupation(n, 2), bm = (space.Occupation(m, 0) * 4) + space.Occupation(m, 2);
                Assert.That(transposed[((an * db) + bm) * d + (am * db) + bn], Is.EqualTo(rho[(n * d) + m]));
            }
        }
    }

    [Test]
    public void TotalExcitationProductBasisEmbedsTheTruncatedSpace()
    {
        var space = new FockSpace(new TotalExcitationTruncation(4), 3);
        var basis = new BipartiteProductBasis(space, [1]);
        Assert.That(basis.SideA.Dimension, Is.EqualTo(15));   // two modes, Σn ≤ 4
        Assert.That(basis.SideB.Dimension, Is.EqualTo(5));
        for (int index = 0; index < space.Dimension; index++)
            Assert.That(basis.SpaceIndex(basis.LocalA(index), basis.LocalB(index)), Is.EqualTo(index));
        Assert.That(Enumerable.Range(0, 15).Sum(a => Enumerable.Range(0, 5).Count(b => basis.SpaceIndex(a, b) >= 0)), Is.EqualTo(space.Dimension));
    }

    private static Complex[] RandomSectorDiagonalState(FockSpace space, Random random, int componentsPerSector)
    {
        int d = space.Dimension;
        var rho = new Complex[d * d];
        foreach (var sector in space.Sectors)
        {
            for (int k = 0; k < componentsPerSector; k++)
            {
                double weight = random.NextDouble();
                var v = sector.Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
                for (int i = 0; i < sector.Length; i++)
                    for (int j = 0; j < sector.Length; j++) rho[(sector[i] * d) + sector[j]] += weight * v[i] * Complex.Conjugate(v[j]);
            }
        }
        double trace = Enumerable.Range(0, d).Sum(i => rho[(i * d) + i].Real);
        for (int k = 0; k < rho.Length; k++) rho[k] /= trace;
        return rho;
    }

    private static IEnumerable<TestCaseData> BlockCases()
    {
        yield return new TestCaseData(PerMode(4, 3, 3), new[] { 1, 2 });
        yield return new TestCaseData(PerMode(5, 4), new[] { 0 });
        yield return new TestCaseData(new FockSpace(new TotalExcitationTruncation(4), 3), new[] { 2 });
        yield return new TestCaseData(new FockSpace(new TotalExcitationTruncation(5), 2), new[] { 1 });
    }

    [TestCaseSource(nameof(BlockCases))]
    public void BlockPathEqualsDensePathOnSectorDiagonalStates(FockSpace space, int[] sideB)
    {
        var random = new Random(space.Dimension);
        // One component per sector leaves entangled (pure-in-sector) structure; many make it nearly separable.
        foreach (int components in new[] { 1, 3 })
        {
            var rho = RandomSectorDiagonalState(space, random, components);
            var blocked = DensityMatrixEntanglement.Negativity(rho, space, sideB, useBlocks: true);
            var dense = DensityMatrixEntanglement.Negativity(rho, space, sideB, useBlocks: false);
            Assert.That(blocked.TraceNorm, Is.EqualTo(dense.TraceNorm).Within(RoundingTolerance));
            Assert.That(blocked.Blocks, Is.GreaterThan(1));
            Assert.That(dense.Blocks, Is.EqualTo(1));
            Assert.That(blocked.LargestBlock, Is.LessThan(dense.LargestBlock));
            Assert.That(dense.TraceNorm, Is.GreaterThan(1 + 1e-3), "the random state is entangled, so the comparison is not trivial");
        }
    }

    [Test]
    public void LargeSectorDiagonalStateSplitsIntoSmallBlocks()
    {
        // 12 levels on 3 modes: D = 1728, but ρ^{T_B} splits by N_A − N_B.
        var space = PerMode(12, 12, 12);
        var rho = new Complex[space.Dimension * space.Dimension];
        var random = new Random(8);
        foreach (int index in Enumerable.Range(0, space.Dimension)) rho[(index * space.Dimension) + index] = random.NextDouble();
        int i01 = space.IndexOf([0, 1, 0]), i10 = space.IndexOf([1, 0, 0]);
        rho[(i01 * space.Dimension) + i10] = rho[(i10 * space.Dimension) + i01] = 0.3 * Math.Sqrt(rho[(i01 * space.Dimension) + i01].Real * rho[(i10 * space.Dimension) + i10].Real);
        double trace = Enumerable.Range(0, space.Dimension).Sum(i => rho[(i * space.Dimension) + i].Real);
        for (int k = 0; k < rho.Length; k++) rho[k] /= trace;
        var result = DensityMatrixEntanglement.Negativity(rho, space, [1]);
        Assert.That(result.LargestBlock, Is.LessThanOrEqualTo(2));
        Assert.That(result.TraceNorm, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void RejectsInvalidSides()
    {
        var space = PerMode(3, 3);
        var rho = Rho(space, new ProductState([new VacuumState(), new VacuumState()]));
        Assert.Throws<ArgumentException>(() => DensityMatrixEntanglement.Negativity(rho, space, []));
        Assert.Throws<ArgumentException>(() => DensityMatrixEntanglement.Negativity(rho, space, [0, 1]));
        Assert.Throws<ArgumentException>(() => DensityMatrixEntanglement.Negativity(rho, space, [2]));
    }
}
