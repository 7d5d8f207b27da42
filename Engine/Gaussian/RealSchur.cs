using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using SimdVector = System.Numerics.Vector<double>;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// Real Schur decomposition A = U T Uᵀ of a real square matrix: U orthogonal, T quasi-upper-triangular with 1×1
/// blocks (real eigenvalues) and 2×2 blocks (complex-conjugate pairs, or occasionally a real pair left unsplit) on the
/// diagonal. Computed by Householder reduction to Hessenberg form followed by the implicitly shifted Francis
/// double-shift QR iteration (Golub &amp; Van Loan, Matrix Computations, §7.4–7.5), with exceptional shifts against
/// stagnation. Cost O(n³).
/// </summary>
public sealed class RealSchur
{
    /// <summary>The Francis iteration gives up after this many sweeps per eigenvalue (typically 2–4 suffice).</summary>
    private const int MaxSweepsPerEigenvalue = 40;

    /// <summary>Every tenth sweep without deflation on the same block uses an exceptional (ad hoc) shift.</summary>
    private const int ExceptionalShiftPeriod = 10;

    /// <summary>Relative machine precision 2⁻⁵²: a subdiagonal below this times its diagonal neighbours is zero.</summary>
    private const double UnitRoundoff = 2.220446049250313e-16;

    private const double SmallestNormal = 2.2250738585072014e-308;

    private RealSchur(int order, double[] schurForm, double[] schurVectorsTransposed)
    {
        Order = order;
        SchurFormData = schurForm;
        SchurVectorsTransposedData = schurVectorsTransposed;
        BlockStarts = FindBlocks(order, schurForm);
        Eigenvalues = BlockEigenvalues(order, schurForm, BlockStarts);
    }

    /// <summary>The dimension n.</summary>
    public int Order { get; }

    /// <summary>T, row-major.</summary>
    internal double[] SchurFormData { get; }

    /// <summary>Uᵀ, row-major (row k of Uᵀ is the k-th Schur vector).</summary>
    internal double[] SchurVectorsTransposedData { get; }

    /// <summary>First row of each diagonal block of T; a block ends where the next starts (or at n).</summary>
    internal int[] BlockStarts { get; }

    /// <summary>The eigenvalues of A, in the order of the diagonal blocks of T.</summary>
    public IReadOnlyList<Complex> Eigenvalues { get; }

    /// <summary>The quasi-upper-triangular factor T.</summary>
    public Matrix<double> SchurForm => RowMajor.ToMatrix(SchurFormData, Order);

    /// <summary>The orthogonal factor U (columns are the Schur vectors).</summary>
    public Matrix<double> SchurVectors => RowMajor.ToMatrix(SchurVectorsTransposedData, Order).Transpose();

    /// <summary>Largest real part over the eigenvalues (the spectral abscissa).</summary>
    public double SpectralAbscissa => Eigenvalues.Count == 0 ? double.NegativeInfinity : Eigenvalues.Max(e => e.Real);

    /// <summary>Computes A = U T Uᵀ.</summary>
    /// <exception cref="ArgumentException">A is not square or has non-finite entries.</exception>
    /// <exception cref="NumericalFailureException">The QR iteration did not converge.</exception>
    public static RealSchur Compute(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.RowCount != matrix.ColumnCount)
            throw new ArgumentException($"the matrix must be square, not {matrix.RowCount}×{matrix.ColumnCount}", nameof(matrix));
        int n = matrix.RowCount;
        var h = RowMajor.FromMatrix(matrix);
        if (h.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("the matrix has a NaN or infinite entry", nameof(matrix));
        var ut = new double[n * n];
        for (int i = 0; i < n; i++) ut[i * n + i] = 1;
        ReduceToHessenberg(h, ut, n);
        FrancisIteration(h, ut, n);
        return new RealSchur(n, h, ut);
    }

    /// <summary>Householder reduction H = Pᵀ A P to upper Hessenberg form, accumulating Uᵀ ← Pᵀ Uᵀ.</summary>
    private static void ReduceToHessenberg(double[] h, double[] ut, int n)
    {
        var v = new double[n];
        var w = new double[n];
        for (int k = 0; k < n - 2; k++)
        {
            int m = n - k - 1; // length of the column below the diagonal
            double scale = 0;
            for (int i = k + 1; i < n; i++) scale = Math.Max(scale, Math.Abs(h[i * n + k]));
            if (scale == 0) continue;
            double sumSquares = 0;
            for (int i = 0; i < m; i++)
            {
                v[i] = h[(k + 1 + i) * n + k] / scale;
                sumSquares += v[i] * v[i];
            }
            double tail = sumSquares - v[0] * v[0];
            if (tail == 0) continue; // already zero below the subdiagonal
            double alpha = -Math.CopySign(Math.Sqrt(sumSquares), v[0]);
            v[0] -= alpha;
            double beta = 2 / (v[0] * v[0] + tail);
            var vSpan = v.AsSpan(0, m);

            // Left: rows k+1..n−1, columns k..n−1.  H ← (I − β v vᵀ) H
            var wSpan = w.AsSpan(k, n - k);
            wSpan.Clear();
            for (int i = 0; i < m; i++)
                TensorPrimitives.MultiplyAdd(h.AsSpan((k + 1 + i) * n + k, n - k), v[i], wSpan, wSpan);
            for (int i = 0; i < m; i++)
            {
                var row = h.AsSpan((k + 1 + i) * n + k, n - k);
                TensorPrimitives.MultiplyAdd(wSpan, -beta * v[i], row, row);
            }

            // Right: all rows, columns k+1..n−1.  H ← H (I − β v vᵀ)
            for (int r = 0; r < n; r++)
            {
                var row = h.AsSpan(r * n + k + 1, m);
                double s = TensorPrimitives.Dot(row, vSpan);
                if (s != 0) TensorPrimitives.MultiplyAdd(vSpan, -beta * s, row, row);
            }

            // Accumulate: Uᵀ ← (I − β v vᵀ) Uᵀ on rows k+1..n−1.
            var uw = w.AsSpan(0, n);
            uw.Clear();
            for (int i = 0; i < m; i++)
                TensorPrimitives.MultiplyAdd(ut.AsSpan((k + 1 + i) * n, n), v[i], uw, uw);
            for (int i = 0; i < m; i++)
            {
                var row = ut.AsSpan((k + 1 + i) * n, n);
                TensorPrimitives.MultiplyAdd(uw, -beta * v[i], row, row);
            }

            h[(k + 1) * n + k] = alpha * scale;
            for (int i = k + 2; i < n; i++) h[i * n + k] = 0;
        }
    }

    /// <summary>
    /// Francis double-shift QR on the Hessenberg matrix h (row-major), deflating from the bottom; accumulates the
    /// reflections into Uᵀ. On return h is quasi-upper-triangular with exact zeros below the subdiagonal.
    /// </summary>
    private static void FrancisIteration(double[] h, double[] ut, int n)
    {
        double norm = 0;
        foreach (double value in h) norm = Math.Max(norm, Math.Abs(value));
        int hi = n - 1;
        int sweepsOnBlock = 0;
        int totalSweeps = 0;
        while (hi > 0)
        {
            int lo = FindActiveWindowStart(h, n, hi, norm);
            if (lo == hi) { hi -= 1; sweepsOnBlock = 0; continue; }
            if (lo == hi - 1) { hi -= 2; sweepsOnBlock = 0; continue; }
            if (++totalSweeps > MaxSweepsPerEigenvalue * n)
                throw new NumericalFailureException(
                    $"the Francis QR iteration for the real Schur form did not converge after {totalSweeps - 1} sweeps " +
                    $"(order {n}); the drift matrix may contain NaN or be extremely badly scaled — check the model's rates");
            sweepsOnBlock++;
            FrancisSweep(h, ut, n, lo, hi, exceptional: sweepsOnBlock % ExceptionalShiftPeriod == 0);
        }
        // Remove the round-off left below the subdiagonal by the bulge chase (it is O(ε‖A‖) by construction).
        for (int i = 2; i < n; i++)
            for (int j = 0; j < i - 1; j++) h[i * n + j] = 0;
    }

    /// <summary>Largest lo ≤ hi with a negligible subdiagonal h[lo, lo−1] (set to exactly zero), or 0.</summary>
    private static int FindActiveWindowStart(double[] h, int n, int hi, double norm)
    {
        for (int l = hi; l > 0; l--)
        {
            double neighbourhood = Math.Abs(h[(l - 1) * n + l - 1]) + Math.Abs(h[l * n + l]);
            if (neighbourhood == 0) neighbourhood = norm;
            if (Math.Abs(h[l * n + l - 1]) <= Math.Max(SmallestNormal, UnitRoundoff * neighbourhood))
            {
                h[l * n + l - 1] = 0;
                return l;
            }
        }
        return 0;
    }

    /// <summary>One implicit double-shift sweep on the window [lo, hi] (size ≥ 3), chasing a 3×3 bulge down.</summary>
    private static void FrancisSweep(double[] h, double[] ut, int n, int lo, int hi, bool exceptional)
    {
        double shiftSum, shiftProduct;
        double a = h[(hi - 1) * n + hi - 1], b = h[(hi - 1) * n + hi], c = h[hi * n + hi - 1], d = h[hi * n + hi];
        if (exceptional)
        {
            // Ad hoc shifts built from the size of the last two subdiagonals break cycles of the standard shifts.
            double w = Math.Abs(c) + Math.Abs(h[(hi - 1) * n + hi - 2]);
            double centre = 0.75 * w + d;
            shiftSum = 2 * centre;
            shiftProduct = centre * centre + 0.4375 * w * w;
        }
        else
        {
            shiftSum = a + d;          // trace of the trailing 2×2 block
            shiftProduct = a * d - b * c; // its determinant
        }

        double h00 = h[lo * n + lo], h01 = h[lo * n + lo + 1], h10 = h[(lo + 1) * n + lo];
        double h11 = h[(lo + 1) * n + lo + 1], h21 = h[(lo + 2) * n + lo + 1];
        // First column of (H − s1)(H − s2) = H² − (s1+s2) H + s1 s2.
        double x = h00 * h00 + h01 * h10 - shiftSum * h00 + shiftProduct;
        double y = h10 * (h00 + h11 - shiftSum);
        double z = h10 * h21;

        for (int k = lo; k <= hi - 2; k++)
        {
            if (MakeReflector(ref x, ref y, ref z, out double tau, out double v1, out double v2))
            {
                int firstColumn = Math.Max(lo, k - 1);
                ReflectRows(h, n, k, firstColumn, n - firstColumn, tau, v1, v2);
                ReflectColumns(h, n, k, Math.Min(k + 3, hi) + 1, tau, v1, v2);
                ReflectRows(ut, n, k, 0, n, tau, v1, v2);
                if (k > lo)
                {
                    h[(k + 1) * n + k - 1] = 0;
                    h[(k + 2) * n + k - 1] = 0;
                }
            }
            x = h[(k + 1) * n + k];
            y = h[(k + 2) * n + k];
            if (k < hi - 2) z = h[(k + 3) * n + k];
        }

        // Final 2×2 reflection on rows/columns hi−1, hi.
        double zero = 0;
        if (MakeReflector(ref x, ref y, ref zero, out double tau2, out double w1, out _))
        {
            int firstColumn = hi - 2;
            ReflectRows2(h, n, hi - 1, firstColumn, n - firstColumn, tau2, w1);
            ReflectColumns2(h, n, hi - 1, hi + 1, tau2, w1);
            ReflectRows2(ut, n, hi - 1, 0, n, tau2, w1);
            h[hi * n + hi - 2] = 0;
        }
    }

    /// <summary>
    /// Householder reflector P = I − τ v vᵀ, v = (1, v1, v2), with P (x, y, z)ᵀ = (β, 0, 0)ᵀ. Returns false (P = I)
    /// when y = z = 0. On return x holds β.
    /// </summary>
    private static bool MakeReflector(ref double x, ref double y, ref double z, out double tau, out double v1, out double v2)
    {
        double scale = Math.Abs(x) + Math.Abs(y) + Math.Abs(z);
        if (scale == 0 || (y == 0 && z == 0))
        {
            tau = v1 = v2 = 0;
            return false;
        }
        double xs = x / scale, ys = y / scale, zs = z / scale;
        double beta = -Math.CopySign(Math.Sqrt(xs * xs + ys * ys + zs * zs), xs);
        tau = (beta - xs) / beta;
        double pivot = xs - beta;
        v1 = ys / pivot;
        v2 = zs / pivot;
        x = beta * scale;
        y = z = 0;
        return true;
    }

    /// <summary>Rows k..k+2, columns [first, first+count): M ← P M (vectorised across the columns).</summary>
    private static void ReflectRows(double[] m, int n, int k, int first, int count, double tau, double v1, double v2)
    {
        var r0 = m.AsSpan(k * n + first, count);
        var r1 = m.AsSpan((k + 1) * n + first, count);
        var r2 = m.AsSpan((k + 2) * n + first, count);
        int j = 0;
        if (Vector.IsHardwareAccelerated && count >= SimdVector.Count)
        {
            var tauV = new SimdVector(tau);
            var v1V = new SimdVector(v1);
            var v2V = new SimdVector(v2);
            var w0 = MemoryMarshal.Cast<double, SimdVector>(r0);
            var w1 = MemoryMarshal.Cast<double, SimdVector>(r1);
            var w2 = MemoryMarshal.Cast<double, SimdVector>(r2);
            for (int b = 0; b < w0.Length; b++)
            {
                var s = tauV * (w0[b] + v1V * w1[b] + v2V * w2[b]);
                w0[b] -= s;
                w1[b] -= s * v1V;
                w2[b] -= s * v2V;
            }
            j = w0.Length * SimdVector.Count;
        }
        for (; j < count; j++)
        {
            double s = tau * (r0[j] + v1 * r1[j] + v2 * r2[j]);
            r0[j] -= s;
            r1[j] -= s * v1;
            r2[j] -= s * v2;
        }
    }

    /// <summary>Columns k..k+2, rows [0, rowEnd): M ← M P.</summary>
    private static void ReflectColumns(double[] m, int n, int k, int rowEnd, double tau, double v1, double v2)
    {
        for (int i = 0; i < rowEnd; i++)
        {
            int p = i * n + k;
            double s = tau * (m[p] + v1 * m[p + 1] + v2 * m[p + 2]);
            m[p] -= s;
            m[p + 1] -= s * v1;
            m[p + 2] -= s * v2;
        }
    }

    private static void ReflectRows2(double[] m, int n, int k, int first, int count, double tau, double v1)
    {
        var r0 = m.AsSpan(k * n + first, count);
        var r1 = m.AsSpan((k + 1) * n + first, count);
        for (int j = 0; j < count; j++)
        {
            double s = tau * (r0[j] + v1 * r1[j]);
            r0[j] -= s;
            r1[j] -= s * v1;
        }
    }

    private static void ReflectColumns2(double[] m, int n, int k, int rowEnd, double tau, double v1)
    {
        for (int i = 0; i < rowEnd; i++)
        {
            int p = i * n + k;
            double s = tau * (m[p] + v1 * m[p + 1]);
            m[p] -= s;
            m[p + 1] -= s * v1;
        }
    }

    private static int[] FindBlocks(int n, double[] t)
    {
        var starts = new List<int>(n);
        int i = 0;
        while (i < n)
        {
            starts.Add(i);
            i += i + 1 < n && t[(i + 1) * n + i] != 0 ? 2 : 1;
        }
        return [.. starts];
    }

    private static Complex[] BlockEigenvalues(int n, double[] t, int[] starts)
    {
        var eigenvalues = new List<Complex>(n);
        foreach (int s in starts)
        {
            if (s + 1 < n && t[(s + 1) * n + s] != 0)
            {
                double a = t[s * n + s], b = t[s * n + s + 1], c = t[(s + 1) * n + s], d = t[(s + 1) * n + s + 1];
                double mean = 0.5 * (a + d), half = 0.5 * (a - d);
                double discriminant = half * half + b * c;
                if (discriminant >= 0)
                {
                    double root = Math.Sqrt(discriminant);
                    // Avoid cancellation: take the larger-magnitude root first, the other from the determinant.
                    double big = mean + Math.CopySign(root, mean);
                    double det = a * d - b * c;
                    double small = big != 0 ? det / big : mean - Math.CopySign(root, mean);
                    eigenvalues.Add(big);
                    eigenvalues.Add(small);
                }
                else
                {
                    double imaginary = Math.Sqrt(-discriminant);
                    eigenvalues.Add(new Complex(mean, imaginary));
                    eigenvalues.Add(new Complex(mean, -imaginary));
                }
            }
            else
            {
                eigenvalues.Add(t[s * n + s]);
            }
        }
        return [.. eigenvalues];
    }
}
