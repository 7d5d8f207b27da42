using System.Numerics;
using BosonicTrajectories.Fock;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// Compact storage of a Hermitian density matrix of an excitation-conserving model by coherence order
/// k = N − N' (N, N' the total excitation numbers of the row and column state). ℒ maps each order into itself
/// (H_eff keeps N; every jump moves N and N' by the same δ), so an order that is zero initially stays zero, and
/// ρ = ρ† makes order −k the conjugate transpose of order k. Only the blocks ρ_{N'+k, N'} of the chosen orders
/// k ≥ 0 are stored, row-major, one after another (order by order, N' ascending); everything else is implied
/// (orders −k by conjugation, the rest zero).
/// </summary>
internal sealed class CoherenceSectorLayout
{
    private readonly int[] _blockIndex;     // (N, N') → stored block, −1 when not stored
    private readonly int[] _sectorStarts;

    private CoherenceSectorLayout(FockSpace space, int[] orders)
    {
        Dimension = space.Dimension;
        States = [.. space.Sectors.Select(s => s.ToArray())];
        Orders = orders;
        int sectors = States.Length;
        _blockIndex = new int[sectors * sectors];
        Array.Fill(_blockIndex, -1);
        var blocks = new List<StoredBlock>();
        int offset = 0;
        foreach (int k in orders)
        {
            for (int column = 0; column + k < sectors; column++)
            {
                int row = column + k;
                int rows = States[row].Length, columns = States[column].Length;
                if (rows == 0 || columns == 0) continue;
                _blockIndex[(row * sectors) + column] = blocks.Count;
                blocks.Add(new StoredBlock(row, column, offset, rows, columns));
                offset += rows * columns;
            }
        }
        Blocks = [.. blocks];
        _sectorStarts = new int[sectors + 1];
        for (int n = 0; n < sectors; n++) _sectorStarts[n + 1] = _sectorStarts[n] + States[n].Length;
        Length = offset;
    }

    /// <summary>Hilbert-space dimension D.</summary>
    public int Dimension { get; }

    /// <summary>States[N]: the basis indices with Σ n_i = N, ascending (local index = position).</summary>
    public int[][] States { get; }

    /// <summary>The stored coherence orders k ≥ 0, ascending.</summary>
    public int[] Orders { get; }

    /// <summary>The stored blocks ρ_{N'+k, N'}, in storage order.</summary>
    public StoredBlock[] Blocks { get; }

    /// <summary>Number of stored complex entries.</summary>
    public int Length { get; }

    /// <summary>The orders present in <paramref name="densityMatrix"/>: every k ≥ 0 with a nonzero entry of order k or −k.</summary>
    public static CoherenceSectorLayout ForState(FockSpace space, ReadOnlySpan<Complex> densityMatrix)
    {
        ArgumentNullException.ThrowIfNull(space);
        int d = space.Dimension;
        if (densityMatrix.Length != d * d)
            throw new ArgumentException($"expected a {d}×{d} density matrix, got {densityMatrix.Length} entries", nameof(densityMatrix));
        var present = new bool[space.MaxTotalExcitations + 1];
        for (int r = 0; r < d; r++)
        {
            int n = space.TotalExcitations(r);
            for (int c = 0; c < d; c++)
                if (densityMatrix[(r * d) + c] != Complex.Zero) present[Math.Abs(n - space.TotalExcitations(c))] = true;
        }
        return new CoherenceSectorLayout(space, [.. Enumerable.Range(0, present.Length).Where(k => present[k])]);
    }

    /// <summary>The layout storing the given orders (each k in [0, N_max], no repeats).</summary>
    public static CoherenceSectorLayout ForOrders(FockSpace space, IEnumerable<int> orders)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(orders);
        int[] sorted = [.. orders.Order()];
        if (sorted.Any(k => k < 0 || k > space.MaxTotalExcitations) || sorted.Distinct().Count() != sorted.Length)
            throw new ArgumentException($"orders must be distinct and in [0, {space.MaxTotalExcitations}]", nameof(orders));
        return new CoherenceSectorLayout(space, sorted);
    }

    /// <summary>Position of sector N's first state when the sectors are listed one after another (N ascending).</summary>
    public int SectorStart(int sector) => _sectorStarts[sector];

    /// <summary>The stored block ρ_{N, N'}, or −1 when it is not stored (other order, or an empty sector).</summary>
    public int BlockIndex(int rowSector, int columnSector) =>
        (uint)rowSector < (uint)States.Length && (uint)columnSector < (uint)States.Length
            ? _blockIndex[(rowSector * States.Length) + columnSector]
            : -1;

    /// <summary>Copies the stored blocks out of a row-major D×D matrix.</summary>
    public void Pack(ReadOnlySpan<Complex> full, Span<Complex> packed)
    {
        CheckLengths(full.Length, packed.Length);
        foreach (var block in Blocks)
        {
            int[] rows = States[block.RowSector], columns = States[block.ColumnSector];
            for (int i = 0; i < rows.Length; i++)
            {
                int source = rows[i] * Dimension, target = block.Offset + (i * columns.Length);
                for (int j = 0; j < columns.Length; j++) packed[target + j] = full[source + columns[j]];
            }
        }
    }

    /// <summary>
    /// Writes the whole row-major D×D matrix: the stored blocks, their conjugate transposes for k &gt; 0, zeros elsewhere.
    /// </summary>
    public void Unpack(ReadOnlySpan<Complex> packed, Span<Complex> full)
    {
        CheckLengths(full.Length, packed.Length);
        full.Clear();
        foreach (var block in Blocks)
        {
            int[] rows = States[block.RowSector], columns = States[block.ColumnSector];
            bool mirror = block.RowSector != block.ColumnSector;
            for (int i = 0; i < rows.Length; i++)
            {
                int target = rows[i] * Dimension, source = block.Offset + (i * columns.Length);
                for (int j = 0; j < columns.Length; j++)
                {
                    Complex value = packed[source + j];
                    full[target + columns[j]] = value;
                    if (mirror) full[(columns[j] * Dimension) + rows[i]] = Complex.Conjugate(value);
                }
            }
        }
    }

    private void CheckLengths(int full, int packed)
    {
        if (full != Dimension * Dimension) throw new ArgumentException($"expected {Dimension * Dimension} entries, got {full}", nameof(full));
        if (packed != Length) throw new ArgumentException($"expected {Length} stored entries, got {packed}", nameof(packed));
    }
}

/// <summary>One stored block ρ_{N, N'} (N = <see cref="RowSector"/>, N' = <see cref="ColumnSector"/>), row-major at <see cref="Offset"/>.</summary>
internal readonly record struct StoredBlock(int RowSector, int ColumnSector, int Offset, int Rows, int Columns);
