using System.Numerics;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// The Liouvillian ℒX = G X + X G† + Σ_k L_k X L_k† (G = −i H_eff) restricted to block-diagonal matrices
/// X = ⊕_b X_b over a partition of the basis into blocks. With the total-excitation sectors as blocks and a model that
/// conserves excitations, this is ℒ on the coherence order k = N − N' = 0 exactly: H_eff keeps N and each L_k moves
/// every sector N' to the single sector N' + δ_k, so L_k X L_k† maps diagonal blocks to diagonal blocks. With one block
/// holding every state it is the full ℒ. The unknown vector stores the blocks row-major one after another.
/// Complex-linear (no Hermiticity assumed), allocation-free after construction; not thread-safe.
/// </summary>
internal sealed class BlockLiouvillian
{
    private readonly BlockOperator[] _coherent;
    private readonly List<(int Target, int Source, BlockOperator Jump)> _jumps;
    private readonly int[][] _jumpsFromBelow;    // per target block: indices into _jumps with source < target
    private readonly int[][] _jumpsFromAbove;    // … with source > target
    private readonly Complex[] _scratchRow;

    private BlockLiouvillian(int dimension, int[][] blocks, BlockOperator[] coherent, List<(int, int, BlockOperator)> jumps)
    {
        Dimension = dimension;
        Blocks = blocks;
        _coherent = coherent;
        _jumps = jumps;
        Offsets = new int[blocks.Length + 1];
        for (int b = 0; b < blocks.Length; b++) Offsets[b + 1] = Offsets[b] + (blocks[b].Length * blocks[b].Length);
        _scratchRow = new Complex[blocks.Max(x => x.Length)];
        _jumpsFromBelow = new int[blocks.Length][];
        _jumpsFromAbove = new int[blocks.Length][];
        for (int b = 0; b < blocks.Length; b++)
        {
            _jumpsFromBelow[b] = [.. Enumerable.Range(0, jumps.Count).Where(k => jumps[k].Item1 == b && jumps[k].Item2 < b)];
            _jumpsFromAbove[b] = [.. Enumerable.Range(0, jumps.Count).Where(k => jumps[k].Item1 == b && jumps[k].Item2 > b)];
        }
    }

    /// <summary>Hilbert-space dimension D.</summary>
    public int Dimension { get; }

    /// <summary>Basis indices of each block (ascending).</summary>
    public int[][] Blocks { get; }

    /// <summary>Start of block b in the unknown vector.</summary>
    public int[] Offsets { get; }

    /// <summary>Number of complex unknowns Σ_b size_b².</summary>
    public int Length => Offsets[^1];

    /// <summary>The jump blocks: L_k restricted to (target block ← source block).</summary>
    public IReadOnlyList<(int Target, int Source, BlockOperator Jump)> JumpBlocks => _jumps;

    /// <summary>G restricted to block b (CSR in local indices).</summary>
    public BlockOperator CoherentBlock(int block) => _coherent[block];

    /// <summary>One block holding the whole space (the plain ℒ on full ρ).</summary>
    public static BlockLiouvillian Full(LindbladProblem problem) =>
        Build(problem, [[.. Enumerable.Range(0, problem.Dimension)]]);

    /// <summary>The coherence-order-zero blocks (ρ_{N,N}) of an excitation-conserving model.</summary>
    public static BlockLiouvillian ExcitationSectors(LindbladProblem problem)
    {
        if (!problem.ConservesExcitations)
            throw new ArgumentException("the model does not conserve excitations; use the full Liouvillian", nameof(problem));
        return Build(problem, [.. problem.Space.Sectors.Where(s => s.Length > 0).Select(s => s.ToArray())]);
    }

    private static BlockLiouvillian Build(LindbladProblem problem, int[][] blocks)
    {
        int d = problem.Dimension;
        var blockOf = new int[d];
        var local = new int[d];
        Array.Fill(blockOf, -1);
        for (int b = 0; b < blocks.Length; b++)
            for (int i = 0; i < blocks[b].Length; i++) (blockOf[blocks[b][i]], local[blocks[b][i]]) = (b, i);

        var coherent = problem.EffectiveHamiltonian.Scale(-Complex.ImaginaryOne);
        var coherentBlocks = Split(coherent, blocks, blockOf, local);
        var diagonal = new BlockOperator[blocks.Length];
        foreach (var ((target, source), op) in coherentBlocks)
        {
            if (target != source)
                throw new InvalidOperationException($"H_eff couples blocks {source} and {target}; the block partition does not fit the model");
            diagonal[target] = op;
        }
        for (int b = 0; b < blocks.Length; b++) diagonal[b] ??= BlockOperator.Empty(blocks[b].Length, blocks[b].Length);

        var jumps = new List<(int, int, BlockOperator)>();
        foreach (var jump in problem.Jumps)
        {
            var parts = Split(jump, blocks, blockOf, local);
            var targets = parts.Keys.GroupBy(k => k.Source).Where(g => g.Count() > 1).ToList();
            if (targets.Count > 0)
                throw new InvalidOperationException("a jump maps one block into several; the block partition does not fit the model");
            foreach (var ((target, source), op) in parts) jumps.Add((target, source, op));
        }
        return new BlockLiouvillian(d, blocks, diagonal, jumps);
    }

    /// <summary>The entries of <paramref name="matrix"/> grouped by (block of row, block of column), in local indices.</summary>
    private static Dictionary<(int Target, int Source), BlockOperator> Split(SparseMatrix matrix, int[][] blocks, int[] blockOf, int[] local)
    {
        var entries = new Dictionary<(int, int), List<(int, int, Complex)>>();
        for (int r = 0; r < matrix.Dimension; r++)
        {
            for (int p = matrix.RowPointers[r]; p < matrix.RowPointers[r + 1]; p++)
            {
                int c = matrix.ColumnIndices[p];
                var key = (blockOf[r], blockOf[c]);
                if (!entries.TryGetValue(key, out var list)) entries[key] = list = [];
                list.Add((local[r], local[c], matrix.Values[p]));
            }
        }
        return entries.ToDictionary(e => e.Key, e => BlockOperator.FromEntries(blocks[e.Key.Item1].Length, blocks[e.Key.Item2].Length, e.Value));
    }

    /// <summary>y ← ℒx on the block-diagonal unknowns.</summary>
    public void Apply(ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        if (x.Length != Length) throw new ArgumentException($"expected {Length} unknowns, got {x.Length}", nameof(x));
        if (y.Length != Length) throw new ArgumentException($"expected {Length} unknowns, got {y.Length}", nameof(y));
        y.Clear();
        for (int b = 0; b < Blocks.Length; b++)
        {
            int n = Blocks[b].Length;
            var g = _coherent[b];
            var xb = x.Slice(Offsets[b], n * n);
            var yb = y.Slice(Offsets[b], n * n);
            for (int i = 0; i < n; i++)
            {
                var row = yb.Slice(i * n, n);
                ComplexRowKernels.AddOperatorTimesMatrixRow(g.RowPointers, g.Columns, g.Values, i, xb, n, 0, row);
                ComplexRowKernels.AddRowTimesAdjoint(xb.Slice(i * n, n), g.RowPointers, g.Columns, g.Values, 0, row);
            }
        }
        foreach (var (target, source, jump) in _jumps)
        {
            int n = Blocks[target].Length, m = Blocks[source].Length;
            AddJumpTerm(jump, x.Slice(Offsets[source], m * m), m, y.Slice(Offsets[target], n * n), n);
        }
    }

    /// <summary>True when some jump maps a block after (<paramref name="fromAbove"/>) or before <paramref name="target"/> into it.</summary>
    public bool HasJumpsInto(int target, bool fromAbove) => (fromAbove ? _jumpsFromAbove : _jumpsFromBelow)[target].Length > 0;

    /// <summary>
    /// y_target += Σ L X_source L† over the jump blocks into block <paramref name="target"/> from the blocks after it
    /// (<paramref name="fromAbove"/>) or before it; <paramref name="yTarget"/> is block <paramref name="target"/> alone.
    /// Jumps within one block are not included.
    /// </summary>
    public void AddJumpsInto(int target, bool fromAbove, ReadOnlySpan<Complex> x, Span<Complex> yTarget)
    {
        int n = Blocks[target].Length;
        if (yTarget.Length != n * n) throw new ArgumentException($"expected {n * n} entries, got {yTarget.Length}", nameof(yTarget));
        foreach (int k in (fromAbove ? _jumpsFromAbove : _jumpsFromBelow)[target])
        {
            var (_, source, jump) = _jumps[k];
            int m = Blocks[source].Length;
            AddJumpTerm(jump, x.Slice(Offsets[source], m * m), m, yTarget, n);
        }
    }

    /// <summary>y += L X L† for one jump block L (n×m), X m×m, y n×n.</summary>
    private void AddJumpTerm(BlockOperator jump, ReadOnlySpan<Complex> xs, int m, Span<Complex> yt, int n)
    {
        var scratch = _scratchRow.AsSpan(0, m);
        for (int i = 0; i < n; i++)
        {
            if (jump.RowPointers[i] == jump.RowPointers[i + 1]) continue;
            scratch.Clear();
            ComplexRowKernels.AddOperatorTimesMatrixRow(jump.RowPointers, jump.Columns, jump.Values, i, xs, m, 0, scratch);
            ComplexRowKernels.AddRowTimesAdjoint(scratch, jump.RowPointers, jump.Columns, jump.Values, 0, yt.Slice(i * n, n));
        }
    }

    /// <summary>Tr X = Σ_b Σ_i X_b(i, i).</summary>
    public Complex Trace(ReadOnlySpan<Complex> x)
    {
        Complex trace = 0;
        for (int b = 0; b < Blocks.Length; b++)
        {
            int n = Blocks[b].Length;
            for (int i = 0; i < n; i++) trace += x[Offsets[b] + (i * n) + i];
        }
        return trace;
    }

    /// <summary>Writes the blocks into a zeroed row-major D×D matrix.</summary>
    public void ToDensityMatrix(ReadOnlySpan<Complex> x, Span<Complex> rho)
    {
        if (rho.Length != Dimension * Dimension) throw new ArgumentException($"expected {Dimension * Dimension} entries", nameof(rho));
        rho.Clear();
        for (int b = 0; b < Blocks.Length; b++)
        {
            var indices = Blocks[b];
            int n = indices.Length;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) rho[(indices[i] * Dimension) + indices[j]] = x[Offsets[b] + (i * n) + j];
        }
    }
}

/// <summary>A rectangular CSR block of an operator in the local indices of two basis blocks.</summary>
internal sealed class BlockOperator(int rows, int columns, int[] rowPointers, int[] columnIndices, Complex[] values)
{
    public int Rows { get; } = rows;

    public int ColumnCount { get; } = columns;

    public int[] RowPointers { get; } = rowPointers;

    public int[] Columns { get; } = columnIndices;

    public Complex[] Values { get; } = values;

    public static BlockOperator Empty(int rows, int columns) => new(rows, columns, new int[rows + 1], [], []);

    public static BlockOperator FromEntries(int rows, int columns, List<(int Row, int Column, Complex Value)> entries)
    {
        entries.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        var rowPointers = new int[rows + 1];
        foreach (var e in entries) rowPointers[e.Row + 1]++;
        for (int r = 0; r < rows; r++) rowPointers[r + 1] += rowPointers[r];
        return new BlockOperator(rows, columns, rowPointers, [.. entries.Select(e => e.Column)], [.. entries.Select(e => e.Value)]);
    }

    /// <summary>The dense row-major copy.</summary>
    public Complex[] ToDense()
    {
        var dense = new Complex[Rows * ColumnCount];
        for (int r = 0; r < Rows; r++)
            for (int p = RowPointers[r]; p < RowPointers[r + 1]; p++) dense[(r * ColumnCount) + Columns[p]] = Values[p];
        return dense;
    }
}
