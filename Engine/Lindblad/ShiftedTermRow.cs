using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// One term of a <see cref="ShiftedTermRow"/>: the lane of its source entry for the row's first column, its coefficient
/// c·u_i (re, im) for this row, and the lane of its column factors v at the row's first column (−1: v ≡ 1).
/// </summary>
internal struct RowTerm
{
    public nint Source;
    public double Re, Im;
    public nint Factor;
}

/// <summary>
/// One row segment of a <see cref="ShiftedTerms"/> block, written once (y is overwritten, never accumulated):
/// y_j = (a + g_j)·x_j + Σ_t c_t u_t v_t(j) x_t(j) with complex a, g_j and c_t u_t, real v_t(j), accumulated as
/// P = Re(·)-weighted and Q = Im(·)-weighted real-lane sums (in two sets: the diagonal and the terms with v ≡ 1, and the
/// others) and combined as y = P + i·Q once per entry. Terms with
/// v ≡ 1 come first (no factor load). Complex entries are lane pairs (re, im).
/// <para>
/// <see cref="Run"/> goes in chunks of two vectors (16 lanes as two Vector512s where accelerated, else 8 as two
/// Vector256s); lanes left over get one more chunk moved back to end at the last lane, which recomputes a few entries
/// with the same bits (every entry is a function of the inputs alone). <see cref="RunByEntry"/> does the same
/// arithmetic entry by entry, lane by lane and in the same order, so it gives the same bits; it reads a general term's
/// source only where v_t(j) ≠ 0, so it serves rows whose vector reads would leave the stored state and rows narrower
/// than <see cref="MinimumLanes"/>.
/// </para>
/// <para>
/// Both are compiled fully optimised at their first call (<c>AggressiveOptimization</c>): the tiered JIT would otherwise
/// run them, with every vector operation a call, for the first part of a run.
/// </para>
/// </summary>
internal static class ShiftedTermRow
{
    /// <summary>The narrowest row <see cref="Run"/> takes, in lanes (four columns).</summary>
    public const int MinimumLanes = 8;

    /// <param name="x">The row of the state block (lane of its first column).</param>
    /// <param name="y">The row of the derivative block.</param>
    /// <param name="rho">The whole stored state (term sources are lanes of it).</param>
    /// <param name="factors">The column factor lanes (term factors are lanes of it).</param>
    /// <param name="gRe">Re g_j twice per column (the row's first column).</param>
    /// <param name="gIm">Im g_j twice per column.</param>
    /// <param name="lanes">2 × columns.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        ref double x, ref double y, ref double rho, ref double factors, ref double gRe, ref double gIm, double aRe, double aIm,
        ReadOnlySpan<RowTerm> rowOnly, ReadOnlySpan<RowTerm> general, nint lanes)
    {
        if (Vector512.IsHardwareAccelerated && lanes >= 16)
        {
            nint k = 0;
            for (; k + 16 <= lanes; k += 16)
                Pair<Vector512<double>, Lanes512>(ref x, ref y, ref rho, ref factors, ref gRe, ref gIm, aRe, aIm, rowOnly, general, k);
            if (lanes - k > 8)
                Pair<Vector512<double>, Lanes512>(ref x, ref y, ref rho, ref factors, ref gRe, ref gIm, aRe, aIm, rowOnly, general, lanes - 16);
            else if (lanes > k)
                Pair<Vector256<double>, Lanes256>(ref x, ref y, ref rho, ref factors, ref gRe, ref gIm, aRe, aIm, rowOnly, general, lanes - 8);
            return;
        }
        for (nint k = 0; k < lanes; k += 8)
            Pair<Vector256<double>, Lanes256>(ref x, ref y, ref rho, ref factors, ref gRe, ref gIm, aRe, aIm, rowOnly, general, Math.Min(k, lanes - 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair<TVector, TLanes>(
        ref double x, ref double y, ref double rho, ref double factors, ref double gRe, ref double gIm, double aRe, double aIm,
        ReadOnlySpan<RowTerm> rowOnly, ReadOnlySpan<RowTerm> general, nint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        nint n = TLanes.Count;
        TVector x0 = TLanes.Load(ref x, k), x1 = TLanes.Load(ref x, k + n);
        TVector ar = TLanes.Broadcast(aRe), ai = TLanes.Broadcast(aIm);
        // Two sets of accumulators (the diagonal and the row-only terms; the general terms), so that two chains of
        // dependent fused multiply-adds run side by side.
        TVector p0 = TLanes.Multiply(TLanes.Add(ar, TLanes.Load(ref gRe, k)), x0);
        TVector p1 = TLanes.Multiply(TLanes.Add(ar, TLanes.Load(ref gRe, k + n)), x1);
        TVector q0 = TLanes.Multiply(TLanes.Add(ai, TLanes.Load(ref gIm, k)), x0);
        TVector q1 = TLanes.Multiply(TLanes.Add(ai, TLanes.Load(ref gIm, k + n)), x1);
        foreach (ref readonly var t in rowOnly)
        {
            ref double s = ref Unsafe.Add(ref rho, t.Source + k);
            TVector s0 = TLanes.Load(ref s, 0), s1 = TLanes.Load(ref s, n);
            TVector cr = TLanes.Broadcast(t.Re), ci = TLanes.Broadcast(t.Im);
            p0 = TLanes.FusedMultiplyAdd(cr, s0, p0);
            p1 = TLanes.FusedMultiplyAdd(cr, s1, p1);
            q0 = TLanes.FusedMultiplyAdd(ci, s0, q0);
            q1 = TLanes.FusedMultiplyAdd(ci, s1, q1);
        }
        TVector u0 = default, u1 = default, w0 = default, w1 = default;
        foreach (ref readonly var t in general)
        {
            ref double s = ref Unsafe.Add(ref rho, t.Source + k);
            ref double v = ref Unsafe.Add(ref factors, t.Factor + k);
            TVector s0 = TLanes.Multiply(TLanes.Load(ref s, 0), TLanes.Load(ref v, 0));
            TVector s1 = TLanes.Multiply(TLanes.Load(ref s, n), TLanes.Load(ref v, n));
            TVector cr = TLanes.Broadcast(t.Re), ci = TLanes.Broadcast(t.Im);
            u0 = TLanes.FusedMultiplyAdd(cr, s0, u0);
            u1 = TLanes.FusedMultiplyAdd(cr, s1, u1);
            w0 = TLanes.FusedMultiplyAdd(ci, s0, w0);
            w1 = TLanes.FusedMultiplyAdd(ci, s1, w1);
        }
        TLanes.Store(TLanes.AddTimesI(TLanes.Add(p0, u0), TLanes.Add(q0, w0)), ref y, k);
        TLanes.Store(TLanes.AddTimesI(TLanes.Add(p1, u1), TLanes.Add(q1, w1)), ref y, k + n);
    }

    /// <summary>The arithmetic of <see cref="Run"/> entry by entry (same bits), reading general sources only where v ≠ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunByEntry(
        ref double x, ref double y, ref double rho, ref double factors, ref double gRe, ref double gIm, double aRe, double aIm,
        ReadOnlySpan<RowTerm> rowOnly, ReadOnlySpan<RowTerm> general, nint lanes)
    {
        for (nint k = 0; k < lanes; k += 2)
        {
            double xr = Unsafe.Add(ref x, k), xi = Unsafe.Add(ref x, k + 1);
            double pr = (aRe + Unsafe.Add(ref gRe, k)) * xr, pi = (aRe + Unsafe.Add(ref gRe, k + 1)) * xi;
            double qr = (aIm + Unsafe.Add(ref gIm, k)) * xr, qi = (aIm + Unsafe.Add(ref gIm, k + 1)) * xi;
            foreach (ref readonly var t in rowOnly)
            {
                double sr = Unsafe.Add(ref rho, t.Source + k), si = Unsafe.Add(ref rho, t.Source + k + 1);
                (pr, pi) = (Math.FusedMultiplyAdd(t.Re, sr, pr), Math.FusedMultiplyAdd(t.Re, si, pi));
                (qr, qi) = (Math.FusedMultiplyAdd(t.Im, sr, qr), Math.FusedMultiplyAdd(t.Im, si, qi));
            }
            double ur = 0, ui = 0, wr = 0, wi = 0;
            foreach (ref readonly var t in general)
            {
                double vr = Unsafe.Add(ref factors, t.Factor + k), vi = Unsafe.Add(ref factors, t.Factor + k + 1);
                if (vr == 0 && vi == 0) continue;       // no source in this column: the term adds (signed) zeros
                double sr = Unsafe.Add(ref rho, t.Source + k) * vr, si = Unsafe.Add(ref rho, t.Source + k + 1) * vi;
                (ur, ui) = (Math.FusedMultiplyAdd(t.Re, sr, ur), Math.FusedMultiplyAdd(t.Re, si, ui));
                (wr, wi) = (Math.FusedMultiplyAdd(t.Im, sr, wr), Math.FusedMultiplyAdd(t.Im, si, wi));
            }
            Unsafe.Add(ref y, k) = (pr + ur) - (qi + wi);
            Unsafe.Add(ref y, k + 1) = (pi + ui) + (qr + wr);
        }
    }
}
