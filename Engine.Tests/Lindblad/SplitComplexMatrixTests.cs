using System.Numerics;
using BosonicTrajectories.Lindblad;

namespace BosonicTrajectories.Tests.Lindblad;

public class SplitComplexMatrixTests
{
    // The tiled kernels sum the same products in the same order as the reference loop up to FMA contraction, so the
    // difference is a few ulps of the largest partial sum (entries are O(1), sums of ≤ 21 terms).
    private const double ProductTolerance = 1e-13;

    [TestCase(1, true)]
    [TestCase(7, true)]
    [TestCase(8, true)]
    [TestCase(13, true)]
    [TestCase(21, true)]
    [TestCase(1, false)]
    [TestCase(7, false)]
    [TestCase(13, false)]
    [TestCase(21, false)]
    public void ProductMatchesTheDefinition(int n, bool wide)
    {
        var a = RandomMatrix(n, 1);
        var b = RandomMatrix(n, 2);
        var c = new SplitComplexMatrix(n);
        SplitComplexMatrix.Multiply(SplitComplexMatrix.FromRowMajor(a, n), SplitComplexMatrix.FromRowMajor(b, n), c, upperTilesOnly: false, wide);
        var expected = Reference(a, b, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                Assert.That(Complex.Abs(Entry(c, i, j) - expected[(i * n) + j]), Is.LessThan(ProductTolerance), $"({i}, {j})");
        AssertPaddingIsZero(c);
    }

    [TestCase(13, true)]
    [TestCase(21, false)]
    public void UpperTilesHoldTheUpperTriangle(int n, bool wide)
    {
        var a = RandomMatrix(n, 3);
        var b = RandomMatrix(n, 4);
        var c = new SplitComplexMatrix(n);
        SplitComplexMatrix.Multiply(SplitComplexMatrix.FromRowMajor(a, n), SplitComplexMatrix.FromRowMajor(b, n), c, upperTilesOnly: true, wide);
        var expected = Reference(a, b, n);
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
                Assert.That(Complex.Abs(Entry(c, i, j) - expected[(i * n) + j]), Is.LessThan(ProductTolerance), $"({i}, {j})");
        AssertPaddingIsZero(c);
    }

    [Test]
    public void HermitianStoreMirrorsTheUpperTriangle()
    {
        const int N = 5;
        var m = SplitComplexMatrix.FromRowMajor(RandomMatrix(N, 5), N);
        var stored = new Complex[N * N];
        m.StoreHermitianFromUpper(stored);
        for (int i = 0; i < N; i++)
        {
            Assert.That(stored[(i * N) + i], Is.EqualTo(new Complex(Entry(m, i, i).Real, 0)));
            for (int j = i + 1; j < N; j++)
            {
                Assert.That(stored[(i * N) + j], Is.EqualTo(Entry(m, i, j)));
                Assert.That(stored[(j * N) + i], Is.EqualTo(Complex.Conjugate(Entry(m, i, j))));
            }
        }
    }

    [Test]
    public void MismatchedSizesAreRejected() =>
        Assert.That(() => SplitComplexMatrix.Multiply(new SplitComplexMatrix(3), new SplitComplexMatrix(4), new SplitComplexMatrix(3), false),
            Throws.ArgumentException);

    private static Complex Entry(SplitComplexMatrix m, int i, int j) => new(m.Real[(i * m.Stride) + j], m.Imaginary[(i * m.Stride) + j]);

    private static void AssertPaddingIsZero(SplitComplexMatrix m)
    {
        for (int i = 0; i < m.Stride; i++)
            for (int j = 0; j < m.Stride; j++)
                if (i >= m.Size || j >= m.Size)
                    Assert.That(Entry(m, i, j), Is.EqualTo(Complex.Zero), $"padding ({i}, {j})");
    }

    private static Complex[] Reference(Complex[] a, Complex[] b, int n)
    {
        var c = new Complex[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Complex sum = 0;
                for (int p = 0; p < n; p++) sum += a[(i * n) + p] * b[(p * n) + j];
                c[(i * n) + j] = sum;
            }
        return c;
    }

    private static Complex[] RandomMatrix(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n * n).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5))];
    }
}
