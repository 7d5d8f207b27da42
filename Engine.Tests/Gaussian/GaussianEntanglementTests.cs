using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Gaussian;

public class GaussianEntanglementTests
{
    /// <summary>Symplectic eigenvalues come from symmetric eigenproblems of O(1) matrices: accurate to ~1e-14.</summary>
    private const double Tolerance = 1e-12;

    [TestCase(0.3)]
    [TestCase(0.75)]
    public void TwoModeSqueezedVacuumHasLogNegativityTwoR(double r)
    {
        var sigma = Covariance(new TwoModeSqueezedState(0, 1, r), 2);
        Assert.That(GaussianEntanglement.LogNegativity(sigma, [1]), Is.EqualTo(2 * r).Within(Tolerance));
        Assert.That(GaussianEntanglement.LogNegativity(sigma, [0]), Is.EqualTo(2 * r).Within(Tolerance));
        // A pure state: both symplectic eigenvalues of Σ itself are ½.
        Assert.That(GaussianEntanglement.SymplecticEigenvalues(sigma), Is.All.EqualTo(0.5).Within(Tolerance));
        Assert.That(SeparabilityCertificate.Evaluate(sigma).Certified, Is.False);
    }

    [Test]
    public void CutsOfAThreeModeStateSeeOnlyTheSqueezedPair()
    {
        var sigma = Covariance(new TwoModeSqueezedState(0, 2, 0.4), 3);
        Assert.That(GaussianEntanglement.LogNegativity(sigma, [1, 2]), Is.EqualTo(0.8).Within(Tolerance));
        Assert.That(GaussianEntanglement.LogNegativity(sigma, [1]), Is.EqualTo(0).Within(Tolerance));
    }

    [Test]
    public void ThermalProductIsSeparableAndCertified()
    {
        var sigma = Covariance(new ProductState([new ThermalState(0.3), new ThermalState(1.2)]), 2);
        Assert.That(GaussianEntanglement.LogNegativity(sigma, [1]), Is.EqualTo(0));
        Assert.That(GaussianEntanglement.SymplecticEigenvalues(sigma), Is.EqualTo(new[] { 0.8, 1.7 }).Within(Tolerance));
        var certificate = SeparabilityCertificate.Evaluate(sigma);
        Assert.That(certificate.Certified, Is.True);
        Assert.That(certificate.MinEigenvalueSigmaMinusHalf, Is.EqualTo(0.3).Within(Tolerance));
    }

    [Test]
    public void SqueezedProductHasNoEntanglementButNoCertificate()
    {
        // Local squeezing is not entanglement (E_N = 0), but Σ ≥ I/2 fails: the certificate is only sufficient.
        const double r = 0.5;
        var sigma = Covariance(new ProductState([new SqueezedState(r, 0.3), new CoherentState(1.0)]), 2);
        Assert.That(GaussianEntanglement.LogNegativity(sigma, [1]), Is.EqualTo(0).Within(Tolerance));
        var certificate = SeparabilityCertificate.Evaluate(sigma);
        Assert.That(certificate.Certified, Is.False);
        Assert.That(certificate.MinEigenvalueSigmaMinusHalf, Is.EqualTo(0.5 * Math.Exp(-2 * r) - 0.5).Within(Tolerance));
    }

    [Test]
    public void VacuumIsCertifiedWithZeroMargin()
    {
        var sigma = 0.5 * Matrix<double>.Build.DenseIdentity(4);
        var certificate = SeparabilityCertificate.Evaluate(sigma);
        Assert.That(certificate.MinEigenvalueSigmaMinusHalf, Is.EqualTo(0).Within(1e-15));
        Assert.That(certificate.Certified, Is.True);
        Assert.That(GaussianEntanglement.LogNegativity(sigma, [1]), Is.EqualTo(0));
    }

    [Test]
    public void RoundOffBelowTheToleranceStillCertifies()
    {
        var sigma = 0.5 * Matrix<double>.Build.DenseIdentity(2);
        sigma[0, 0] -= 1e-13;
        Assert.That(SeparabilityCertificate.Evaluate(sigma).Certified, Is.True);
        sigma[0, 0] -= 1e-6;
        Assert.That(SeparabilityCertificate.Evaluate(sigma).Certified, Is.False);
    }

    [Test]
    public void RejectsAnInvalidCovariance()
    {
        var sigma = Matrix<double>.Build.DenseOfDiagonalArray([0.5, -0.1]);
        Assert.That(() => GaussianEntanglement.LogNegativity(sigma, [0]), Throws.ArgumentException.With.Message.Contains("positive definite"));
        Assert.That(() => GaussianEntanglement.LogNegativity(0.5 * Matrix<double>.Build.DenseIdentity(2), [1]),
            Throws.ArgumentException.With.Message.Contains("outside"));
    }

    private static Matrix<double> Covariance(InitialStateDescription state, int modes) =>
        GaussianMoments.ToQuadratures(InitialMoments.Of(state, modes)).Covariance;
}
