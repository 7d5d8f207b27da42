using System.Numerics;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Tests.Kernels;

public class ComplexSpanTests
{
    /// <summary>Sums of ≤ 64 products of O(1) numbers; FMA vs separate rounding differs by a few ulp per term.</summary>
    private const double RoundingTolerance = 1e-13;

    private static IEnumerable<int> Lengths() => Enumerable.Range(0, 65);

    private static Complex[] RandomVector(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => new Complex((2 * random.NextDouble()) - 1, (2 * random.NextDouble()) - 1))];

    [TestCaseSource(nameof(Lengths))]
    public void AxpyMatchesScalarDefinition(int length)
    {
        var random = new Random(length);
        var x = RandomVector(random, length);
        var y = RandomVector(random, length);
        var alpha = new Complex(0.7, -1.9);
        var expected = y.Select((v, k) => v + (alpha * x[k])).ToArray();
        var scalar = (Complex[])y.Clone();
        ComplexSpan.Axpy(alpha, x, y);
        ComplexSpan.AxpyScalar(alpha, x, scalar);
        for (int k = 0; k < length; k++)
        {
            Assert.That(Complex.Abs(y[k] - expected[k]), Is.LessThan(RoundingTolerance), $"entry {k}");
            Assert.That(Complex.Abs(scalar[k] - expected[k]), Is.LessThan(RoundingTolerance), $"scalar entry {k}");
        }
    }

    [TestCaseSource(nameof(Lengths))]
    public void ScaledConjugateProductMatchesScalarDefinition(int length)
    {
        var random = new Random(300 + length);
        var x = RandomVector(random, length);
        var v = RandomVector(random, length);
        var y = RandomVector(random, length);
        var alpha = new Complex(-0.4, 1.3);
        var expected = y.Select((value, k) => value + (alpha * x[k] * Complex.Conjugate(v[k]))).ToArray();
        ComplexRowKernels.AddScaledConjugateProduct(alpha, x, v, y);
        for (int k = 0; k < length; k++)
            Assert.That(Complex.Abs(y[k] - expected[k]), Is.LessThan(RoundingTolerance), $"entry {k}");
        Assert.Throws<ArgumentException>(() => ComplexRowKernels.AddScaledConjugateProduct(alpha, x, v, new Complex[length + 1]));
    }

    [TestCaseSource(nameof(Lengths))]
    public void DotIsConjugateLinearInTheFirstArgument(int length)
    {
        var random = new Random(100 + length);
        var x = RandomVector(random, length);
        var y = RandomVector(random, length);
        Complex expected = Complex.Zero;
        for (int k = 0; k < length; k++) expected += Complex.Conjugate(x[k]) * y[k];
        Assert.That(Complex.Abs(ComplexSpan.Dot(x, y) - expected), Is.LessThan(RoundingTolerance));
    }

    [TestCaseSource(nameof(Lengths))]
    public void NormSquaredSumsModuliSquared(int length)
    {
        var x = RandomVector(new Random(200 + length), length);
        double expected = x.Sum(v => v.Magnitude * v.Magnitude);
        Assert.That(ComplexSpan.NormSquared(x), Is.EqualTo(expected).Within(RoundingTolerance));
    }

    [TestCaseSource(nameof(Lengths))]
    public void ScaleByComplexAndRealFactors(int length)
    {
        var random = new Random(300 + length);
        var x = RandomVector(random, length);
        foreach (var alpha in new[] { new Complex(0.3, 1.1), new Complex(-2.5, 0) })
        {
            var destination = new Complex[length];
            ComplexSpan.Scale(x, alpha, destination);
            var inPlace = (Complex[])x.Clone();
            ComplexSpan.Scale(inPlace, alpha, inPlace);
            for (int k = 0; k < length; k++)
            {
                Assert.That(Complex.Abs(destination[k] - (alpha * x[k])), Is.LessThan(RoundingTolerance));
                Assert.That(inPlace[k], Is.EqualTo(destination[k]));
            }
        }
    }

    [Test]
    public void RejectsMismatchedLengths()
    {
        var three = new Complex[3];
        var four = new Complex[4];
        Assert.Throws<ArgumentException>(() => ComplexSpan.Axpy(Complex.One, three, four));
        Assert.Throws<ArgumentException>(() => ComplexSpan.Dot(three, four));
        Assert.Throws<ArgumentException>(() => ComplexSpan.Scale(three, Complex.One, four));
    }
}
