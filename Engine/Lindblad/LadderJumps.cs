using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// A whole stored block of the coherence-sector right-hand side in one pass, when the working-frame generator has a
/// real diagonal G_rr and no other coherent part, and every jump is a ladder: at most one entry per row and per
/// column, all entries with one phase (L = c·|L|) and one frame-energy change E0_r − E0_c. Then
/// dX_{ik} = (G_ii + G_kk) X_{ik} + Σ_j |v_i| |v_k| X^{(j)}[src_i, src_k] with real, time-independent coefficients
/// (the frame phases of L and L† cancel). This is the case of single-mode jumps b_k, b_k† with a Fock-diagonal H:
/// the normal modes of a global master equation, or uncoupled modes.
/// <see cref="TryCreate"/> returns null otherwise.
/// <para>
/// Per jump and per sector it stores the source of each local state (−1 when the jump has no entry in that row) and
/// |v| at every local state twice (the re and im lanes of a complex vector). The states of a sector are cut into
/// segments on which every jump's source is the local state plus a constant; a state without a source inside a
/// segment keeps that constant with |v| = 0, so it adds exactly nothing. A block is then a few tiles (row segment ×
/// column segment; one tile for two modes) on which every term is a shifted copy of its source block. With four (or
/// two) active jumps the kernel runs down a tile two vectors of columns at a time, in bands of rows, with those
/// columns' factors |v_k| and G_kk in registers and each row's G_ii and |v_i| read from one interleaved record; other
/// jump counts run along each row with four vectors of the derivative in registers. Either way each derivative entry
/// is written once, with one real multiply and one fused multiply-add per entry and jump.
/// A tile whose shifted reads would leave the stored state (the first and last rows of the storage) is done entry by
/// entry instead, with the same arithmetic. Order-0 derivative blocks come out exactly Hermitian for a Hermitian ρ
/// (up to the sign of zeros): entries (i, k) and (k, i) add the same products in the same order, with conjugate
/// inputs (G_ii + G_kk and |v_i||v_k| commute), so no symmetrising pass is needed.
/// </para>
/// </summary>
internal sealed class LadderJumps
{
    // Entries with frame-energy changes or phases differing by less than this (relative) count as equal.
    private const double Tolerance = 1e-12;
    private const int Absent = int.MinValue;

    private readonly Ladder[] _ladders;
    private readonly double[][] _diagonal;          // [sector][local] → G_rr (real)
    private readonly double[][] _diagonalLanes;     // [sector][2·local + lane] → G_rr twice
    private readonly Segment[][] _segments;         // [column sector] → segments of its columns
    private readonly int[][] _segmentOffsets;       // [sector][segment · ladders + j] → source − state, or Absent
    private readonly double[] _lanes;               // every jump's |v| twice per state, jump by jump, sector by sector
    private readonly int[][] _laneStarts;           // [jump][sector] → first lane of that sector in _lanes
    private readonly double[][] _rowFactors;        // [sector][(1 + jumps)·local + 1 + j] → |v_j|, and G_rr at + 0

    private LadderJumps(Ladder[] ladders, double[][] diagonal, CoherenceSectorLayout layout)
    {
        _ladders = ladders;
        _diagonal = diagonal;
        _diagonalLanes = [.. diagonal.Select(Twice)];
        var lanes = new List<double>();
        _laneStarts = new int[ladders.Length][];
        for (int j = 0; j < ladders.Length; j++)
        {
            _laneStarts[j] = new int[layout.States.Length];
            for (int n = 0; n < layout.States.Length; n++)
            {
                _laneStarts[j][n] = lanes.Count;
                lanes.AddRange(Twice(ladders[j].Magnitude[n]));
            }
        }
        _lanes = [.. lanes];
        _rowFactors = new double[layout.States.Length][];
        for (int n = 0; n < layout.States.Length; n++)
        {
            int width = 1 + ladders.Length;
            _rowFactors[n] = new double[diagonal[n].Length * width];
            for (int i = 0; i < diagonal[n].Length; i++)
            {
                _rowFactors[n][i * width] = diagonal[n][i];
                for (int j = 0; j < ladders.Length; j++) _rowFactors[n][(i * width) + 1 + j] = ladders[j].Magnitude[n][i];
            }
        }
        _segments = new Segment[layout.States.Length][];
        _segmentOffsets = new int[layout.States.Length][];
        for (int n = 0; n < layout.States.Length; n++) (_segments[n], _segmentOffsets[n]) = Segments(n, layout.States[n].Length);
    }

    /// <summary>Number of ladder jumps.</summary>
    public int Count => _ladders.Length;

    /// <summary>
    /// The ladder form of the problem's working-frame generator, or null when G has an imaginary or off-diagonal part
    /// or a jump is not a ladder (see the class comment). <paramref name="coherentDiagonal"/>: G_rr by basis index.
    /// </summary>
    public static LadderJumps? TryCreate(LindbladProblem problem, ReadOnlySpan<Complex> coherentDiagonal, CoherenceSectorLayout layout, int[] sectorOf, int[] local)
    {
        foreach (var g in coherentDiagonal)
            if (g.Imaginary != 0) return null;
        var ladders = new List<Ladder>();
        foreach (var jump in problem.Jumps)
        {
            if (jump.NonZeroCount == 0) continue;
            var ladder = Ladder.TryCreate(jump, problem.FrameEnergies, layout, sectorOf, local);
            if (ladder is null) return null;
            ladders.Add(ladder);
        }
        var diagonal = new double[layout.States.Length][];
        for (int n = 0; n < diagonal.Length; n++)
        {
            diagonal[n] = new double[layout.States[n].Length];
            for (int i = 0; i < diagonal[n].Length; i++) diagonal[n][i] = coherentDiagonal[layout.States[n][i]].Real;
        }
        return new LadderJumps([.. ladders], diagonal, layout);
    }

    /// <summary>Writes the derivative block Y of the stored block <paramref name="b"/> (overwrites Y).</summary>
    public void EvaluateBlock(int b, StoredBlock block, CoherenceSectorLayout layout, ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        int jumps = _ladders.Length;
        Span<int> xOffset = stackalloc int[jumps];            // per active jump of a tile: lanes into ρ at the tile's row 0
        Span<int> xStride = stackalloc int[jumps];            //   lanes from one source row to the next
        Span<int> sOffset = stackalloc int[jumps];            //   lanes into the column factors
        Span<double> scale = stackalloc double[jumps];        //   |v_i| of the current row
        Span<int> activeJump = stackalloc int[jumps];         //   its jump index
        var rowSegments = _segments[block.RowSector];
        var columnSegments = _segments[block.ColumnSector];
        int[] rowOffsets = _segmentOffsets[block.RowSector], columnOffsets = _segmentOffsets[block.ColumnSector];
        for (int rs = 0; rs < rowSegments.Length; rs++)
        {
            for (int cs = 0; cs < columnSegments.Length; cs++)
            {
                var (rowStart, rows) = rowSegments[rs];
                var (columnStart, columns) = columnSegments[cs];
                int active = 0;
                bool inside = true;
                for (int j = 0; j < jumps; j++)
                {
                    int source = _ladders[j].Sources[b];
                    int rowOffset = rowOffsets[(rs * jumps) + j], columnOffset = columnOffsets[(cs * jumps) + j];
                    if (source < 0 || rowOffset == Absent || columnOffset == Absent) continue;
                    var from = layout.Blocks[source];
                    int first = from.Offset + ((rowStart + rowOffset) * from.Columns) + columnStart + columnOffset;
                    int last = first + ((rows - 1) * from.Columns) + columns - 1;
                    inside &= first >= 0 && last < rho.Length;
                    xOffset[active] = 2 * first;
                    xStride[active] = 2 * from.Columns;
                    sOffset[active] = _laneStarts[j][block.ColumnSector] + (2 * columnStart);
                    activeJump[active] = j;
                    active++;
                }
                if (inside && active == 4 && jumps == 4)
                {
                    // Bands of rows, so that the rows of a column chunk (six streams) stay in L1 between chunks.
                    for (int band = 0; band < rows; band += BandRows)
                        Tile4(block, rowStart, band, Math.Min(BandRows, rows - band), columnStart, columns, rho, derivative, xOffset, xStride, sOffset);
                }
                else if (inside && active == 2)
                {
                    for (int band = 0; band < rows; band += BandRows)
                        Tile2(block, rowStart, band, Math.Min(BandRows, rows - band), columnStart, columns, rho, derivative, xOffset, xStride, sOffset, activeJump);
                }
                else if (inside)
                    Tile(block, rowStart, rows, columnStart, columns, rho, derivative, xOffset[..active], xStride[..active], sOffset[..active], activeJump[..active], scale[..active]);
                else
                    TileByEntry(b, block, layout, rowStart, rows, columnStart, columns, rho, derivative);
            }
        }
    }

    /// <summary>One tile, row by row through <see cref="SegmentRow"/>.</summary>
    private void Tile(
        StoredBlock block, int rowStart, int rows, int columnStart, int columns, ReadOnlySpan<Complex> rho, Span<Complex> derivative,
        Span<int> xOffset, ReadOnlySpan<int> xStride, ReadOnlySpan<int> sOffset, ReadOnlySpan<int> activeJump, Span<double> scale)
    {
        ref double rhoLanes = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(rho));
        ref double yLanes = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(derivative));
        ref double lanes = ref MemoryMarshal.GetArrayDataReference(_lanes);
        double[] factors = _rowFactors[block.RowSector];
        int width = 1 + _ladders.Length;
        ref double columnDiagonal = ref MemoryMarshal.GetArrayDataReference(_diagonalLanes[block.ColumnSector]);
        for (int i = rowStart; i < rowStart + rows; i++)
        {
            for (int q = 0; q < scale.Length; q++) scale[q] = factors[(i * width) + 1 + activeJump[q]];
            int row = 2 * (block.Offset + (i * block.Columns) + columnStart);
            SegmentRow(factors[i * width], ref Unsafe.Add(ref columnDiagonal, 2 * columnStart), ref Unsafe.Add(ref rhoLanes, row),
                ref Unsafe.Add(ref yLanes, row), 2 * columns, ref rhoLanes, xOffset, sOffset, ref lanes, scale);
            for (int q = 0; q < xOffset.Length; q++) xOffset[q] += xStride[q];
        }
    }

    /// <summary>
    /// <see cref="Tile"/> for exactly four active jumps, column chunk by column chunk with rows inside, so that the
    /// column factors s_q and the column diagonal stay in registers across the rows. Same arithmetic per entry:
    /// (a_i + g_c)·x, then per jump in order FMA(s_q[c]·r_q(i), x_q, ·).
    /// </summary>
    private const int BandRows = 24;

    private void Tile4(
        StoredBlock block, int tileRow, int band, int rows, int columnStart, int columns, ReadOnlySpan<Complex> rho, Span<Complex> derivative,
        ReadOnlySpan<int> xOffset, ReadOnlySpan<int> xStride, ReadOnlySpan<int> sOffset)
    {
        int rowStart = tileRow + band;
        ref double rhoLanes = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(rho));
        ref double yLanes = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(derivative));
        ref double lanes = ref MemoryMarshal.GetArrayDataReference(_lanes);
        ref double f = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rowFactors[block.RowSector]), 5 * rowStart);
        ref double g = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_diagonalLanes[block.ColumnSector]), 2 * columnStart);
        ref double s0 = ref Unsafe.Add(ref lanes, sOffset[0]);
        ref double s1 = ref Unsafe.Add(ref lanes, sOffset[1]);
        ref double s2 = ref Unsafe.Add(ref lanes, sOffset[2]);
        ref double s3 = ref Unsafe.Add(ref lanes, sOffset[3]);
        ref double x0 = ref Unsafe.Add(ref rhoLanes, xOffset[0] + (band * xStride[0]));
        ref double x1 = ref Unsafe.Add(ref rhoLanes, xOffset[1] + (band * xStride[1]));
        ref double x2 = ref Unsafe.Add(ref rhoLanes, xOffset[2] + (band * xStride[2]));
        ref double x3 = ref Unsafe.Add(ref rhoLanes, xOffset[3] + (band * xStride[3]));
        nint d0 = xStride[0], d1 = xStride[1], d2 = xStride[2], d3 = xStride[3];
        int rowBase = 2 * (block.Offset + (rowStart * block.Columns) + columnStart);
        ref double x = ref Unsafe.Add(ref rhoLanes, rowBase);
        ref double y = ref Unsafe.Add(ref yLanes, rowBase);
        nint dx = 2 * block.Columns;
        nint count = 2 * columns;
        nint k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 8 <= count; k += 8)
            {
                var g0 = Vector256.LoadUnsafe(ref g, (nuint)k);
                var g1 = Vector256.LoadUnsafe(ref g, (nuint)(k + 4));
                var s00 = Vector256.LoadUnsafe(ref s0, (nuint)k);
                var s01 = Vector256.LoadUnsafe(ref s0, (nuint)(k + 4));
                var s10 = Vector256.LoadUnsafe(ref s1, (nuint)k);
                var s11 = Vector256.LoadUnsafe(ref s1, (nuint)(k + 4));
                var s20 = Vector256.LoadUnsafe(ref s2, (nuint)k);
                var s21 = Vector256.LoadUnsafe(ref s2, (nuint)(k + 4));
                var s30 = Vector256.LoadUnsafe(ref s3, (nuint)k);
                var s31 = Vector256.LoadUnsafe(ref s3, (nuint)(k + 4));
                ref double xr = ref Unsafe.Add(ref x, k);
                ref double yr = ref Unsafe.Add(ref y, k);
                ref double xr0 = ref Unsafe.Add(ref x0, k);
                ref double xr1 = ref Unsafe.Add(ref x1, k);
                ref double xr2 = ref Unsafe.Add(ref x2, k);
                ref double xr3 = ref Unsafe.Add(ref x3, k);
                for (nint i = 0, e = 5 * (nint)rows; i < e; i += 5)
                {
                    var shift = Vector256.Create(Unsafe.Add(ref f, i));
                    var y0 = (shift + g0) * Vector256.LoadUnsafe(ref xr);
                    var y1 = (shift + g1) * Vector256.LoadUnsafe(ref xr, 4);
                    var r = Vector256.Create(Unsafe.Add(ref f, i + 1));
                    y0 = Vector256.FusedMultiplyAdd(s00 * r, Vector256.LoadUnsafe(ref xr0), y0);
                    y1 = Vector256.FusedMultiplyAdd(s01 * r, Vector256.LoadUnsafe(ref xr0, 4), y1);
                    r = Vector256.Create(Unsafe.Add(ref f, i + 2));
                    y0 = Vector256.FusedMultiplyAdd(s10 * r, Vector256.LoadUnsafe(ref xr1), y0);
                    y1 = Vector256.FusedMultiplyAdd(s11 * r, Vector256.LoadUnsafe(ref xr1, 4), y1);
                    r = Vector256.Create(Unsafe.Add(ref f, i + 3));
                    y0 = Vector256.FusedMultiplyAdd(s20 * r, Vector256.LoadUnsafe(ref xr2), y0);
                    y1 = Vector256.FusedMultiplyAdd(s21 * r, Vector256.LoadUnsafe(ref xr2, 4), y1);
                    r = Vector256.Create(Unsafe.Add(ref f, i + 4));
                    y0 = Vector256.FusedMultiplyAdd(s30 * r, Vector256.LoadUnsafe(ref xr3), y0);
                    y1 = Vector256.FusedMultiplyAdd(s31 * r, Vector256.LoadUnsafe(ref xr3, 4), y1);
                    y0.StoreUnsafe(ref yr);
                    y1.StoreUnsafe(ref yr, 4);
                    xr = ref Unsafe.Add(ref xr, dx);
                    yr = ref Unsafe.Add(ref yr, dx);
                    xr0 = ref Unsafe.Add(ref xr0, d0);
                    xr1 = ref Unsafe.Add(ref xr1, d1);
                    xr2 = ref Unsafe.Add(ref xr2, d2);
                    xr3 = ref Unsafe.Add(ref xr3, d3);
                }
            }
            if (k + 4 <= count)
            {
                var g0 = Vector256.LoadUnsafe(ref g, (nuint)k);
                var s00 = Vector256.LoadUnsafe(ref s0, (nuint)k);
                var s10 = Vector256.LoadUnsafe(ref s1, (nuint)k);
                var s20 = Vector256.LoadUnsafe(ref s2, (nuint)k);
                var s30 = Vector256.LoadUnsafe(ref s3, (nuint)k);
                ref double xr = ref Unsafe.Add(ref x, k);
                ref double yr = ref Unsafe.Add(ref y, k);
                ref double xr0 = ref Unsafe.Add(ref x0, k);
                ref double xr1 = ref Unsafe.Add(ref x1, k);
                ref double xr2 = ref Unsafe.Add(ref x2, k);
                ref double xr3 = ref Unsafe.Add(ref x3, k);
                for (nint i = 0, e = 5 * (nint)rows; i < e; i += 5)
                {
                    var y0 = (Vector256.Create(Unsafe.Add(ref f, i)) + g0) * Vector256.LoadUnsafe(ref xr);
                    y0 = Vector256.FusedMultiplyAdd(s00 * Vector256.Create(Unsafe.Add(ref f, i + 1)), Vector256.LoadUnsafe(ref xr0), y0);
                    y0 = Vector256.FusedMultiplyAdd(s10 * Vector256.Create(Unsafe.Add(ref f, i + 2)), Vector256.LoadUnsafe(ref xr1), y0);
                    y0 = Vector256.FusedMultiplyAdd(s20 * Vector256.Create(Unsafe.Add(ref f, i + 3)), Vector256.LoadUnsafe(ref xr2), y0);
                    y0 = Vector256.FusedMultiplyAdd(s30 * Vector256.Create(Unsafe.Add(ref f, i + 4)), Vector256.LoadUnsafe(ref xr3), y0);
                    y0.StoreUnsafe(ref yr);
                    xr = ref Unsafe.Add(ref xr, dx);
                    yr = ref Unsafe.Add(ref yr, dx);
                    xr0 = ref Unsafe.Add(ref xr0, d0);
                    xr1 = ref Unsafe.Add(ref xr1, d1);
                    xr2 = ref Unsafe.Add(ref xr2, d2);
                    xr3 = ref Unsafe.Add(ref xr3, d3);
                }
                k += 4;
            }
            if (k + 2 <= count)
            {
                var g0 = Vector128.LoadUnsafe(ref g, (nuint)k);
                var s00 = Vector128.LoadUnsafe(ref s0, (nuint)k);
                var s10 = Vector128.LoadUnsafe(ref s1, (nuint)k);
                var s20 = Vector128.LoadUnsafe(ref s2, (nuint)k);
                var s30 = Vector128.LoadUnsafe(ref s3, (nuint)k);
                ref double xr = ref Unsafe.Add(ref x, k);
                ref double yr = ref Unsafe.Add(ref y, k);
                ref double xr0 = ref Unsafe.Add(ref x0, k);
                ref double xr1 = ref Unsafe.Add(ref x1, k);
                ref double xr2 = ref Unsafe.Add(ref x2, k);
                ref double xr3 = ref Unsafe.Add(ref x3, k);
                for (nint i = 0, e = 5 * (nint)rows; i < e; i += 5)
                {
                    var y0 = (Vector128.Create(Unsafe.Add(ref f, i)) + g0) * Vector128.LoadUnsafe(ref xr);
                    y0 = Vector128.FusedMultiplyAdd(s00 * Vector128.Create(Unsafe.Add(ref f, i + 1)), Vector128.LoadUnsafe(ref xr0), y0);
                    y0 = Vector128.FusedMultiplyAdd(s10 * Vector128.Create(Unsafe.Add(ref f, i + 2)), Vector128.LoadUnsafe(ref xr1), y0);
                    y0 = Vector128.FusedMultiplyAdd(s20 * Vector128.Create(Unsafe.Add(ref f, i + 3)), Vector128.LoadUnsafe(ref xr2), y0);
                    y0 = Vector128.FusedMultiplyAdd(s30 * Vector128.Create(Unsafe.Add(ref f, i + 4)), Vector128.LoadUnsafe(ref xr3), y0);
                    y0.StoreUnsafe(ref yr);
                    xr = ref Unsafe.Add(ref xr, dx);
                    yr = ref Unsafe.Add(ref yr, dx);
                    xr0 = ref Unsafe.Add(ref xr0, d0);
                    xr1 = ref Unsafe.Add(ref xr1, d1);
                    xr2 = ref Unsafe.Add(ref xr2, d2);
                    xr3 = ref Unsafe.Add(ref xr3, d3);
                }
                k += 2;
            }
        }
        for (; k < count; k++)
        {
            for (nint i = 0; i < rows; i++)
            {
                ref double fi = ref Unsafe.Add(ref f, 5 * i);
                double sum = (fi + Unsafe.Add(ref g, k)) * Unsafe.Add(ref x, (i * dx) + k);
                sum = Math.FusedMultiplyAdd(Unsafe.Add(ref s0, k) * Unsafe.Add(ref fi, 1), Unsafe.Add(ref x0, (i * d0) + k), sum);
                sum = Math.FusedMultiplyAdd(Unsafe.Add(ref s1, k) * Unsafe.Add(ref fi, 2), Unsafe.Add(ref x1, (i * d1) + k), sum);
                sum = Math.FusedMultiplyAdd(Unsafe.Add(ref s2, k) * Unsafe.Add(ref fi, 3), Unsafe.Add(ref x2, (i * d2) + k), sum);
                sum = Math.FusedMultiplyAdd(Unsafe.Add(ref s3, k) * Unsafe.Add(ref fi, 4), Unsafe.Add(ref x3, (i * d3) + k), sum);
                Unsafe.Add(ref y, (i * dx) + k) = sum;
            }
        }
    }

    /// <summary><see cref="Tile4"/> for exactly two active jumps (any two, in jump order).</summary>
    private void Tile2(
        StoredBlock block, int tileRow, int band, int rows, int columnStart, int columns, ReadOnlySpan<Complex> rho, Span<Complex> derivative,
        ReadOnlySpan<int> xOffset, ReadOnlySpan<int> xStride, ReadOnlySpan<int> sOffset, ReadOnlySpan<int> activeJump)
    {
        int rowStart = tileRow + band;
        nint w = 1 + _ladders.Length;
        nint p0 = 1 + activeJump[0], p1 = 1 + activeJump[1];
        ref double rhoLanes = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(rho));
        ref double yLanes = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(derivative));
        ref double lanes = ref MemoryMarshal.GetArrayDataReference(_lanes);
        ref double f = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rowFactors[block.RowSector]), w * rowStart);
        ref double f0 = ref Unsafe.Add(ref f, p0);
        ref double f1 = ref Unsafe.Add(ref f, p1);
        ref double g = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_diagonalLanes[block.ColumnSector]), 2 * columnStart);
        ref double s0 = ref Unsafe.Add(ref lanes, sOffset[0]);
        ref double s1 = ref Unsafe.Add(ref lanes, sOffset[1]);
        ref double x0 = ref Unsafe.Add(ref rhoLanes, xOffset[0] + (band * xStride[0]));
        ref double x1 = ref Unsafe.Add(ref rhoLanes, xOffset[1] + (band * xStride[1]));
        nint d0 = xStride[0], d1 = xStride[1];
        int rowBase = 2 * (block.Offset + (rowStart * block.Columns) + columnStart);
        ref double x = ref Unsafe.Add(ref rhoLanes, rowBase);
        ref double y = ref Unsafe.Add(ref yLanes, rowBase);
        nint dx = 2 * block.Columns;
        nint count = 2 * columns;
        nint e = w * rows;
        nint k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 8 <= count; k += 8)
            {
                var g0 = Vector256.LoadUnsafe(ref g, (nuint)k);
                var g1 = Vector256.LoadUnsafe(ref g, (nuint)(k + 4));
                var s00 = Vector256.LoadUnsafe(ref s0, (nuint)k);
                var s01 = Vector256.LoadUnsafe(ref s0, (nuint)(k + 4));
                var s10 = Vector256.LoadUnsafe(ref s1, (nuint)k);
                var s11 = Vector256.LoadUnsafe(ref s1, (nuint)(k + 4));
                ref double xr = ref Unsafe.Add(ref x, k);
                ref double yr = ref Unsafe.Add(ref y, k);
                ref double xr0 = ref Unsafe.Add(ref x0, k);
                ref double xr1 = ref Unsafe.Add(ref x1, k);
                for (nint i = 0; i < e; i += w)
                {
                    var shift = Vector256.Create(Unsafe.Add(ref f, i));
                    var y0 = (shift + g0) * Vector256.LoadUnsafe(ref xr);
                    var y1 = (shift + g1) * Vector256.LoadUnsafe(ref xr, 4);
                    var r = Vector256.Create(Unsafe.Add(ref f0, i));
                    y0 = Vector256.FusedMultiplyAdd(s00 * r, Vector256.LoadUnsafe(ref xr0), y0);
                    y1 = Vector256.FusedMultiplyAdd(s01 * r, Vector256.LoadUnsafe(ref xr0, 4), y1);
                    r = Vector256.Create(Unsafe.Add(ref f1, i));
                    y0 = Vector256.FusedMultiplyAdd(s10 * r, Vector256.LoadUnsafe(ref xr1), y0);
                    y1 = Vector256.FusedMultiplyAdd(s11 * r, Vector256.LoadUnsafe(ref xr1, 4), y1);
                    y0.StoreUnsafe(ref yr);
                    y1.StoreUnsafe(ref yr, 4);
                    xr = ref Unsafe.Add(ref xr, dx);
                    yr = ref Unsafe.Add(ref yr, dx);
                    xr0 = ref Unsafe.Add(ref xr0, d0);
                    xr1 = ref Unsafe.Add(ref xr1, d1);
                }
            }
            if (k + 4 <= count)
            {
                var g0 = Vector256.LoadUnsafe(ref g, (nuint)k);
                var s00 = Vector256.LoadUnsafe(ref s0, (nuint)k);
                var s10 = Vector256.LoadUnsafe(ref s1, (nuint)k);
                ref double xr = ref Unsafe.Add(ref x, k);
                ref double yr = ref Unsafe.Add(ref y, k);
                ref double xr0 = ref Unsafe.Add(ref x0, k);
                ref double xr1 = ref Unsafe.Add(ref x1, k);
                for (nint i = 0; i < e; i += w)
                {
                    var y0 = (Vector256.Create(Unsafe.Add(ref f, i)) + g0) * Vector256.LoadUnsafe(ref xr);
                    y0 = Vector256.FusedMultiplyAdd(s00 * Vector256.Create(Unsafe.Add(ref f0, i)), Vector256.LoadUnsafe(ref xr0), y0);
                    y0 = Vector256.FusedMultiplyAdd(s10 * Vector256.Create(Unsafe.Add(ref f1, i)), Vector256.LoadUnsafe(ref xr1), y0);
                    y0.StoreUnsafe(ref yr);
                    xr = ref Unsafe.Add(ref xr, dx);
                    yr = ref Unsafe.Add(ref yr, dx);
                    xr0 = ref Unsafe.Add(ref xr0, d0);
                    xr1 = ref Unsafe.Add(ref xr1, d1);
                }
                k += 4;
            }
            if (k + 2 <= count)
            {
                var g0 = Vector128.LoadUnsafe(ref g, (nuint)k);
                var s00 = Vector128.LoadUnsafe(ref s0, (nuint)k);
                var s10 = Vector128.LoadUnsafe(ref s1, (nuint)k);
                ref double xr = ref Unsafe.Add(ref x, k);
                ref double yr = ref Unsafe.Add(ref y, k);
                ref double xr0 = ref Unsafe.Add(ref x0, k);
                ref double xr1 = ref Unsafe.Add(ref x1, k);
                for (nint i = 0; i < e; i += w)
                {
                    var y0 = (Vector128.Create(Unsafe.Add(ref f, i)) + g0) * Vector128.LoadUnsafe(ref xr);
                    y0 = Vector128.FusedMultiplyAdd(s00 * Vector128.Create(Unsafe.Add(ref f0, i)), Vector128.LoadUnsafe(ref xr0), y0);
                    y0 = Vector128.FusedMultiplyAdd(s10 * Vector128.Create(Unsafe.Add(ref f1, i)), Vector128.LoadUnsafe(ref xr1), y0);
                    y0.StoreUnsafe(ref yr);
                    xr = ref Unsafe.Add(ref xr, dx);
                    yr = ref Unsafe.Add(ref yr, dx);
                    xr0 = ref Unsafe.Add(ref xr0, d0);
                    xr1 = ref Unsafe.Add(ref xr1, d1);
                }
                k += 2;
            }
        }
        for (; k < count; k++)
        {
            for (nint i = 0; i < rows; i++)
            {
                ref double fi = ref Unsafe.Add(ref f, w * i);
                double sum = (fi + Unsafe.Add(ref g, k)) * Unsafe.Add(ref x, (i * dx) + k);
                sum = Math.FusedMultiplyAdd(Unsafe.Add(ref s0, k) * Unsafe.Add(ref fi, p0), Unsafe.Add(ref x0, (i * d0) + k), sum);
                sum = Math.FusedMultiplyAdd(Unsafe.Add(ref s1, k) * Unsafe.Add(ref fi, p1), Unsafe.Add(ref x1, (i * d1) + k), sum);
                Unsafe.Add(ref y, (i * dx) + k) = sum;
            }
        }
    }

    /// <summary>
    /// One tile entry by entry, reading only the sources that exist (for tiles at the ends of the storage), with the
    /// arithmetic of <see cref="SegmentRow"/> lane by lane, so that every entry gets the same bits either way.
    /// </summary>
    private void TileByEntry(
        int b, StoredBlock block, CoherenceSectorLayout layout, int rowStart, int rows, int columnStart, int columns,
        ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        for (int i = rowStart; i < rowStart + rows; i++)
        {
            for (int c = columnStart; c < columnStart + columns; c++)
            {
                int k = block.Offset + (i * block.Columns) + c;
                double factor = _diagonal[block.RowSector][i] + _diagonal[block.ColumnSector][c];
                double re = factor * rho[k].Real, im = factor * rho[k].Imaginary;
                foreach (var ladder in _ladders)
                {
                    int source = ladder.Sources[b];
                    int si = ladder.SourceOf[block.RowSector][i], sc = ladder.SourceOf[block.ColumnSector][c];
                    if (source < 0 || si < 0 || sc < 0) continue;
                    var from = layout.Blocks[source];
                    double coefficient = ladder.Magnitude[block.ColumnSector][c] * ladder.Magnitude[block.RowSector][i];
                    Complex x = rho[from.Offset + (si * from.Columns) + sc];
                    re = Math.FusedMultiplyAdd(coefficient, x.Real, re);
                    im = Math.FusedMultiplyAdd(coefficient, x.Imaginary, im);
                }
                derivative[k] = new Complex(re, im);
            }
        }
    }

    /// <summary>
    /// y = (a + g) ⊙ x + Σ_q scale_q (s_q ⊙ x_q) over <paramref name="count"/> lanes, four vectors at a time in registers
    /// (x_q at lane xOffset_q of ρ, s_q at lane sOffset_q of the column factors).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SegmentRow(
        double a, ref double g, ref double x, ref double y, int count,
        ref double rho, ReadOnlySpan<int> xOffset, ReadOnlySpan<int> sOffset, ref double lanes, ReadOnlySpan<double> scale)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var shift = Vector256.Create(a);
            for (; k + 16 <= count; k += 16)
            {
                var y0 = (shift + Vector256.LoadUnsafe(ref g, (nuint)k)) * Vector256.LoadUnsafe(ref x, (nuint)k);
                var y1 = (shift + Vector256.LoadUnsafe(ref g, (nuint)(k + 4))) * Vector256.LoadUnsafe(ref x, (nuint)(k + 4));
                var y2 = (shift + Vector256.LoadUnsafe(ref g, (nuint)(k + 8))) * Vector256.LoadUnsafe(ref x, (nuint)(k + 8));
                var y3 = (shift + Vector256.LoadUnsafe(ref g, (nuint)(k + 12))) * Vector256.LoadUnsafe(ref x, (nuint)(k + 12));
                for (int q = 0; q < xOffset.Length; q++)
                {
                    var r = Vector256.Create(scale[q]);
                    ref double s = ref Unsafe.Add(ref lanes, sOffset[q] + k);
                    ref double xs = ref Unsafe.Add(ref rho, xOffset[q] + k);
                    y0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s) * r, Vector256.LoadUnsafe(ref xs), y0);
                    y1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 4) * r, Vector256.LoadUnsafe(ref xs, 4), y1);
                    y2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 8) * r, Vector256.LoadUnsafe(ref xs, 8), y2);
                    y3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 12) * r, Vector256.LoadUnsafe(ref xs, 12), y3);
                }
                y0.StoreUnsafe(ref y, (nuint)k);
                y1.StoreUnsafe(ref y, (nuint)(k + 4));
                y2.StoreUnsafe(ref y, (nuint)(k + 8));
                y3.StoreUnsafe(ref y, (nuint)(k + 12));
            }
            for (; k + 4 <= count; k += 4)
            {
                var y0 = (shift + Vector256.LoadUnsafe(ref g, (nuint)k)) * Vector256.LoadUnsafe(ref x, (nuint)k);
                for (int q = 0; q < xOffset.Length; q++)
                {
                    y0 = Vector256.FusedMultiplyAdd(
                        Vector256.LoadUnsafe(ref lanes, (nuint)(sOffset[q] + k)) * Vector256.Create(scale[q]),
                        Vector256.LoadUnsafe(ref rho, (nuint)(xOffset[q] + k)), y0);
                }
                y0.StoreUnsafe(ref y, (nuint)k);
            }
            if (k + 2 <= count)
            {
                var y0 = (Vector128.Create(a) + Vector128.LoadUnsafe(ref g, (nuint)k)) * Vector128.LoadUnsafe(ref x, (nuint)k);
                for (int q = 0; q < xOffset.Length; q++)
                {
                    y0 = Vector128.FusedMultiplyAdd(
                        Vector128.LoadUnsafe(ref lanes, (nuint)(sOffset[q] + k)) * Vector128.Create(scale[q]),
                        Vector128.LoadUnsafe(ref rho, (nuint)(xOffset[q] + k)), y0);
                }
                y0.StoreUnsafe(ref y, (nuint)k);
                k += 2;
            }
        }
        for (; k < count; k++)
        {
            double sum = (a + Unsafe.Add(ref g, k)) * Unsafe.Add(ref x, k);
            for (int q = 0; q < xOffset.Length; q++)
                sum = Math.FusedMultiplyAdd(Unsafe.Add(ref lanes, sOffset[q] + k) * scale[q], Unsafe.Add(ref rho, xOffset[q] + k), sum);
            Unsafe.Add(ref y, k) = sum;
        }
    }

    /// <summary>
    /// The states of a sector cut where some jump's source − state changes (states without a source do not cut), with
    /// each jump's source − state per segment (Absent when no state of the segment has a source).
    /// </summary>
    private (Segment[] Segments, int[] Offsets) Segments(int sector, int width)
    {
        var cuts = new SortedSet<int> { 0, width };
        foreach (var ladder in _ladders)
        {
            int[] sources = ladder.SourceOf[sector];
            int? offset = null;
            for (int c = 0; c < width; c++)
            {
                if (sources[c] < 0) continue;
                if (offset is { } o && sources[c] - c != o) cuts.Add(c);
                offset = sources[c] - c;
            }
        }
        var bounds = cuts.Where(c => c <= width).ToArray();
        var segments = new Segment[Math.Max(0, bounds.Length - 1)];
        var offsets = new int[segments.Length * _ladders.Length];
        for (int s = 0; s < segments.Length; s++)
        {
            segments[s] = new Segment(bounds[s], bounds[s + 1] - bounds[s]);
            for (int j = 0; j < _ladders.Length; j++)
            {
                int[] sources = _ladders[j].SourceOf[sector];
                int c = Array.FindIndex(sources, bounds[s], segments[s].Length, v => v >= 0);
                offsets[(s * _ladders.Length) + j] = c < 0 ? Absent : sources[c] - c;
            }
        }
        return (segments, offsets);
    }

    private static double[] Twice(double[] values) => [.. values.SelectMany(v => new[] { v, v })];

    /// <summary>Local states [Start, Start + Length) of a sector.</summary>
    private readonly record struct Segment(int Start, int Length);

    /// <summary>One ladder jump (see <see cref="LadderJumps"/>).</summary>
    private sealed class Ladder
    {
        private Ladder(int[][] sourceOf, double[][] magnitude, int[] sources)
        {
            SourceOf = sourceOf;
            Magnitude = magnitude;
            Sources = sources;
        }

        /// <summary>[sector N][local state] → its source: local state in sector N − δ, or −1 (no entry in that row).</summary>
        public int[][] SourceOf { get; }

        /// <summary>[sector N][local state] → |v| (0 when no entry).</summary>
        public double[][] Magnitude { get; }

        /// <summary>[stored block] → stored source block ρ_{N−δ, N'−δ}, −1 when none.</summary>
        public int[] Sources { get; }

        public static Ladder? TryCreate(SparseMatrix jump, ReadOnlySpan<double> energies, CoherenceSectorLayout layout, int[] sectorOf, int[] local)
        {
            var sourceOf = layout.States.Select(s => Enumerable.Repeat(-1, s.Length).ToArray()).ToArray();
            var magnitude = layout.States.Select(s => new double[s.Length]).ToArray();
            var columnUsed = new bool[jump.Dimension];
            int? shift = null;
            double? energyChange = null;
            Complex? phase = null;
            for (int r = 0; r < jump.Dimension; r++)
            {
                int start = jump.RowPointers[r], end = jump.RowPointers[r + 1];
                if (end - start > 1) return null;
                if (start == end || jump.Values[start] == Complex.Zero) continue;
                int c = jump.ColumnIndices[start];
                Complex v = jump.Values[start];
                if (columnUsed[c]) return null;
                columnUsed[c] = true;
                int change = sectorOf[r] - sectorOf[c];
                double de = energies[r] - energies[c];
                Complex unit = v / v.Magnitude;
                if (shift is { } s && s != change) return null;
                if (energyChange is { } e && Math.Abs(de - e) > Tolerance * Math.Max(1, Math.Abs(e))) return null;
                if (phase is { } p && (unit - p).Magnitude > Tolerance) return null;
                (shift, energyChange, phase) = (change, de, unit);
                sourceOf[sectorOf[r]][local[r]] = local[c];
                magnitude[sectorOf[r]][local[r]] = v.Magnitude;
            }
            int delta = shift ?? 0;
            int[] sources = [.. layout.Blocks.Select(b => layout.BlockIndex(b.RowSector - delta, b.ColumnSector - delta))];
            return new Ladder(sourceOf, magnitude, sources);
        }
    }
}
