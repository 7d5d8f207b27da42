using System.Numerics.Tensors;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// Solves the continuous Lyapunov equation A X + X Aᵀ + Q = 0 for real A and symmetric Q by the Bartels–Stewart
/// method: with the real Schur form A = U T Uᵀ the equation becomes T Y + Y Tᵀ = −Uᵀ Q U for Y = Uᵀ X U, which is
/// solved block by block (1×1 and 2×2 diagonal blocks of T) from the bottom-right corner, using Y = Yᵀ so that
/// only the upper block triangle is solved. O(n³) time and O(n²) memory; backward stable in the sense of the Schur
/// method. The solution is unique when λ_i + λ_j ≠ 0 for all eigenvalues of A (true when A is stable).
/// </summary>
public static class LyapunovSolver
{
    /// <summary>Largest ‖Q − Qᵀ‖_max / ‖Q‖_max accepted as round-off in a symmetric right-hand side.</summary>
    private const double SymmetryTolerance = 1e-10;

    /// <summary>Solves A X + X Aᵀ + Q = 0; returns the symmetrised X.</summary>
    /// <exception cref="ArgumentException">A or Q is not square, their sizes differ, or Q is not symmetric.</exception>
    /// <exception cref="NumericalFailureException">λ_i(A) + λ_j(A) ≈ 0 for some pair (no unique solution).</exception>
    public static Matrix<double> Solve(Matrix<double> a, Matrix<double> q)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(q);
        if (a.RowCount != a.ColumnCount)
            throw new ArgumentException($"A must be square, not {a.RowCount}×{a.ColumnCount}", nameof(a));
        return Solve(RealSchur.Compute(a), q);
    }

    /// <summary>Solves A X + X Aᵀ + Q = 0 given the real Schur form of A (reuse it when it was needed anyway).</summary>
    public static Matrix<double> Solve(RealSchur schurOfA, Matrix<double> q)
    {
        ArgumentNullException.ThrowIfNull(schurOfA);
        ArgumentNullException.ThrowIfNull(q);
        int n = schurOfA.Order;
        if (q.RowCount != n || q.ColumnCount != n)
            throw new ArgumentException($"Q must be {n}×{n} like A, not {q.RowCount}×{q.ColumnCount}", nameof(q));
        var qData = RowMajor.FromMatrix(q);
        CheckSymmetric(qData, n);
        return RowMajor.ToMatrix(SolveRowMajor(schurOfA, qData), n);
    }

    /// <summary>Row-major core: returns X for A X + X Aᵀ + Q = 0 (Q symmetric, overwritten).</summary>
    internal static double[] SolveRowMajor(RealSchur schur, double[] q)
    {
        int n = schur.Order;
        var ut = schur.SchurVectorsTransposedData;
        var work = new double[n * n];
        var c = new double[n * n];

        // C = −Uᵀ Q U = −Uᵀ (Uᵀ Q)ᵀ, using Q = Qᵀ: work = Uᵀ Q, C_ij = −row_i(Uᵀ) · row_j(work).
        RowMajor.Multiply(ut, q, work, n);
        RowMajor.MultiplyTransposedSymmetric(ut, work, c, n);
        TensorPrimitives.Negate(c, c);

        var y = SolveQuasiTriangular(schur.SchurFormData, schur.BlockStarts, c, n);

        // X = U Y Uᵀ: with U = (Uᵀ)ᵀ, work = U Y, X_ij = row_i(work) · row_j(U).
        var u = RowMajor.Transpose(ut, n);
        RowMajor.Multiply(u, y, work, n);
        var x = new double[n * n];
        RowMajor.MultiplyTransposedSymmetric(work, u, x, n);
        return x;
    }

    /// <summary>
    /// Solves T Y + Y Tᵀ = C for symmetric Y, T quasi-upper-triangular. Column block J (from the last) satisfies
    /// T Y_{:,J} + Y_{:,J} T_JJᵀ = C_{:,J} − Σ_{K&gt;J} Y_{:,K} T_JKᵀ, solved for row blocks I ≤ J from the bottom:
    /// T_II Y_IJ + Y_IJ T_JJᵀ = R_IJ − Σ_{L&gt;I} T_IL Y_LJ. Entries with I &gt; J come from symmetry.
    /// </summary>
    private static double[] SolveQuasiTriangular(double[] t, int[] blockStarts, double[] c, int n)
    {
        var y = new double[n * n];
        Span<double> rhs = stackalloc double[4];
        Span<double> system = stackalloc double[16];
        for (int jb = blockStarts.Length - 1; jb >= 0; jb--)
        {
            int j0 = blockStarts[jb];
            int jEnd = jb + 1 < blockStarts.Length ? blockStarts[jb + 1] : n;
            int bj = jEnd - j0;
            int tailLength = n - jEnd;

            // R_{i,j} = C_{i,j} − Σ_{m ≥ jEnd} Y_{i,m} T_{j,m}, for rows i < jEnd, stored in c.
            if (tailLength > 0)
            {
                for (int j = j0; j < jEnd; j++)
                {
                    var tRow = t.AsSpan(j * n + jEnd, tailLength);
                    for (int i = 0; i < jEnd; i++)
                        c[i * n + j] -= TensorPrimitives.Dot(y.AsSpan(i * n + jEnd, tailLength), tRow);
                }
            }

            for (int ib = jb; ib >= 0; ib--)
            {
                int i0 = blockStarts[ib];
                int iEnd = ib + 1 < blockStarts.Length ? blockStarts[ib + 1] : n;
                int bi = iEnd - i0;
                int rest = n - iEnd;
                // rhs(a, c) = R_{i0+a, j0+c} − Σ_{m ≥ iEnd} T_{i0+a, m} Y_{m, j0+c}; Y_{m, j} = Y_{j, m} (row j contiguous).
                for (int a = 0; a < bi; a++)
                {
                    var tRow = t.AsSpan((i0 + a) * n + iEnd, rest);
                    for (int col = 0; col < bj; col++)
                    {
                        double value = c[(i0 + a) * n + j0 + col];
                        if (rest > 0) value -= TensorPrimitives.Dot(tRow, y.AsSpan((j0 + col) * n + iEnd, rest));
                        rhs[a * bj + col] = value;
                    }
                }
                SolveSmallSylvester(t, n, i0, bi, j0, bj, rhs, system);
                for (int a = 0; a < bi; a++)
                    for (int col = 0; col < bj; col++)
                    {
                        double value = rhs[a * bj + col];
                        y[(i0 + a) * n + j0 + col] = value;
                        y[(j0 + col) * n + i0 + a] = value;
                    }
            }
        }
        return y;
    }

    /// <summary>
    /// Solves T_II Z + Z T_JJᵀ = rhs for Z (bi×bj, bi, bj ∈ {1, 2}) as a (bi·bj)-dimensional linear system by Gaussian
    /// elimination with partial pivoting; rhs is overwritten with Z (row-major).
    /// </summary>
    private static void SolveSmallSylvester(double[] t, int n, int i0, int bi, int j0, int bj, Span<double> rhs, Span<double> system)
    {
        int size = bi * bj;
        // Row (a, c), column (b, d): T_II[a, b] δ_cd + δ_ab T_JJ[c, d].
        double scale = 0;
        for (int a = 0; a < bi; a++)
            for (int col = 0; col < bj; col++)
                for (int b = 0; b < bi; b++)
                    for (int d = 0; d < bj; d++)
                    {
                        double value = (col == d ? t[(i0 + a) * n + i0 + b] : 0) + (a == b ? t[(j0 + col) * n + j0 + d] : 0);
                        system[(a * bj + col) * size + b * bj + d] = value;
                        scale = Math.Max(scale, Math.Abs(value));
                    }

        for (int k = 0; k < size; k++)
        {
            int pivot = k;
            for (int r = k + 1; r < size; r++)
                if (Math.Abs(system[r * size + k]) > Math.Abs(system[pivot * size + k])) pivot = r;
            if (Math.Abs(system[pivot * size + k]) <= 1e-14 * Math.Max(scale, double.Epsilon))
                throw new NumericalFailureException(
                    $"the Lyapunov equation is singular: two eigenvalues of the drift (Schur blocks at {i0} and {j0}) " +
                    "sum to zero, so there is no unique steady state; check that every mode is damped");
            if (pivot != k)
            {
                for (int col = 0; col < size; col++)
                    (system[k * size + col], system[pivot * size + col]) = (system[pivot * size + col], system[k * size + col]);
                (rhs[k], rhs[pivot]) = (rhs[pivot], rhs[k]);
            }
            for (int r = k + 1; r < size; r++)
            {
                double factor = system[r * size + k] / system[k * size + k];
                if (factor == 0) continue;
                for (int col = k; col < size; col++) system[r * size + col] -= factor * system[k * size + col];
                rhs[r] -= factor * rhs[k];
            }
        }
        for (int k = size - 1; k >= 0; k--)
        {
            double value = rhs[k];
            for (int col = k + 1; col < size; col++) value -= system[k * size + col] * rhs[col];
            rhs[k] = value / system[k * size + k];
        }
    }

    private static void CheckSymmetric(double[] q, int n)
    {
        double largest = 0, asymmetry = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                largest = Math.Max(largest, Math.Abs(q[i * n + j]));
                asymmetry = Math.Max(asymmetry, Math.Abs(q[i * n + j] - q[j * n + i]));
            }
        if (asymmetry > SymmetryTolerance * largest)
            throw new ArgumentException(
                $"Q must be symmetric (max |Q_ij − Q_ji| = {asymmetry:G3} against max |Q_ij| = {largest:G3})", nameof(q));
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double mean = 0.5 * (q[i * n + j] + q[j * n + i]);
                q[i * n + j] = mean;
                q[j * n + i] = mean;
            }
    }
}
