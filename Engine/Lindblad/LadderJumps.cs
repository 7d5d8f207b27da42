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
/// column segment; one tile for two modes) on which every term is a shifted copy of its source block. The tiles, with
/// each active jump's source position and strides, are planned once per layout (<see cref="TilePlan"/>). With four
/// (or two) active jumps and at least four columns a tile goes in bands of rows through <see cref="LadderTile"/>, which
/// keeps the columns' factors |v_k| and G_kk in registers and reads each row's G_ii and |v_i| from one interleaved
/// record; other tiles run along each row with four vectors of the derivative in registers. Either way each derivative
/// entry is written once, with one real multiply and one fused multiply-add per entry and jump.
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
    private readonly TilePlan[][] _tiles;           // [stored block] → its tiles

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
        _tiles = [.. Enumerable.Range(0, layout.Blocks.Length).Select(b => Tiles(b, layout))];
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
        foreach (var tile in _tiles[b])
        {
            switch (tile.Kind)
            {
                case TileKind.Banded:
                    // Bands of rows, so that the rows of a column chunk (2 + active streams) stay in L1 between chunks.
                    for (int band = 0; band < tile.Rows; band += BandRows)
                        Band(block, tile, band, Math.Min(BandRows, tile.Rows - band), rho, derivative);
                    break;
                case TileKind.RowByRow:
                    Tile(block, tile, rho, derivative);
                    break;
                default:
                    TileByEntry(b, block, layout, tile, rho, derivative);
                    break;
            }
        }
    }

    /// <summary>
    /// The tiles of stored block <paramref name="b"/> (row segment × column segment), each with its active jumps (those
    /// with a source block and a source in both segments) and how it is computed.
    /// </summary>
    private TilePlan[] Tiles(int b, CoherenceSectorLayout layout)
    {
        var block = layout.Blocks[b];
        int jumps = _ladders.Length;
        var rowSegments = _segments[block.RowSector];
        var columnSegments = _segments[block.ColumnSector];
        int[] rowOffsets = _segmentOffsets[block.RowSector], columnOffsets = _segmentOffsets[block.ColumnSector];
        var tiles = new List<TilePlan>();
        for (int rs = 0; rs < rowSegments.Length; rs++)
        {
            for (int cs = 0; cs < columnSegments.Length; cs++)
            {
                var (rowStart, rows) = rowSegments[rs];
                var (columnStart, columns) = columnSegments[cs];
                var active = new List<int>();
                var sourceLanes = new List<int>();
                var sourceStrides = new List<int>();
                var factorLanes = new List<int>();
                bool inside = true;
                for (int j = 0; j < jumps; j++)
                {
                    int source = _ladders[j].Sources[b];
                    int rowOffset = rowOffsets[(rs * jumps) + j], columnOffset = columnOffsets[(cs * jumps) + j];
                    if (source < 0 || rowOffset == Absent || columnOffset == Absent) continue;
                    var from = layout.Blocks[source];
                    int first = from.Offset + ((rowStart + rowOffset) * from.Columns) + columnStart + columnOffset;
                    int last = first + ((rows - 1) * from.Columns) + columns - 1;
                    inside &= first >= 0 && last < layout.Length;
                    active.Add(j);
                    sourceLanes.Add(2 * first);
                    sourceStrides.Add(2 * from.Columns);
                    factorLanes.Add(_laneStarts[j][block.ColumnSector] + (2 * columnStart));
                }
                var kind = !inside ? TileKind.ByEntry
                    : (active.Count == 4 || active.Count == 2) && 2 * columns >= LadderTile.MinimumLanes ? TileKind.Banded
                    : TileKind.RowByRow;
                tiles.Add(new TilePlan(rowStart, rows, columnStart, columns, kind, [.. active], [.. sourceLanes], [.. sourceStrides], [.. factorLanes]));
            }
        }
        return [.. tiles];
    }

    /// <summary>One tile, row by row through <see cref="SegmentRow"/>.</summary>
    private void Tile(StoredBlock block, TilePlan tile, ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        int active = tile.Jumps.Length;
        Span<int> sourceLanes = stackalloc int[active];
        Span<double> scale = stackalloc double[active];
        tile.SourceLanes.CopyTo(sourceLanes);
        ref double rhoLanes = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(rho));
        ref double yLanes = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(derivative));
        ref double lanes = ref MemoryMarshal.GetArrayDataReference(_lanes);
        double[] factors = _rowFactors[block.RowSector];
        int width = 1 + _ladders.Length;
        ref double columnDiagonal = ref MemoryMarshal.GetArrayDataReference(_diagonalLanes[block.ColumnSector]);
        for (int i = tile.RowStart; i < tile.RowStart + tile.Rows; i++)
        {
            for (int q = 0; q < active; q++) scale[q] = factors[(i * width) + 1 + tile.Jumps[q]];
            int row = 2 * (block.Offset + (i * block.Columns) + tile.ColumnStart);
            SegmentRow(factors[i * width], ref Unsafe.Add(ref columnDiagonal, 2 * tile.ColumnStart), ref Unsafe.Add(ref rhoLanes, row),
                ref Unsafe.Add(ref yLanes, row), 2 * tile.Columns, ref rhoLanes, sourceLanes, tile.FactorLanes, ref lanes, scale);
            for (int q = 0; q < active; q++) sourceLanes[q] += tile.SourceStrides[q];
        }
    }

    /// <summary>Rows per band of a <see cref="LadderTile"/>.</summary>
    private const int BandRows = 24;

    /// <summary>
    /// One band of a tile with four or two active jumps through <see cref="LadderTile"/>. Same arithmetic per entry as
    /// <see cref="SegmentRow"/>: (a_i + g_c)·x, then per jump in order FMA(s_q[c]·r_q(i), x_q, ·).
    /// </summary>
    private void Band(StoredBlock block, TilePlan plan, int band, int rows, ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        ref double rhoLanes = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(rho));
        ref double lanes = ref MemoryMarshal.GetArrayDataReference(_lanes);
        int width = 1 + _ladders.Length;
        int rowStart = plan.RowStart + band, columnStart = plan.ColumnStart;
        int rowBase = 2 * (block.Offset + (rowStart * block.Columns) + columnStart);
        int[] activeJump = plan.Jumps, xOffset = plan.SourceLanes, xStride = plan.SourceStrides, sOffset = plan.FactorLanes;
        var tile = new LadderTile
        {
            Record = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rowFactors[block.RowSector]), width * rowStart),
            RecordWidth = width,
            ColumnDiagonal = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_diagonalLanes[block.ColumnSector]), 2 * columnStart),
            Y = ref Unsafe.Add(ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(derivative)), rowBase),
            X = ref Unsafe.Add(ref rhoLanes, rowBase),
            RowStride = 2 * block.Columns,
            Rows = rows,
            Lanes = 2 * plan.Columns,
            P0 = 1 + activeJump[0],
            S0 = ref Unsafe.Add(ref lanes, sOffset[0]),
            X0 = ref Unsafe.Add(ref rhoLanes, xOffset[0] + (band * xStride[0])),
            D0 = xStride[0],
            P1 = 1 + activeJump[1],
            S1 = ref Unsafe.Add(ref lanes, sOffset[1]),
            X1 = ref Unsafe.Add(ref rhoLanes, xOffset[1] + (band * xStride[1])),
            D1 = xStride[1],
        };
        if (activeJump.Length == 2)
        {
            LadderTile.Run(in tile, four: false);
            return;
        }
        tile.P2 = 1 + activeJump[2];
        tile.S2 = ref Unsafe.Add(ref lanes, sOffset[2]);
        tile.X2 = ref Unsafe.Add(ref rhoLanes, xOffset[2] + (band * xStride[2]));
        tile.D2 = xStride[2];
        tile.P3 = 1 + activeJump[3];
        tile.S3 = ref Unsafe.Add(ref lanes, sOffset[3]);
        tile.X3 = ref Unsafe.Add(ref rhoLanes, xOffset[3] + (band * xStride[3]));
        tile.D3 = xStride[3];
        LadderTile.Run(in tile, four: true);
    }

    /// <summary>
    /// One tile entry by entry, reading only the sources that exist (for tiles at the ends of the storage), with the
    /// arithmetic of <see cref="SegmentRow"/> lane by lane, so that every entry gets the same bits either way.
    /// </summary>
    private void TileByEntry(int b, StoredBlock block, CoherenceSectorLayout layout, TilePlan tile, ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        for (int i = tile.RowStart; i < tile.RowStart + tile.Rows; i++)
        {
            for (int c = tile.ColumnStart; c < tile.ColumnStart + tile.Columns; c++)
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

    /// <summary>How a tile is computed: <see cref="LadderTile"/> bands, <see cref="SegmentRow"/> rows, or entry by entry.</summary>
    private enum TileKind
    {
        Banded,
        RowByRow,
        ByEntry,
    }

    /// <summary>
    /// One tile of a stored block: rows [RowStart, RowStart + Rows) × columns [ColumnStart, ColumnStart + Columns), its
    /// active jumps, and per active jump the lane of its source entry at the tile's first row and column, the lanes
    /// between source rows, and the lane of its column factors at the tile's first column.
    /// </summary>
    private sealed record TilePlan(int RowStart, int Rows, int ColumnStart, int Columns, TileKind Kind, int[] Jumps, int[] SourceLanes, int[] SourceStrides, int[] FactorLanes);

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
