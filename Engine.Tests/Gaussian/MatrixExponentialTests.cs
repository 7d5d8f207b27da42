using BosonicTrajectories.Gaussian;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Gaussian;

public class MatrixExponentialTests
{
    /// <summary>Padé [13/13] with scaling and squaring: backward error ≤ 2⁻⁵³; forward error grows with the squarings.</summary>
    private const double Tolerance = 1e-12;

    [TestCase(0.3)]
    [TestCase(7.0)]
    [TestCase(60.0)]
    public void RotationGeneratorGivesARotation(double theta)
    {
        var generator = Matrix<double>.Build.DenseOfArray(new[,] { { 0, theta }, { -theta, 0 } });
        var rotation = MatrixExponential.Compute(generator);
        var expected = Matrix<double>.Build.DenseOfArray(new[,] { { Math.Cos(theta), Math.Sin(theta) }, { -Math.Sin(theta), Math.Cos(theta) } });
        Assert.That((rotation - expected).InfinityNorm(), Is.LessThan(Tolerance * Math.Max(1, theta)));
    }

    [Test]
    public void NilpotentMatrixTerminatesTheSeries()
    {
        var n = Matrix<double>.Build.DenseOfArray(new[,] { { 0, 2.0, 0 }, { 0, 0, 3.0 }, { 0, 0, 0 } });
        // e^N = I + N + N²/2 with N² = [[0, 0, 6], 0, 0].
        var expected = Matrix<double>.Build.DenseOfArray(new[,] { { 1, 2.0, 3.0 }, { 0, 1, 3.0 }, { 0, 0, 1 } });
        Assert.That((MatrixExponential.Compute(n) - expected).InfinityNorm(), Is.LessThan(Tolerance));
    }

    [Test]
    public void ExponentialOfMinusAIsTheInverse()
    {
        var random = new Random(9);
        var a = Matrix<double>.Build.Random(20, 20, new MathNet.Numerics.Distributions.Normal(0, 1, random));
        var product = MatrixExponential.Compute(a) * MatrixExponential.Compute(-a);
        Assert.That((product - Matrix<double>.Build.DenseIdentity(20)).InfinityNorm(), Is.LessThan(1e-9));
    }

    [Test]
    public void DiagonalMatrixExponentiatesEntrywise()
    {
        var d = Matrix<double>.Build.DenseOfDiagonalArray([-3.0, 0.5, 2.0]);
        var e = MatrixExponential.Compute(d);
        Assert.That(e[0, 0], Is.EqualTo(Math.Exp(-3)).Within(Tolerance));
        Assert.That(e[1, 1], Is.EqualTo(Math.Exp(0.5)).Within(Tolerance));
        Assert.That(e[2, 2], Is.EqualTo(Math.Exp(2)).Within(Tolerance * Math.Exp(2)));
        Assert.That(e[0, 1], Is.EqualTo(0));
    }
}
