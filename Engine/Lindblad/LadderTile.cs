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
/// One generic loop (<see cref="Pair"/>) serves both vector widths and both jump counts: its type arguments are structs,
/// so each combination is compiled on its own, and the column factors are named locals that stay in registers across
/// the rows, which a loop over the jumps would not allow. On the Zen 5 of BENCHMARKS.md a band
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
            case (true, 16): Pair<Vector512<double>, Lanes512, FourJumps>(in t, k); break;
            case (true, _): Pair<Vector256<double>, Lanes256, FourJumps>(in t, k); break;
            case (false, 16): Pair<Vector512<double>, Lanes512, TwoJumps>(in t, k); break;
            default: Pair<Vector256<double>, Lanes256, TwoJumps>(in t, k); break;
        }
    }

    /// <summary>
    /// Lanes [k, k + 2·<typeparamref name="TLanes"/>.Count) of the band, two vectors at a time. The type arguments are
    /// structs, so the JIT compiles one specialised loop per vector width and jump count, with the column factors of
    /// the active jumps as locals in registers and the unused jumps' code removed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pair<TVector, TLanes, TJumps>(in LadderTile t, nint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TJumps : struct, IJumpCount
    {
        nint n = TLanes.Count;
        bool four = TJumps.Four;
        ref double g = ref Unsafe.Add(ref t.ColumnDiagonal, k);
        TVector g0 = TLanes.Load(ref g, 0), g1 = TLanes.Load(ref g, n);
        TVector s00 = TLanes.Load(ref t.S0, k), s01 = TLanes.Load(ref t.S0, k + n);
        TVector s10 = TLanes.Load(ref t.S1, k), s11 = TLanes.Load(ref t.S1, k + n);
        TVector s20 = four ? TLanes.Load(ref t.S2, k) : default, s21 = four ? TLanes.Load(ref t.S2, k + n) : default;
        TVector s30 = four ? TLanes.Load(ref t.S3, k) : default, s31 = four ? TLanes.Load(ref t.S3, k + n) : default;
        ref double x = ref Unsafe.Add(ref t.X, k);
        ref double y = ref Unsafe.Add(ref t.Y, k);
        ref double x0 = ref Unsafe.Add(ref t.X0, k);
        ref double x1 = ref Unsafe.Add(ref t.X1, k);
        ref double x2 = ref four ? ref Unsafe.Add(ref t.X2, k) : ref x0;
        ref double x3 = ref four ? ref Unsafe.Add(ref t.X3, k) : ref x0;
        ref double f = ref t.Record;
        nint w = t.RecordWidth, e = t.RecordWidth * t.Rows, dx = t.RowStride, d0 = t.D0, d1 = t.D1, d2 = t.D2, d3 = t.D3;
        nint p0 = t.P0, p1 = t.P1, p2 = t.P2, p3 = t.P3;
        for (nint i = 0; i < e; i += w)
        {
            var a = TLanes.Broadcast(Unsafe.Add(ref f, i));
            var y0 = TLanes.Multiply(TLanes.Add(a, g0), TLanes.Load(ref x, 0));
            var y1 = TLanes.Multiply(TLanes.Add(a, g1), TLanes.Load(ref x, n));
            var r = TLanes.Broadcast(Unsafe.Add(ref f, i + p0));
            y0 = TLanes.FusedMultiplyAdd(TLanes.Multiply(s00, r), TLanes.Load(ref x0, 0), y0);
            y1 = TLanes.FusedMultiplyAdd(TLanes.Multiply(s01, r), TLanes.Load(ref x0, n), y1);
            r = TLanes.Broadcast(Unsafe.Add(ref f, i + p1));
            y0 = TLanes.FusedMultiplyAdd(TLanes.Multiply(s10, r), TLanes.Load(ref x1, 0), y0);
            y1 = TLanes.FusedMultiplyAdd(TLanes.Multiply(s11, r), TLanes.Load(ref x1, n), y1);
            if (four)
            {
                r = TLanes.Broadcast(Unsafe.Add(ref f, i + p2));
                y0 = TLanes.FusedMultiplyAdd(TLanes.Multiply(s20, r), TLanes.Load(ref x2, 0), y0);
                y1 = TLanes.FusedMultiplyAdd(TLanes.Multiply(s21, r), TLanes.Load(ref x2, n), y1);
                r = TLanes.Broadcast(Unsafe.Add(ref f, i + p3));
                y0 = TLanes.FusedMultiplyAdd(TLanes.Multiply(s30, r), TLanes.Load(ref x3, 0), y0);
                y1 = TLanes.FusedMultiplyAdd(TLanes.Multiply(s31, r), TLanes.Load(ref x3, n), y1);
                x2 = ref Unsafe.Add(ref x2, d2);
                x3 = ref Unsafe.Add(ref x3, d3);
            }
            TLanes.Store(y0, ref y, 0);
            TLanes.Store(y1, ref y, n);
            x = ref Unsafe.Add(ref x, dx);
            y = ref Unsafe.Add(ref y, dx);
            x0 = ref Unsafe.Add(ref x0, d0);
            x1 = ref Unsafe.Add(ref x1, d1);
        }
    }
}

/// <summary>How many jumps a band kernel runs (four, or the first two of the tile's slots).</summary>
internal interface IJumpCount
{
    static abstract bool Four { get; }
}

internal readonly struct FourJumps : IJumpCount
{
    public static bool Four => true;
}

internal readonly struct TwoJumps : IJumpCount
{
    public static bool Four => false;
}
