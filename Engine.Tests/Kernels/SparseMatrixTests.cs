using System.Numerics;
using BosonicTrajectories.Kernels;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Kernels;

public class SparseMatrixTests
{
    /// <summary>Products of O(1) random numbers summed over ≤ 40 terms: rounding only.</summary>
    private const double RoundingTolerance = 1e-12;

    internal static SparseMatrix RandomSparse(Random random, int dimension, double density)
    {
        var entries = new List<(int, int, Complex)>();
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j < dimension; j++)
                if (random.NextDouble() < density)
                    entries.Add((i, j, new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)));
        return SparseMatrix.FromTriplets(dimension, entries);
    }

    private static double Distance(SparseMatrix x, Matrix<Complex> y) => (x.ToDense() - y).FrobeniusNorm();

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(40)]
    public void AlgebraMatchesDenseReference(int dimension)
    {
        var random = new Random(17 + dimension);
        var a = RandomSparse(random, dimension, 0.2);
        var b = RandomSparse(random, dimension, 0.3);
        var c = new Complex(0.4, -1.3);
        Assert.Multiple(() =>
        {
            Assert.That(Distance(a.Adjoint(), a.ToDense().ConjugateTranspose()), Is.LessThan(RoundingTolerance));
            Assert.That(Distance(a.Multiply(b), a.ToDense() * b.ToDense()), Is.LessThan(RoundingTolerance));
            Assert.That(Distance(a.Add(b), a.ToDense() + b.ToDense()), Is.LessThan(RoundingTolerance));
            Assert.That(Distance(a.Add(b, c), a.ToDense() + (c * b.ToDense())), Is.LessThan(RoundingTolerance));
            Assert.That(Distance(a.Scale(c), c * a.ToDense()), Is.LessThan(RoundingTolerance));
            Assert.That(Distance(a - a, Matrix<Complex>.Build.Dense(dimension, dimension)), Is.Zero);
            Assert.That((a - a).NonZeroCount, Is.Zero);
            Assert.That(Distance(SparseMatrix.Identity(dimension), Matrix<Complex>.Build.DenseIdentity(dimension)), Is.Zero);
            Assert.That(Distance(SparseMatrix.FromDense(a.ToDense()), a.ToDense()), Is.Zero);
        });
    }

    [Test]
    public void CsrRowsAreSortedWithoutDuplicates()
    {
        var random = new Random(3);
        var product = RandomSparse(random, 30, 0.2) * RandomSparse(random, 30, 0.2);
        foreach (var m in new[] { product, product.Adjoint(), product + product.Adjoint() })
        {
            for (int i = 0; i < m.Dimension; i++)
                for (int k = m.RowPointers[i] + 1; k < m.RowPointers[i + 1]; k++)
                    Assert.That(m.ColumnIndices[k], Is.GreaterThan(m.ColumnIndices[k - 1]));
            Assert.That(m.RowPointers[m.Dimension], Is.EqualTo(m.NonZeroCount));
        }
    }

    [Test]
    public void FromTripletsSumsRepeatedEntriesAndDropsCancellations()
    {
        var m = SparseMatrix.FromTriplets(3, [(0, 1, new Complex(1, 1)), (0, 1, new Complex(2, 0)), (2, 0, Complex.One), (2, 0, -Complex.One)]);
        Assert.That(m[0, 1], Is.EqualTo(new Complex(3, 1)));
        Assert.That(m.NonZeroCount, Is.EqualTo(1));
        Assert.That(m[2, 0], Is.EqualTo(Complex.Zero));
        Assert.Throws<ArgumentException>(() => SparseMatrix.FromTriplets(3, [(3, 0, Complex.One)]));
    }

    [Test]
    public void RejectsMismatchedDimensions()
    {
        Assert.Throws<ArgumentException>(() => SparseMatrix.Identity(2).Multiply(SparseMatrix.Identity(3)));
        Assert.Throws<ArgumentException>(() => SparseMatrix.Identity(2).Add(SparseMatrix.Identity(3)));
    }
}
