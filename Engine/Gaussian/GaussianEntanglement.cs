using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// Entanglement of a Gaussian state from its covariance Σ (quadrature order q_1, p_1, …, q_d, p_d; vacuum I/2) by the
/// PPT criterion: partial transposition of side B flips the sign of its p's, Σ̃ = P Σ P, and the log-negativity is
/// E_N = Σ_k max(0, −ln(2 ν̃_k)) (natural log) over the d symplectic eigenvalues ν̃_k of Σ̃, the moduli of the
/// eigenvalues of i Ω Σ̃. E_N &gt; 0 ⇔ the state is entangled across the cut when either side is one mode or the state
/// is bisymmetric; E_N = 0 is necessary for separability in general.
/// </summary>
public static class GaussianEntanglement
{
    /// <summary>E_N of the cut (modes of side B | the rest).</summary>
    /// <exception cref="ArgumentException">Σ is not 2d×2d, not symmetric positive definite, or a mode index is out of range.</exception>
    public static double LogNegativity(Matrix<double> sigma, IReadOnlyList<int> modesOfSideB)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        ArgumentNullException.ThrowIfNull(modesOfSideB);
        CheckCovariance(sigma, nameof(sigma));
        int d = sigma.RowCount / 2;
        var transposed = sigma.Clone();
        var flipped = new bool[d];
        foreach (int mode in modesOfSideB)
        {
            if (mode < 0 || mode >= d)
                throw new ArgumentException($"mode {mode} of side B is outside 0..{d - 1}", nameof(modesOfSideB));
            flipped[mode] = true;
        }
        for (int i = 0; i < 2 * d; i++)
            for (int j = 0; j < 2 * d; j++)
            {
                bool flipI = i % 2 == 1 && flipped[i / 2];
                bool flipJ = j % 2 == 1 && flipped[j / 2];
                if (flipI != flipJ) transposed[i, j] = -transposed[i, j];
            }
        double total = 0;
        foreach (double nu in SymplecticEigenvalues(transposed))
            total += Math.Max(0, -Math.Log(2 * nu));
        return total;
    }

    /// <summary>
    /// The d symplectic eigenvalues of a positive definite Σ, ascending. With S = Σ^{1/2}, the real antisymmetric
    /// matrix S Ω S has eigenvalues ±i ν_k, so ν_k² are the (doubly degenerate) eigenvalues of the symmetric positive
    /// semidefinite matrix (S Ω S)ᵀ (S Ω S) = S Ωᵀ Σ Ω S; a symmetric eigenproblem keeps this well conditioned.
    /// </summary>
    public static double[] SymplecticEigenvalues(Matrix<double> sigma)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        CheckCovariance(sigma, nameof(sigma));
        int n = sigma.RowCount;
        var evd = sigma.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        double smallest = evd.EigenValues.Min(e => e.Real);
        if (!(smallest > 0))
            throw new ArgumentException($"the covariance must be positive definite (smallest eigenvalue {smallest:G3})", nameof(sigma));
        var v = evd.EigenVectors;
        var sqrt = v * Matrix<double>.Build.DenseOfDiagonalArray(evd.EigenValues.Select(e => Math.Sqrt(e.Real)).ToArray()) * v.Transpose();
        var antisymmetric = sqrt * QuadratureBasis.SymplecticForm(n / 2) * sqrt;
        var gram = antisymmetric.TransposeThisAndMultiply(antisymmetric);
        gram = 0.5 * (gram + gram.Transpose());
        var squares = gram.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues
            .Select(e => Math.Max(0, e.Real)).Order().ToArray();
        // Pairs (2k, 2k+1) are degenerate up to round-off: average them.
        return Enumerable.Range(0, n / 2).Select(k => Math.Sqrt(0.5 * (squares[2 * k] + squares[2 * k + 1]))).ToArray();
    }

    internal static void CheckCovariance(Matrix<double> sigma, string parameter)
    {
        if (sigma.RowCount != sigma.ColumnCount || sigma.RowCount % 2 != 0 || sigma.RowCount == 0)
            throw new ArgumentException($"the covariance must be 2d×2d, not {sigma.RowCount}×{sigma.ColumnCount}", parameter);
        double asymmetry = (sigma - sigma.Transpose()).InfinityNorm();
        if (!(asymmetry <= 1e-9 * Math.Max(1, sigma.InfinityNorm())))
            throw new ArgumentException($"the covariance must be symmetric (asymmetry {asymmetry:G3})", parameter);
    }
}
