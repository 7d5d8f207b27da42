using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// The sufficient separability test of SPEC §1 (seed paper Sec. III): if Σ ≥ I/2 then Σ = I/2 ⊕ … + (Σ − I/2) is
/// the vacuum covariance of any split plus a positive semidefinite part, so the Gaussian state is separable across
/// every bipartition. The certificate reports λ_min(Σ − I/2) and whether it is ≥ −<see cref="Tolerance"/>·max(1, ‖Σ‖₂).
/// </summary>
/// <param name="MinEigenvalueSigmaMinusHalf">λ_min(Σ − I/2).</param>
/// <param name="Certified">λ_min ≥ −Tolerance·max(1, ‖Σ‖₂): Σ ≥ I/2 up to round-off, so separable across every cut.</param>
public sealed record SeparabilityCertificate(double MinEigenvalueSigmaMinusHalf, bool Certified)
{
    /// <summary>
    /// Relative slack for round-off: a Lyapunov solution carries errors of order 1e-14·‖Σ‖ for well-conditioned drifts,
    /// so a margin that is exactly 0 (vacuum, passive models at zero temperature) must still certify; a genuine
    /// violation of Σ ≥ I/2 by squeezing is many orders larger (1e-10 corresponds to squeezing r ≈ 1e-10).
    /// </summary>
    public const double Tolerance = 1e-10;

    /// <summary>Evaluates the certificate for a covariance Σ (2d×2d, symmetric).</summary>
    public static SeparabilityCertificate Evaluate(Matrix<double> sigma)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        GaussianEntanglement.CheckCovariance(sigma, nameof(sigma));
        var symmetric = 0.5 * (sigma + sigma.Transpose());
        var eigenvalues = symmetric.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues;
        double smallest = eigenvalues.Min(e => e.Real) - 0.5;
        double largest = eigenvalues.Max(e => Math.Abs(e.Real));
        return new SeparabilityCertificate(smallest, smallest >= -Tolerance * Math.Max(1, largest));
    }
}
