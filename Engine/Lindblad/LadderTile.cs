using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// One band of rows of a <see cref="LadderJumps"/> tile with four or two active jumps, as references into the stored
/// state: y = (a_i + g_c)·x + Σ_q (s_q[c]·r_q(i))·x_q in jump order, lane by lane (re and im of each complex entry
/// are two lanes with the same real factors). The kernels run column chunks of two vectors outer, with the column
/// factors s_q and g in registers, and the rows inner, reading each row's (a_i, r_q(i)) from one record.
/// <para>
/// Chunks are two Vector512s (16 lanes) where those are hardware accelerated, else two Vector256s (8 lanes). Lanes
/// left over after the whole chunks get one more chunk (8 lanes, or 16 when more than 8 are left), moved back to end
/// at the last lane: it recomputes a few entries, which get the same bits, since every entry is a function of the
/// inputs alone (y is written, never accumulated). Bands of fewer than <see cref="MinimumLanes"/> lanes (three
/// columns or fewer) are left to the caller.
/// </para>
/// <para>
/// The four kernels (<see cref="Four16"/>, <see cref="Four8"/>, <see cref="Two16"/>, <see cref="Two8"/>) are one loop
/// written out for two vector widths and two jump counts: each names its column factors as locals, so that they stay
/// in registers across the rows, which a loop over the jumps would not allow. On the Zen 5 of BENCHMARKS.md a band
/// alone in L1 takes 0.5–0.7 ns per complex entry when every stream is 64-byte aligned and 0.8–0.95 ns when the
/// sources are not (in general they are not: each source block has its own row length), so the loads, not the
/// arithmetic, set the pace (<c>LadderTileBenchmarks</c>).
/// </para>
/// </summary>
internal ref struct LadderTile
{
    /// <summary>The record of the band's first row: a_i at +0, r_q(i) at +P_q; the next row's record follows.</summary>
    public ref double Record;
    public nint RecordWidth;
    public nint P0, P1, P2, P3;

    /// <summary>g_c twice per column (both lanes), from the tile's first column.</summary>
    public ref double ColumnDiagonal;

    /// <summary>The derivative and state at the band's first row and the tile's first column, rows RowStride lanes apart.</summary>
    public ref double Y, X;
    public nint RowStride;

    /// <summary>Column factors of the active jumps, from the tile's first column.</summary>
    public ref double S0, S1, S2, S3;

    /// <summary>Each active jump's source entry for the band's first row and the tile's first column, rows D_q lanes apart.</summary>
    public ref double X0, X1, X2, X3;
    public nint D0, D1, D2, D3;

    /// <summary>Rows in the band and lanes (2 × columns) in the tile.</summary>
    public nint Rows, Lanes;

    /// <summary>The narrowest band <see cref="Run"/> takes, in lanes (four columns).</summary>
    public const int MinimumLanes = 8;

    /// <summary>The band, with four active jumps (S0..S3) or two (S0, S1).</summary>
    public static void Run(in LadderTile t, bool four)
    {
        nint lanes = t.Lanes;
        for (nint k = 0; k < lanes;)
        {
            nint width = Vector512.IsHardwareAccelerated && lanes >= 16 && lanes - k > 8 ? 16 : 8;
            nint at = Math.Min(k, lanes - width);
            Chunk(in t, four, width, at);
            k = at + width;
        }
    }

    private static void Chunk(in LadderTile t, bool four, nint width, nint k)
    {
        switch ((four, width))
        {
            case (true, 16): Four16(in t, k); break;
            case (true, _): Four8(in t, k); break;
            case (false, 16): Two16(in t, k); break;
            default: Two8(in t, k); break;
        }
    }

    /// <summary>Lanes [k, k + 16) of the band, 4 jumps, two Vector512s.</summary>
    private static void Four16(in LadderTile t, nint k)
    {
        ref double g = ref Unsafe.Add(ref t.ColumnDiagonal, k);
        var g0 = Vector512.LoadUnsafe(ref g);
        var g1 = Vector512.LoadUnsafe(ref g, 8);
        var s00 = Vector512.LoadUnsafe(ref t.S0, (nuint)k);
        var s01 = Vector512.LoadUnsafe(ref t.S0, (nuint)(k + 8));
        var s10 = Vector512.LoadUnsafe(ref t.S1, (nuint)k);
        var s11 = Vector512.LoadUnsafe(ref t.S1, (nuint)(k + 8));
        var s20 = Vector512.LoadUnsafe(ref t.S2, (nuint)k);
        var s21 = Vector512.LoadUnsafe(ref t.S2, (nuint)(k + 8));
        var s30 = Vector512.LoadUnsafe(ref t.S3, (nuint)k);
        var s31 = Vector512.LoadUnsafe(ref t.S3, (nuint)(k + 8));
        ref double x = ref Unsafe.Add(ref t.X, k);
        ref double y = ref Unsafe.Add(ref t.Y, k);
        ref double x0 = ref Unsafe.Add(ref t.X0, k);
        ref double x1 = ref Unsafe.Add(ref t.X1, k);
        ref double x2 = ref Unsafe.Add(ref t.X2, k);
        ref double x3 = ref Unsafe.Add(ref t.X3, k);
        ref double f = ref t.Record;
        nint w = t.RecordWidth, e = t.RecordWidth * t.Rows, dx = t.RowStride, d0 = t.D0, d1 = t.D1, d2 = t.D2, d3 = t.D3;
        nint p0 = t.P0, p1 = t.P1, p2 = t.P2, p3 = t.P3;
        for (nint i = 0; i < e; i += w)
        {
            var a = Vector512.Create(Unsafe.Add(ref f, i));
            var y0 = (a + g0) * Vector512.LoadUnsafe(ref x);
            var y1 = (a + g1) * Vector512.LoadUnsafe(ref x, 8);
            var r0 = Vector512.Create(Unsafe.Add(ref f, i + p0));
            y0 = Vector512.FusedMultiplyAdd(s00 * r0, Vector512.LoadUnsafe(ref x0), y0);
            y1 = Vector512.FusedMultiplyAdd(s01 * r0, Vector512.LoadUnsafe(ref x0, 8), y1);
            var r1 = Vector512.Create(Unsafe.Add(ref f, i + p1));
            y0 = Vector512.FusedMultiplyAdd(s10 * r1, Vector512.LoadUnsafe(ref x1), y0);
            y1 = Vector512.FusedMultiplyAdd(s11 * r1, Vector512.LoadUnsafe(ref x1, 8), y1);
            var r2 = Vector512.Create(Unsafe.Add(ref f, i + p2));
            y0 = Vector512.FusedMultiplyAdd(s20 * r2, Vector512.LoadUnsafe(ref x2), y0);
            y1 = Vector512.FusedMultiplyAdd(s21 * r2, Vector512.LoadUnsafe(ref x2, 8), y1);
            var r3 = Vector512.Create(Unsafe.Add(ref f, i + p3));
            y0 = Vector512.FusedMultiplyAdd(s30 * r3, Vector512.LoadUnsafe(ref x3), y0);
            y1 = Vector512.FusedMultiplyAdd(s31 * r3, Vector512.LoadUnsafe(ref x3, 8), y1);
            y0.StoreUnsafe(ref y);
            y1.StoreUnsafe(ref y, 8);
            x = ref Unsafe.Add(ref x, dx);
            y = ref Unsafe.Add(ref y, dx);
            x0 = ref Unsafe.Add(ref x0, d0);
            x1 = ref Unsafe.Add(ref x1, d1);
            x2 = ref Unsafe.Add(ref x2, d2);
            x3 = ref Unsafe.Add(ref x3, d3);
        }
    }

    /// <summary>Lanes [k, k + 8) of the band, 4 jumps, two Vector256s.</summary>
    private static void Four8(in LadderTile t, nint k)
    {
        ref double g = ref Unsafe.Add(ref t.ColumnDiagonal, k);
        var g0 = Vector256.LoadUnsafe(ref g);
        var g1 = Vector256.LoadUnsafe(ref g, 4);
        var s00 = Vector256.LoadUnsafe(ref t.S0, (nuint)k);
        var s01 = Vector256.LoadUnsafe(ref t.S0, (nuint)(k + 4));
        var s10 = Vector256.LoadUnsafe(ref t.S1, (nuint)k);
        var s11 = Vector256.LoadUnsafe(ref t.S1, (nuint)(k + 4));
        var s20 = Vector256.LoadUnsafe(ref t.S2, (nuint)k);
        var s21 = Vector256.LoadUnsafe(ref t.S2, (nuint)(k + 4));
        var s30 = Vector256.LoadUnsafe(ref t.S3, (nuint)k);
        var s31 = Vector256.LoadUnsafe(ref t.S3, (nuint)(k + 4));
        ref double x = ref Unsafe.Add(ref t.X, k);
        ref double y = ref Unsafe.Add(ref t.Y, k);
        ref double x0 = ref Unsafe.Add(ref t.X0, k);
        ref double x1 = ref Unsafe.Add(ref t.X1, k);
        ref double x2 = ref Unsafe.Add(ref t.X2, k);
        ref double x3 = ref Unsafe.Add(ref t.X3, k);
        ref double f = ref t.Record;
        nint w = t.RecordWidth, e = t.RecordWidth * t.Rows, dx = t.RowStride, d0 = t.D0, d1 = t.D1, d2 = t.D2, d3 = t.D3;
        nint p0 = t.P0, p1 = t.P1, p2 = t.P2, p3 = t.P3;
        for (nint i = 0; i < e; i += w)
        {
            var a = Vector256.Create(Unsafe.Add(ref f, i));
            var y0 = (a + g0) * Vector256.LoadUnsafe(ref x);
            var y1 = (a + g1) * Vector256.LoadUnsafe(ref x, 4);
            var r0 = Vector256.Create(Unsafe.Add(ref f, i + p0));
            y0 = Vector256.FusedMultiplyAdd(s00 * r0, Vector256.LoadUnsafe(ref x0), y0);
            y1 = Vector256.FusedMultiplyAdd(s01 * r0, Vector256.LoadUnsafe(ref x0, 4), y1);
            var r1 = Vector256.Create(Unsafe.Add(ref f, i + p1));
            y0 = Vector256.FusedMultiplyAdd(s10 * r1, Vector256.LoadUnsafe(ref x1), y0);
            y1 = Vector256.FusedMultiplyAdd(s11 * r1, Vector256.LoadUnsafe(ref x1, 4), y1);
            var r2 = Vector256.Create(Unsafe.Add(ref f, i + p2));
            y0 = Vector256.FusedMultiplyAdd(s20 * r2, Vector256.LoadUnsafe(ref x2), y0);
            y1 = Vector256.FusedMultiplyAdd(s21 * r2, Vector256.LoadUnsafe(ref x2, 4), y1);
            var r3 = Vector256.Create(Unsafe.Add(ref f, i + p3));
            y0 = Vector256.FusedMultiplyAdd(s30 * r3, Vector256.LoadUnsafe(ref x3), y0);
            y1 = Vector256.FusedMultiplyAdd(s31 * r3, Vector256.LoadUnsafe(ref x3, 4), y1);
            y0.StoreUnsafe(ref y);
            y1.StoreUnsafe(ref y, 4);
            x = ref Unsafe.Add(ref x, dx);
            y = ref Unsafe.Add(ref y, dx);
            x0 = ref Unsafe.Add(ref x0, d0);
            x1 = ref Unsafe.Add(ref x1, d1);
            x2 = ref Unsafe.Add(ref x2, d2);
            x3 = ref Unsafe.Add(ref x3, d3);
        }
    }

    /// <summary>Lanes [k, k + 16) of the band, 2 jumps, two Vector512s.</summary>
    private static void Two16(in LadderTile t, nint k)
    {
        ref double g = ref Unsafe.Add(ref t.ColumnDiagonal, k);
        var g0 = Vector512.LoadUnsafe(ref g);
        var g1 = Vector512.LoadUnsafe(ref g, 8);
        var s00 = Vector512.LoadUnsafe(ref t.S0, (nuint)k);
        var s01 = Vector512.LoadUnsafe(ref t.S0, (nuint)(k + 8));
        var s10 = Vector512.LoadUnsafe(ref t.S1, (nuint)k);
        var s11 = Vector512.LoadUnsafe(ref t.S1, (nuint)(k + 8));
        ref double x = ref Unsafe.Add(ref t.X, k);
        ref double y = ref Unsafe.Add(ref t.Y, k);
        ref double x0 = ref Unsafe.Add(ref t.X0, k);
        ref double x1 = ref Unsafe.Add(ref t.X1, k);
        ref double f = ref t.Record;
        nint w = t.RecordWidth, e = t.RecordWidth * t.Rows, dx = t.RowStride, d0 = t.D0, d1 = t.D1;
        nint p0 = t.P0, p1 = t.P1;
        for (nint i = 0; i < e; i += w)
        {
            var a = Vector512.Create(Unsafe.Add(ref f, i));
            var y0 = (a + g0) * Vector512.LoadUnsafe(ref x);
            var y1 = (a + g1) * Vector512.LoadUnsafe(ref x, 8);
            var r0 = Vector512.Create(Unsafe.Add(ref f, i + p0));
            y0 = Vector512.FusedMultiplyAdd(s00 * r0, Vector512.LoadUnsafe(ref x0), y0);
            y1 = Vector512.FusedMultiplyAdd(s01 * r0, Vector512.LoadUnsafe(ref x0, 8), y1);
            var r1 = Vector512.Create(Unsafe.Add(ref f, i + p1));
            y0 = Vector512.FusedMultiplyAdd(s10 * r1, Vector512.LoadUnsafe(ref x1), y0);
            y1 = Vector512.FusedMultiplyAdd(s11 * r1, Vector512.LoadUnsafe(ref x1, 8), y1);
            y0.StoreUnsafe(ref y);
            y1.StoreUnsafe(ref y, 8);
            x = ref Unsafe.Add(ref x, dx);
            y = ref Unsafe.Add(ref y, dx);
            x0 = ref Unsafe.Add(ref x0, d0);
            x1 = ref Unsafe.Add(ref x1, d1);
        }
    }

    /// <summary>Lanes [k, k + 8) of the band, 2 jumps, two Vector256s.</summary>
    private static void Two8(in LadderTile t, nint k)
    {
        ref double g = ref Unsafe.Add(ref t.ColumnDiagonal, k);
        var g0 = Vector256.LoadUnsafe(ref g);
        var g1 = Vector256.LoadUnsafe(ref g, 4);
        var s00 = Vector256.LoadUnsafe(ref t.S0, (nuint)k);
        var s01 = Vector256.LoadUnsafe(ref t.S0, (nuint)(k + 4));
        var s10 = Vector256.LoadUnsafe(ref t.S1, (nuint)k);
        var s11 = Vector256.LoadUnsafe(ref t.S1, (nuint)(k + 4));
        ref double x = ref Unsafe.Add(ref t.X, k);
        ref double y = ref Unsafe.Add(ref t.Y, k);
        ref double x0 = ref Unsafe.Add(ref t.X0, k);
        ref double x1 = ref Unsafe.Add(ref t.X1, k);
        ref double f = ref t.Record;
        nint w = t.RecordWidth, e = t.RecordWidth * t.Rows, dx = t.RowStride, d0 = t.D0, d1 = t.D1;
        nint p0 = t.P0, p1 = t.P1;
        for (nint i = 0; i < e; i += w)
        {
            var a = Vector256.Create(Unsafe.Add(ref f, i));
            var y0 = (a + g0) * Vector256.LoadUnsafe(ref x);
            var y1 = (a + g1) * Vector256.LoadUnsafe(ref x, 4);
            var r0 = Vector256.Create(Unsafe.Add(ref f, i + p0));
            y0 = Vector256.FusedMultiplyAdd(s00 * r0, Vector256.LoadUnsafe(ref x0), y0);
            y1 = Vector256.FusedMultiplyAdd(s01 * r0, Vector256.LoadUnsafe(ref x0, 4), y1);
            var r1 = Vector256.Create(Unsafe.Add(ref f, i + p1));
            y0 = Vector256.FusedMultiplyAdd(s10 * r1, Vector256.LoadUnsafe(ref x1), y0);
            y1 = Vector256.FusedMultiplyAdd(s11 * r1, Vector256.LoadUnsafe(ref x1, 4), y1);
            y0.StoreUnsafe(ref y);
            y1.StoreUnsafe(ref y, 4);
            x = ref Unsafe.Add(ref x, dx);
            y = ref Unsafe.Add(ref y, dx);
            x0 = ref Unsafe.Add(ref x0, d0);
            x1 = ref Unsafe.Add(ref x1, d1);
        }
    }

}
