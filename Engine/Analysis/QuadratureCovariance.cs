using System.Numerics;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// The quadrature covariance from ladder moments. With x = (q_1, p_1, …, q_d, p_d), q = (a + a†)/√2,
/// p = i(a† − a)/√2, write each quadrature as x = u a_j + u* a_j† (u = 1/√2 for q, u = −i/√2 for p). Then,
/// with ⟨a⟩, M_jk = ⟨a_j† a_k⟩ and K_jk = ⟨a_j a_k⟩, using [a_j, a_k†] = δ_jk,
/// <code>
/// ½⟨{x, y}⟩ = 2 Re(u v K_jk) + 2 Re(u* v M_jk) + Re(u* v) δ_jk,   ⟨x⟩ = 2 Re(u ⟨a_j⟩),
/// Σ_xy = ½⟨{x, y}⟩ − ⟨x⟩⟨y⟩
/// </code>
/// (x on mode j with weight u, y on mode k with weight v; vacuum Σ = I/2). Works for any state: pure-state
/// moments of a trajectory, ensemble-averaged moments, or moments of a density matrix. The allocating
/// twin on MathNet types is <see cref="Gaussian.GaussianMoments.ToQuadratures"/>; the tests hold them equal.
/// </summary>
public static class QuadratureCovariance
{
    private static readonly Complex QWeight = new(1 / Math.Sqrt(2), 0);
    private static readonly Complex PWeight = new(0, -1 / Math.Sqrt(2));

    /// <summary>
    /// covariance ← Σ (row-major 2d×2d) from <paramref name="mean"/> (d), <paramref name="adaggerA"/> and
    /// <paramref name="aa"/> (row-major d×d: M_jk = ⟨a_j† a_k⟩, K_jk = ⟨a_j a_k⟩). Allocation-free.
    /// </summary>
    public static void FromMoments(ReadOnlySpan<Complex> mean, ReadOnlySpan<Complex> adaggerA, ReadOnlySpan<Complex> aa, Span<double> covariance)
    {
        int d = mean.Length;
        if (adaggerA.Length != d * d) throw new ArgumentException($"expected {d * d} entries, got {adaggerA.Length}", nameof(adaggerA));
        if (aa.Length != d * d) throw new ArgumentException($"expected {d * d} entries, got {aa.Length}", nameof(aa));
        if (covariance.Length != 4 * d * d) throw new ArgumentException($"expected {4 * d * d} entries, got {covariance.Length}", nameof(covariance));
        for (int row = 0; row < 2 * d; row++)
        {
            int j = row / 2;
            Complex u = row % 2 == 0 ? QWeight : PWeight;
            double meanRow = 2 * (u * mean[j]).Real;
            for (int column = 0; column < 2 * d; column++)
            {
                int k = column / 2;
                Complex v = column % 2 == 0 ? QWeight : PWeight;
                double meanColumn = 2 * (v * mean[k]).Real;
                Complex uStarV = Complex.Conjugate(u) * v;
                double symmetrised = (2 * (u * v * aa[(j * d) + k]).Real) + (2 * (uStarV * adaggerA[(j * d) + k]).Real) + (j == k ? uStarV.Real : 0);
                covariance[(row * 2 * d) + column] = symmetrised - (meanRow * meanColumn);
            }
        }
    }
}
