using System.Buffers;
using System.Numerics;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// Eigenvalues (only) of a dense complex Hermitian matrix: Householder reduction to a Hermitian tridiagonal matrix,
/// whose off-diagonal phases are removed by a diagonal unitary, then implicit QL iterations with Wilkinson-type
/// shifts on the real symmetric tridiagonal matrix. About (16/3)n³ real flops and no eigenvectors: several times
/// cheaper than a full eigendecomposition, which is what the trace norm of a partial transpose needs.
/// </summary>
public static class HermitianEigenvalues
{
    private const int MaxIterationsPerEigenvalue = 60;

    /// <summary>The smallest normal double: <see cref="Hypot"/> squares directly when the sum of squares is at least this.</summary>
    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>Unit round-off 2⁻⁵³: an off-diagonal below it relative to its neighbours is negligible.</summary>
    private const double RoundOff = 1.1102230246251565e-16;

    /// <summary>
    /// The eigenvalues (unsorted) of the Hermitian row-major n×n matrix <paramref name="matrix"/>, defined by its lower
    /// triangle and the real part of its diagonal (the upper triangle is not read). The input is not modified.
    /// </summary>
    /// <exception cref="ArithmeticException">QL did not converge (only for non-finite input).</exception>
    public static double[] Compute(Complex[] matrix, int n)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (n < 0 || matrix.Length < (long)n * n) throw new ArgumentException($"need an n×n matrix, n = {n}", nameof(matrix));
        var diagonal = new double[n];
        var offDiagonal = new double[n];
        Tridiagonalise(matrix, n, diagonal, offDiagonal);
        TridiagonalQl(diagonal, offDiagonal);
        return diagonal;
    }

    /// <summary>
    /// Reduces A to tridiagonal form T = Q* A Q column by column: for column k, the Householder reflector
    /// H = I − β u u* (β = 2/‖u‖², u = x + e^{i arg x₀}‖x‖ e₁, x = A[k+1.., k]) maps x to −e^{i arg x₀}‖x‖ e₁, and the
    /// trailing block B is updated as B − u q* − q u* with p = β B u, q = p − (β/2)(u* p) u. |T_{k+1,k}| = ‖x‖, and
    /// the phases of the off-diagonal do not change the spectrum.
    /// </summary>
    private static void Tridiagonalise(Complex[] a, int n, double[] diagonal, double[] offDiagonal)
    {
        // Split storage (real and imaginary planes) so that the O(n³) loops run on System.Numerics.Vector<double>; pooled,
        // as a fresh pair per call cost page faults in the per-time negativity of a run.
        var re = ArrayPool<double>.Shared.Rent(n * n);
        var im = ArrayPool<double>.Shared.Rent(n * n);
        for (int i = 0; i < n * n; i++)
        {
            re[i] = a[i].Real;
            im[i] = a[i].Imaginary;
        }
        var ur = new double[n];
        var ui = new double[n];
        var qr = new double[n];
        var qi = new double[n];
        for (int k = 0; k < n - 1; k++)
        {
            int start = k + 1, m = n - start;
            // x is scaled by its largest entry first: the reflector does not depend on the scale, and ‖x‖² of tiny
            // entries would underflow.
            double scale = 0;
            for (int i = 0; i < m; i++)
            {
                ur[i] = re[((start + i) * n) + k];
                ui[i] = im[((start + i) * n) + k];
                scale = Math.Max(scale, Math.Max(Math.Abs(ur[i]), Math.Abs(ui[i])));
            }
            offDiagonal[k] = 0;
            if (scale == 0) continue;
            double norm2 = 0;
            for (int i = 0; i < m; i++)
            {
                ur[i] /= scale;
                ui[i] /= scale;
                norm2 += (ur[i] * ur[i]) + (ui[i] * ui[i]);
            }
            double norm = Math.Sqrt(norm2);
            offDiagonal[k] = norm * scale;
            if (m == 1) continue;
            double x0 = Math.Sqrt((ur[0] * ur[0]) + (ui[0] * ui[0]));
            double phaseRe = x0 == 0 ? 1 : ur[0] / x0, phaseIm = x0 == 0 ? 0 : ui[0] / x0;
            ur[0] += phaseRe * norm;
            ui[0] += phaseIm * norm;
            double unorm2 = 0;
            for (int i = 0; i < m; i++) unorm2 += (ur[i] * ur[i]) + (ui[i] * ui[i]);
            double beta = 2 / unorm2;

            // p = β B u (into q) from the lower triangle of the Hermitian B, then K = (β/2) u* p, q = p − K u.
            Array.Clear(qr, 0, m);
            Array.Clear(qi, 0, m);
            for (int i = 0; i < m; i++)
            {
                int offset = ((start + i) * n) + start;
                var (sRe, sIm) = LowerRowProduct(re.AsSpan(offset, i), im.AsSpan(offset, i), ur.AsSpan(0, i), ui.AsSpan(0, i),
                    ur[i], ui[i], qr.AsSpan(0, i), qi.AsSpan(0, i));
                double diagonalEntry = re[offset + i];
                qr[i] += sRe + (diagonalEntry * ur[i]);
                qi[i] += sIm + (diagonalEntry * ui[i]);
            }
            double kRe = 0, kIm = 0;
            for (int i = 0; i < m; i++)
            {
                qr[i] *= beta;
                qi[i] *= beta;
                kRe += (ur[i] * qr[i]) + (ui[i] * qi[i]);      // conj(u_i) q_i
                kIm += (ur[i] * qi[i]) - (ui[i] * qr[i]);
            }
            kRe *= beta / 2;
            kIm *= beta / 2;
            for (int i = 0; i < m; i++)
            {
                double pr = qr[i], pi = qi[i];
                qr[i] = pr - ((kRe * ur[i]) - (kIm * ui[i]));
                qi[i] = pi - ((kRe * ui[i]) + (kIm * ur[i]));
            }

            // B ← B − u q* − q u* on the lower triangle (j ≤ i) only: B stays Hermitian.
            for (int i = 0; i < m; i++)
            {
                int offset = ((start + i) * n) + start;
                RankTwoUpdateRow(re.AsSpan(offset, i + 1), im.AsSpan(offset, i + 1), ur[i], ui[i], qr[i], qi[i],
                    ur.AsSpan(0, i + 1), ui.AsSpan(0, i + 1), qr.AsSpan(0, i + 1), qi.AsSpan(0, i + 1));
            }
        }
        for (int k = 0; k < n; k++) diagonal[k] = re[(k * n) + k];
        if (n > 0) offDiagonal[n - 1] = 0;
        ArrayPool<double>.Shared.Return(re);
        ArrayPool<double>.Shared.Return(im);
    }

    /// <summary>
    /// One row i of the lower triangle, L_ij for j &lt; i (br + i·bi): returns Σ_j L_ij u_j and adds conj(L_ij) u_i to p_j,
    /// the contribution of the mirrored upper-triangle entry B_ji = conj(L_ij) — one pass over the row for both.
    /// </summary>
    private static (double Re, double Im) LowerRowProduct(ReadOnlySpan<double> br, ReadOnlySpan<double> bi, ReadOnlySpan<double> ur,
        ReadOnlySpan<double> ui, double uiRe, double uiIm, Span<double> pr, Span<double> pi)
    {
        int m = br.Length, j = 0;
        double sRe = 0, sIm = 0;
        if (Vector.IsHardwareAccelerated && m >= Vector<double>.Count)
        {
            Vector<double> accRe = Vector<double>.Zero, accIm = Vector<double>.Zero;
            var a = new Vector<double>(uiRe);
            var b = new Vector<double>(uiIm);
            for (; j <= m - Vector<double>.Count; j += Vector<double>.Count)
            {
                var vbr = new Vector<double>(br[j..]);
                var vbi = new Vector<double>(bi[j..]);
                var vur = new Vector<double>(ur[j..]);
                var vui = new Vector<double>(ui[j..]);
                accRe += (vbr * vur) - (vbi * vui);
                accIm += (vbr * vui) + (vbi * vur);
                (new Vector<double>(pr[j..]) + (vbr * a) + (vbi * b)).CopyTo(pr[j..]);
                (new Vector<double>(pi[j..]) + (vbr * b) - (vbi * a)).CopyTo(pi[j..]);
            }
            sRe = Vector.Sum(accRe);
            sIm = Vector.Sum(accIm);
        }
        for (; j < m; j++)
        {
            sRe += (br[j] * ur[j]) - (bi[j] * ui[j]);
            sIm += (br[j] * ui[j]) + (bi[j] * ur[j]);
            pr[j] += (br[j] * uiRe) + (bi[j] * uiIm);
            pi[j] += (br[j] * uiIm) - (bi[j] * uiRe);
        }
        return (sRe, sIm);
    }

    /// <summary>Row i of B ← B − u q* − q u*: B_ij −= u_i conj(q_j) + q_i conj(u_j).</summary>
    private static void RankTwoUpdateRow(Span<double> br, Span<double> bi, double uiRe, double uiIm, double qiRe, double qiIm,
        ReadOnlySpan<double> ur, ReadOnlySpan<double> ui, ReadOnlySpan<double> qr, ReadOnlySpan<double> qi)
    {
        int m = br.Length, j = 0;
        if (Vector.IsHardwareAccelerated && m >= Vector<double>.Count)
        {
            var a = new Vector<double>(uiRe);
            var b = new Vector<double>(uiIm);
            var c = new Vector<double>(qiRe);
            var d = new Vector<double>(qiIm);
            for (; j <= m - Vector<double>.Count; j += Vector<double>.Count)
            {
                var vqr = new Vector<double>(qr[j..]);
                var vqi = new Vector<double>(qi[j..]);
                var vur = new Vector<double>(ur[j..]);
                var vui = new Vector<double>(ui[j..]);
                var newRe = new Vector<double>(br[j..]) - ((a * vqr) + (b * vqi) + (c * vur) + (d * vui));
                var newIm = new Vector<double>(bi[j..]) - ((b * vqr) - (a * vqi) + (d * vur) - (c * vui));
                newRe.CopyTo(br[j..]);
                newIm.CopyTo(bi[j..]);
            }
        }
        for (; j < m; j++)
        {
            br[j] -= (uiRe * qr[j]) + (uiIm * qi[j]) + (qiRe * ur[j]) + (qiIm * ui[j]);
            bi[j] -= (uiIm * qr[j]) - (uiRe * qi[j]) + (qiIm * ur[j]) - (qiRe * ui[j]);
        }
    }

    /// <summary>
    /// Eigenvalues of the symmetric tridiagonal matrix (d, e), e[i] coupling i and i+1, by implicit QL with shifts
    /// (the classical tql1 scheme without eigenvectors). On return d holds the eigenvalues; e is destroyed.
    /// </summary>
    private static void TridiagonalQl(double[] d, double[] e)
    {
        int n = d.Length;
        // Off-diagonals below round-off of the whole matrix are dropped too (they move eigenvalues by less than that, and
        // the Householder reduction is only accurate to it anyway); without this, underflowing entries can stall QL.
        double norm = 0;
        for (int i = 0; i < n; i++) norm = Math.Max(norm, Math.Abs(d[i]) + Math.Abs(e[i]));
        double floor = 1e-3 * norm;
        for (int l = 0; l < n; l++)
        {
            int iterations = 0;
            while (true)
            {
                int m = l;
                for (; m < n - 1; m++)
                {
                    double dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= RoundOff * (dd + floor)) break;
                }
                if (m == l) break;
                if (++iterations > MaxIterationsPerEigenvalue)
                    throw new ArithmeticException("tridiagonal QL did not converge (is the matrix finite?)");

                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Hypot(g, 1);
                g = d[m] - d[l] + (e[l] / (g + (g >= 0 ? r : -r)));
                double s = 1, c = 1, p = 0;
                bool deflated = false;
                for (int i = m - 1; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    r = Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    double inverse = 1 / r;
                    s = f * inverse;
                    c = g * inverse;
                    g = d[i + 1] - p;
                    r = ((d[i] - g) * s) + (2 * c * b);
                    p = s * r;
                    d[i + 1] = g + p;
                    g = (c * r) - b;
                }
                if (deflated) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }

    /// <summary>
    /// √(x² + y²): directly when x² + y² is a normal number (error ≤ 1 ulp, no division), else scaled by the larger
    /// magnitude, so that neither underflow nor overflow of the squares loses it.
    /// </summary>
    private static double Hypot(double x, double y)
    {
        double sum = (x * x) + (y * y);
        if (sum >= SmallestNormal && sum <= double.MaxValue) return Math.Sqrt(sum);
        double ax = Math.Abs(x), ay = Math.Abs(y);
        double big = Math.Max(ax, ay), small = Math.Min(ax, ay);
        if (big == 0) return 0;
        double ratio = small / big;
        return big * Math.Sqrt(1 + (ratio * ratio));
    }
}
