using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Fock;

/// <summary>
/// T, the Fock-space matrix of the passive unitary a_i = Σ_k W_ik b_k on a total-excitation truncation: unitary, block
/// diagonal by sector, with the normal-mode Fock states as columns, and covariant for the truncated ladder matrices
/// (the property that makes the normal-mode frame of the Lindblad evolution exact).
/// </summary>
public class PassiveModeTransformTests
{
    /// <summary>Products of a few square roots and entries of W, recursed over ≤ 6 excitations: rounding only.</summary>
    private const double RoundingTolerance = 1e-12;

    private static IEnumerable<TestCaseData> Spaces()
    {
        yield return new TestCaseData(2, 6).SetArgDisplayNames("2 modes", "Σn ≤ 6");
        yield return new TestCaseData(3, 4).SetArgDisplayNames("3 modes", "Σn ≤ 4");
    }

    [TestCaseSource(nameof(Spaces))]
    public void IsUnitaryAndBlockDiagonalBySector(int modes, int maxTotal)
    {
        var (space, transform) = Build(modes, maxTotal, seed: 3);
        var w = RandomUnitary(modes, seed: 3);
        var t = Dense(transform);
        Assert.That(MaxAbs(t.ConjugateTranspose() * t - Matrix<Complex>.Build.DenseIdentity(space.Dimension)), Is.LessThan(RoundingTolerance));

        // Every column against Π_k (B_k†)^{n_k}/√(n_k!) |0⟩ applied with the whole D×D creators: zero outside the column's sector.
        var creators = Enumerable.Range(0, modes).Select(k =>
            Enumerable.Range(0, modes).Aggregate(Matrix<Complex>.Build.Dense(space.Dimension, space.Dimension),
                (sum, i) => sum + (w[i, k] * FockOperators.Creation(space, i).ToDense()))).ToArray();
        double worst = 0, mixing = 0;
        for (int column = 0; column < space.Dimension; column++)
        {
            var state = MathNet.Numerics.LinearAlgebra.Vector<Complex>.Build.Dense(space.Dimension);
            state[space.IndexOf(new int[modes])] = 1;
            for (int k = 0; k < modes; k++)
                for (int q = 1; q <= space.Occupation(column, k); q++) state = creators[k] * state / Math.Sqrt(q);
            worst = Math.Max(worst, (state - t.Column(column)).AbsoluteMaximum().Magnitude);
            for (int r = 0; r < space.Dimension; r++)
                if (r != column && space.SectorOf(r) == space.SectorOf(column)) mixing = Math.Max(mixing, state[r].Magnitude);
        }
        Assert.That(worst, Is.LessThan(RoundingTolerance));
        Assert.That(mixing, Is.GreaterThan(0.1), "a random W mixes the states of every sector");
    }

    [TestCaseSource(nameof(Spaces))]
    public void LadderOperatorsTransformCovariantly(int modes, int maxTotal)
    {
        var (space, transform) = Build(modes, maxTotal, seed: 5);
        var w = RandomUnitary(modes, seed: 5);
        var t = Dense(transform);
        for (int i = 0; i < modes; i++)
        {
            // T† (a_i)_local T = Σ_k W_ik (b_k)_normal, and likewise for the creators (conjugate coefficients).
            var annihilation = Matrix<Complex>.Build.Dense(space.Dimension, space.Dimension);
            var creation = Matrix<Complex>.Build.Dense(space.Dimension, space.Dimension);
            for (int k = 0; k < modes; k++)
            {
                annihilation += w[i, k] * FockOperators.Annihilation(space, k).ToDense();
                creation += Complex.Conjugate(w[i, k]) * FockOperators.Creation(space, k).ToDense();
            }
            Assert.That(MaxAbs(t.ConjugateTranspose() * FockOperators.Annihilation(space, i).ToDense() * t - annihilation), Is.LessThan(RoundingTolerance), $"a_{i}");
            Assert.That(MaxAbs(t.ConjugateTranspose() * FockOperators.Creation(space, i).ToDense() * t - creation), Is.LessThan(RoundingTolerance), $"a_{i}†");
        }
    }

    [Test]
    public void ColumnsAreTheNormalModeFockStatesInClosedForm()
    {
        var (space, transform) = Build(2, 3, seed: 7);
        var w = RandomUnitary(2, seed: 7);
        var t = Dense(transform);
        // |1, 0⟩_b = b_0†|0⟩ = Σ_i W_i0 a_i†|0⟩.
        int one = space.IndexOf([1, 0]);
        Assert.That((t[space.IndexOf([1, 0]), one] - w[0, 0]).Magnitude, Is.LessThan(RoundingTolerance));
        Assert.That((t[space.IndexOf([0, 1]), one] - w[1, 0]).Magnitude, Is.LessThan(RoundingTolerance));
        // |2, 0⟩_b = (b_0†)²/√2 |0⟩ = W_00² |2,0⟩ + √2 W_00 W_10 |1,1⟩ + W_10² |0,2⟩.
        int two = space.IndexOf([2, 0]);
        Assert.That((t[space.IndexOf([2, 0]), two] - (w[0, 0] * w[0, 0])).Magnitude, Is.LessThan(RoundingTolerance));
        Assert.That((t[space.IndexOf([1, 1]), two] - (Math.Sqrt(2) * w[0, 0] * w[1, 0])).Magnitude, Is.LessThan(RoundingTolerance));
        Assert.That((t[space.IndexOf([0, 2]), two] - (w[1, 0] * w[1, 0])).Magnitude, Is.LessThan(RoundingTolerance));
    }

    [Test]
    public void WholeMatrixTransformsAreTheSandwichesAndInverse()
    {
        var (space, transform) = Build(3, 4, seed: 9);
        var t = Dense(transform);
        int d = space.Dimension;
        var x = Lindblad.LindbladTestModels.RandomHermitian(d, seed: 2);
        var normal = new Complex[d * d];
        var back = new Complex[d * d];
        var workspace = new Complex[transform.WorkspaceLength];
        transform.ToNormalModes(x, normal, workspace);
        transform.ToLocalModes(normal, back, workspace);
        var expected = t.ConjugateTranspose() * Lindblad.LindbladTestModels.ToMatrix(x, d) * t;
        Assert.That(MaxAbs(Lindblad.LindbladTestModels.ToMatrix(normal, d) - expected), Is.LessThan(RoundingTolerance));
        Assert.That(x.Zip(back, (a, b) => (a - b).Magnitude).Max(), Is.LessThan(RoundingTolerance));
    }

    [Test]
    public void RefusesAPerModeTruncationAndANonUnitaryModeMatrix()
    {
        var perMode = new FockSpace(new PerModeTruncation([3]), 2);
        Assert.That(() => PassiveModeTransform.Build(perMode, RandomUnitary(2, seed: 1)),
            Throws.ArgumentException.With.Message.Contains("total-excitation truncation"));
        var total = new FockSpace(new TotalExcitationTruncation(3), 2);
        Assert.That(() => PassiveModeTransform.Build(total, new Complex[,] { { 1, 0.1 }, { 0, 1 } }),
            Throws.ArgumentException.With.Message.Contains("not unitary"));
    }

    private static (FockSpace Space, PassiveModeTransform Transform) Build(int modes, int maxTotal, int seed)
    {
        var space = new FockSpace(new TotalExcitationTruncation(maxTotal), modes);
        return (space, PassiveModeTransform.Build(space, RandomUnitary(modes, seed)));
    }

    /// <summary>The eigenvectors of a random complex Hermitian matrix (fixed seed).</summary>
    private static Complex[,] RandomUnitary(int modes, int seed)
    {
        var h = Lindblad.LindbladTestModels.ToMatrix(Lindblad.LindbladTestModels.RandomHermitian(modes, seed), modes);
        return h.Evd(Symmetricity.Hermitian).EigenVectors.ToArray();
    }

    private static Matrix<Complex> Dense(PassiveModeTransform transform)
    {
        var space = transform.Space;
        var t = Matrix<Complex>.Build.Dense(space.Dimension, space.Dimension);
        for (int n = 0; n <= space.MaxTotalExcitations; n++)
        {
            var states = space.Sectors[n];
            var block = transform.Block(n);
            for (int r = 0; r < states.Length; r++)
                for (int c = 0; c < states.Length; c++) t[states[r], states[c]] = block[(r * states.Length) + c];
        }
        return t;
    }

    private static double MaxAbs(Matrix<Complex> m) => m.Enumerate().Max(z => z.Magnitude);
}
