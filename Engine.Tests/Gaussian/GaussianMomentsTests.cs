using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Tests.Gaussian;

public class GaussianMomentsTests
{
    /// <summary>The conversions are a few additions per entry: exact to round-off.</summary>
    private const double Exact = 1e-14;

    [Test]
    public void VacuumHasCovarianceHalfIdentity()
    {
        var q = GaussianMoments.ToQuadratures(InitialMoments.Of(new ProductState([new VacuumState(), new VacuumState()]), 2));
        Assert.That((q.Covariance - 0.5 * Matrix<double>.Build.DenseIdentity(4)).InfinityNorm(), Is.EqualTo(0));
        Assert.That(q.Mean.AbsoluteMaximum(), Is.EqualTo(0));
    }

    [Test]
    public void CoherentStateIsADisplacedVacuum()
    {
        var alpha = new Complex(0.6, -1.1);
        var q = GaussianMoments.ToQuadratures(InitialMoments.Of(new ProductState([new CoherentState(alpha)]), 1));
        Assert.That(q.Mean[0], Is.EqualTo(Math.Sqrt(2) * alpha.Real).Within(Exact));
        Assert.That(q.Mean[1], Is.EqualTo(Math.Sqrt(2) * alpha.Imaginary).Within(Exact));
        Assert.That((q.Covariance - 0.5 * Matrix<double>.Build.DenseIdentity(2)).InfinityNorm(), Is.LessThan(Exact));
    }

    [Test]
    public void SqueezedVacuumIsSqueezedInQ()
    {
        // θ = 0: S†qS = e^{−r} q, so Σ = diag(e^{−2r}, e^{2r})/2.
        const double r = 0.7;
        var q = GaussianMoments.ToQuadratures(InitialMoments.Of(new ProductState([new SqueezedState(r, 0)]), 1));
        Assert.That(q.Covariance[0, 0], Is.EqualTo(0.5 * Math.Exp(-2 * r)).Within(Exact));
        Assert.That(q.Covariance[1, 1], Is.EqualTo(0.5 * Math.Exp(2 * r)).Within(Exact));
        Assert.That(q.Covariance[0, 1], Is.EqualTo(0).Within(Exact));
    }

    [Test]
    public void RoundTripPreservesArbitraryMoments()
    {
        // Any Hermitian M and symmetric K (not necessarily a physical state) must survive both conversions.
        var random = new Random(4);
        const int d = 3;
        var mean = Vector<Complex>.Build.Dense(d, _ => new Complex(random.NextDouble(), random.NextDouble()));
        var m = GaussianTestModels.RandomPositive(d, random, 1.0);
        var k = Matrix<Complex>.Build.Dense(d, d, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        k = k + k.Transpose();
        var original = new LadderMoments(mean, m, k);
        var back = GaussianMoments.ToLadder(GaussianMoments.ToQuadratures(original));
        Assert.That((back.Mean - mean).AbsoluteMaximum().Magnitude, Is.LessThan(Exact));
        Assert.That((back.AdaggerA - m).FrobeniusNorm(), Is.LessThan(10 * Exact));
        Assert.That((back.AA - k).FrobeniusNorm(), Is.LessThan(10 * Exact));
    }

    [Test]
    public void BeamSplitterCoherenceAppearsInTheQpBlock()
    {
        // ⟨a_0† a_1⟩ = i c (c real): Σ(q0, p1) = Im M_01 = c and Σ(q1, p0) = Im M_10 = −c; Σ(q0, q1) = Re M_01 = 0.
        const double c = 0.25;
        var m = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 0.5, new(0, c) }, { new(0, -c), 0.5 } });
        var q = GaussianMoments.ToQuadratures(new LadderMoments(Vector<Complex>.Build.Dense(2), m, Matrix<Complex>.Build.Dense(2, 2)));
        Assert.That(q.Covariance[0, 3], Is.EqualTo(c).Within(Exact));
        Assert.That(q.Covariance[2, 1], Is.EqualTo(-c).Within(Exact));
        Assert.That(q.Covariance[3, 0], Is.EqualTo(c).Within(Exact));
        Assert.That(q.Covariance[0, 2], Is.EqualTo(0).Within(Exact));
    }
}
