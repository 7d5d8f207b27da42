using System.Numerics;
using BosonicTrajectories.Kernels;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Kernels;

public class SparseKernelsTests
{
    /// <summary>Sums of ≤ 2D products of O(1) numbers (D ≤ 80): rounding only.</summary>
    private const double RoundingTolerance = 1e-12;

    private static readonly int[] Dimensions = [0, 1, 2, 3, 5, 8, 17, 33, 64, 80];

    private static Complex[] RandomVector(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5))];

    private static Complex[] RowMajor(Matrix<Complex> m)
    {
        var data = new Complex[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++) data[(i * m.ColumnCount) + j] = m[i, j];
        return data;
    }

    private static Matrix<Complex> FromRowMajor(Complex[] data, int d) => Matrix<Complex>.Build.Dense(d, d, (i, j) => data[(i * d) + j]);

    private static double MaxDifference(Complex[] x, Complex[] y) => x.Zip(y, (u, v) => Complex.Abs(u - v)).DefaultIfEmpty(0).Max();

    [TestCaseSource(nameof(Dimensions))]
    public void MatrixVectorProductsMatchDense(int d)
    {
        var random = new Random(d);
        var a = SparseMatrixTests.RandomSparse(random, d, 0.25);
        var x = RandomVector(random, d);
        var y0 = RandomVector(random, d);
        var c = new Complex(-0.4, 0.9);
        var dense = a.ToDense();
        var ax = (dense * MathNet.Numerics.LinearAlgebra.Vector<Complex>.Build.DenseOfArray(x)).ToArray();

        var y = new Complex[d];
        SparseKernels.Multiply(a, x, y);
        Assert.That(MaxDifference(y, ax), Is.LessThan(RoundingTolerance));

        var accumulated = (Complex[])y0.Clone();
        SparseKernels.MultiplyAdd(a, c, x, accumulated);
        Assert.That(MaxDifference(accumulated, [.. y0.Select((v, k) => v + (c * ax[k]))]), Is.LessThan(RoundingTolerance));

        Complex expectation = Complex.Zero;
        for (int k = 0; k < d; k++) expectation += Complex.Conjugate(y0[k]) * ax[k];
        Assert.That(Complex.Abs(SparseKernels.MatrixElement(y0, a, x) - expectation), Is.LessThan(RoundingTolerance));
    }

    [TestCaseSource(nameof(Dimensions))]
    public void DensityMatrixProductsMatchDense(int d)
    {
        var random = new Random(1000 + d);
        var a = SparseMatrixTests.RandomSparse(random, d, 0.2);
        var b = SparseMatrixTests.RandomSparse(random, d, 0.15);
        var rho = RandomVector(random, d * d);
        var start = RandomVector(random, d * d);
        var c = new Complex(0.25, -1.5);
        var rhoDense = FromRowMajor(rho, d);
        var aDense = a.ToDense();
        var bDense = b.ToDense();
        var work = new Complex[d * d];

        foreach (bool parallel in new[] { false, true })
        {
            var cases = new (string Name, Action<Complex[]> Run, Matrix<Complex> Expected, bool Accumulates)[]
            {
                ("A ρ", r => SparseKernels.LeftMultiply(a, rho, r, parallel), aDense * rhoDense, false),
                ("+ c A ρ", r => SparseKernels.LeftMultiplyAdd(a, c, rho, r, parallel), c * aDense * rhoDense, true),
                ("ρ A", r => SparseKernels.RightMultiply(rho, a, r, parallel), rhoDense * aDense, false),
                ("+ c ρ A", r => SparseKernels.RightMultiplyAdd(rho, a, c, r, parallel), c * rhoDense * aDense, true),
                ("ρ B†", r => SparseKernels.RightMultiplyAdjoint(rho, b, r, parallel), rhoDense * bDense.ConjugateTranspose(), false),
                ("+ c ρ B†", r => SparseKernels.RightMultiplyAdjointAdd(rho, b, c, r, parallel), c * rhoDense * bDense.ConjugateTranspose(), true),
                ("A ρ B†", r => SparseKernels.Sandwich(a, rho, b, work, r, parallel), aDense * rhoDense * bDense.ConjugateTranspose(), false),
                ("+ c A ρ B†", r => SparseKernels.SandwichAdd(a, rho, b, c, work, r, parallel), c * aDense * rhoDense * bDense.ConjugateTranspose(), true),
            };
            foreach (var (name, run, expected, accumulates) in cases)
            {
                var result = (Complex[])start.Clone();
                run(result);
                var reference = RowMajor(accumulates ? expected + FromRowMajor(start, d) : expected);
                Assert.That(MaxDifference(result, reference), Is.LessThan(RoundingTolerance), $"{name}, parallel={parallel}");
            }
        }
    }

    [Test]
    public void ParallelRowBlocksGiveBitwiseTheSequentialResult()
    {
        const int d = 150;
        var random = new Random(5);
        var a = SparseMatrixTests.RandomSparse(random, d, 0.05);
        var rho = RandomVector(random, d * d);
        var sequential = new Complex[d * d];
        var parallel = new Complex[d * d];
        var work = new Complex[d * d];
        SparseKernels.Sandwich(a, rho, a, work, sequential, parallel: false);
        SparseKernels.Sandwich(a, rho, a, work, parallel, parallel: true);
        Assert.That(parallel, Is.EqualTo(sequential));
        SparseKernels.RightMultiply(rho, a, sequential, parallel: false);
        SparseKernels.RightMultiply(rho, a, parallel, parallel: true);
        Assert.That(parallel, Is.EqualTo(sequential));
    }

    [Test]
    public void RejectsWrongShapesAndAliasing()
    {
        var a = SparseMatrix.Identity(3);
        var rho = new Complex[9];
        Assert.Throws<ArgumentException>(() => SparseKernels.LeftMultiply(a, rho, new Complex[8]));
        Assert.Throws<ArgumentException>(() => SparseKernels.LeftMultiply(a, rho, rho));
        Assert.Throws<ArgumentException>(() => SparseKernels.Multiply(a, new Complex[3], new Complex[4]));
        Assert.Throws<ArgumentException>(() => SparseKernels.Sandwich(a, rho, a, rho, new Complex[9]));
    }

    [TestCase(1)]
    [TestCase(6)]
    public void DenseHelpersMatchDefinitions(int d)
    {
        var random = new Random(d);
        var x = RandomVector(random, d * d);
        var start = RandomVector(random, d * d);
        var result = (Complex[])start.Clone();
        DenseMatrixKernels.AddWithAdjoint(x, result);
        var xDense = FromRowMajor(x, d);
        Assert.That(MaxDifference(result, RowMajor(FromRowMajor(start, d) + xDense + xDense.ConjugateTranspose())), Is.LessThan(RoundingTolerance));
        var adjoint = new Complex[d * d];
        DenseMatrixKernels.ConjugateTranspose(x, adjoint);
        Assert.That(MaxDifference(adjoint, RowMajor(xDense.ConjugateTranspose())), Is.Zero);
        Assert.That(Complex.Abs(DenseMatrixKernels.Trace(x) - xDense.Trace()), Is.LessThan(RoundingTolerance));
        Assert.Throws<ArgumentException>(() => DenseMatrixKernels.Trace(new Complex[5]));
    }
}
