using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// Converts between ladder moments (⟨a⟩, M_ij = ⟨a_i† a_j⟩, K_ij = ⟨a_i a_j⟩) and quadrature moments (⟨x⟩, Σ).
/// With centred M̃ = M − ⟨a⟩* ⟨a⟩ᵀ and K̃ = K − ⟨a⟩ ⟨a⟩ᵀ, and a = (q + i p)/√2:
/// ⟨q_i⟩ = √2 Re⟨a_i⟩, ⟨p_i⟩ = √2 Im⟨a_i⟩,
/// Σ(q_i, q_j) = Re M̃_ij + Re K̃_ij + δ_ij/2,  Σ(p_i, p_j) = Re M̃_ij − Re K̃_ij + δ_ij/2,
/// Σ(q_i, p_j) = Im M̃_ij + Im K̃_ij.
/// </summary>
public static class GaussianMoments
{
    private static readonly double Sqrt2 = Math.Sqrt(2);

    /// <summary>Ladder moments → quadrature moments.</summary>
    public static QuadratureMoments ToQuadratures(LadderMoments moments)
    {
        ArgumentNullException.ThrowIfNull(moments);
        int d = moments.Modes;
        if (moments.AdaggerA.RowCount != d || moments.AdaggerA.ColumnCount != d || moments.AA.RowCount != d || moments.AA.ColumnCount != d)
            throw new ArgumentException($"AdaggerA and AA must be {d}×{d} to match the mean", nameof(moments));
        var mean = Vector<double>.Build.Dense(2 * d);
        var sigma = Matrix<double>.Build.Dense(2 * d, 2 * d);
        for (int i = 0; i < d; i++)
        {
            mean[2 * i] = Sqrt2 * moments.Mean[i].Real;
            mean[2 * i + 1] = Sqrt2 * moments.Mean[i].Imaginary;
        }
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                Complex m = moments.AdaggerA[i, j] - Complex.Conjugate(moments.Mean[i]) * moments.Mean[j];
                Complex k = moments.AA[i, j] - moments.Mean[i] * moments.Mean[j];
                double delta = i == j ? 0.5 : 0;
                sigma[2 * i, 2 * j] = m.Real + k.Real + delta;
                sigma[2 * i + 1, 2 * j + 1] = m.Real - k.Real + delta;
                sigma[2 * i, 2 * j + 1] = m.Imaginary + k.Imaginary;
            }
        // Σ(p_i, q_j) = Σ(q_j, p_i) fills the lower off-diagonal entries of each 2×2 block.
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                sigma[2 * i + 1, 2 * j] = sigma[2 * j, 2 * i + 1];
        return new QuadratureMoments(mean, sigma);
    }

    /// <summary>Quadrature moments → ladder moments (inverse of <see cref="ToQuadratures"/>).</summary>
    public static LadderMoments ToLadder(QuadratureMoments moments)
    {
        ArgumentNullException.ThrowIfNull(moments);
        int n = moments.Mean.Count;
        if (n % 2 != 0 || moments.Covariance.RowCount != n || moments.Covariance.ColumnCount != n)
            throw new ArgumentException($"the mean must have even length 2d and the covariance be 2d×2d (got {n} and " +
                                        $"{moments.Covariance.RowCount}×{moments.Covariance.ColumnCount})", nameof(moments));
        int d = n / 2;
        var s = moments.Covariance;
        var mean = Vector<Complex>.Build.Dense(d, i => new Complex(moments.Mean[2 * i], moments.Mean[2 * i + 1]) / Sqrt2);
        var adaggerA = Matrix<Complex>.Build.Dense(d, d);
        var aa = Matrix<Complex>.Build.Dense(d, d);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                double delta = i == j ? 0.5 : 0;
                double sqq = 0.5 * (s[2 * i, 2 * j] + s[2 * j, 2 * i]);
                double spp = 0.5 * (s[2 * i + 1, 2 * j + 1] + s[2 * j + 1, 2 * i + 1]);
                double sqp = 0.5 * (s[2 * i, 2 * j + 1] + s[2 * j + 1, 2 * i]);
                double sqpSwapped = 0.5 * (s[2 * j, 2 * i + 1] + s[2 * i + 1, 2 * j]);
                var m = new Complex(0.5 * (sqq + spp) - delta, 0.5 * (sqp - sqpSwapped));
                var k = new Complex(0.5 * (sqq - spp), 0.5 * (sqp + sqpSwapped));
                adaggerA[i, j] = m + Complex.Conjugate(mean[i]) * mean[j];
                aa[i, j] = k + mean[i] * mean[j];
            }
        return new LadderMoments(mean, adaggerA, aa);
    }
}
