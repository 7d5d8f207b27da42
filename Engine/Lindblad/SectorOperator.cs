using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// An operator that moves every sector N to N + <see cref="Shift"/>, in CSR by global row with columns local to the
/// source sector (for A X), and by diagonal runs per sector (for X A†: within the rows of sector N', consecutive
/// local rows c whose entry sits at the same local offset q − c form one run). Current[p] = Base[p] φ_r conj(φ_c)
/// (the interaction-picture phases of entry (r, c)); the run values are copies in run order.
/// </summary>
internal sealed class SectorOperator
{
    /// <summary>Below this mean run length (entries per run) a sector's X A† is gathered entry by entry instead.</summary>
    private const int MinimumMeanRunLength = 4;

    private readonly Complex[] _base;
    private readonly int[] _globalColumns;
    private readonly int[] _rowOf;
    private readonly int[] _runSectorStart;      // runs of sector N' are [start[N'], start[N' + 1])
    private readonly int[] _runStarts, _runLengths, _runOffsets, _runValueStarts, _runEntries;
    private readonly Complex[] _runValues;
    private readonly bool[] _useRuns;             // per sector N': runs long enough to beat the entry-by-entry gather

    public SectorOperator(SparseMatrix matrix, int[] sectorOf, int[] local, int[][] states)
    {
        RowPointers = matrix.RowPointers.ToArray();
        _globalColumns = matrix.ColumnIndices.ToArray();
        _base = matrix.Values.ToArray();
        Current = (Complex[])_base.Clone();
        LocalColumns = [.. _globalColumns.Select(c => local[c])];
        _rowOf = new int[_base.Length];
        int? shift = null;
        for (int r = 0; r < matrix.Dimension; r++)
        {
            for (int p = RowPointers[r]; p < RowPointers[r + 1]; p++)
            {
                _rowOf[p] = r;
                int change = sectorOf[r] - sectorOf[_globalColumns[p]];
                if (shift is { } s && s != change)
                    throw new ArgumentException("an operator changes the excitation number by different amounts; the model does not conserve excitations", nameof(matrix));
                shift = change;
            }
        }
        Shift = shift ?? 0;

        var runs = new List<(int Start, int Offset, List<int> Entries)>();
        _runSectorStart = new int[states.Length + 1];
        for (int n = 0; n < states.Length; n++)
        {
            var open = new Dictionary<int, int>();      // offset → run index, for runs ending at the previous row
            for (int c = 0; c < states[n].Length; c++)
            {
                var next = new Dictionary<int, int>();
                int r = states[n][c];
                for (int p = RowPointers[r]; p < RowPointers[r + 1]; p++)
                {
                    int offset = LocalColumns[p] - c;
                    if (!open.TryGetValue(offset, out int run))
                    {
                        run = runs.Count;
                        runs.Add((c, offset, []));
                    }
                    runs[run].Entries.Add(p);
                    next[offset] = run;
                }
                open = next;
            }
            _runSectorStart[n + 1] = runs.Count;
        }
        _runStarts = [.. runs.Select(x => x.Start)];
        _runLengths = [.. runs.Select(x => x.Entries.Count)];
        _runOffsets = [.. runs.Select(x => x.Offset)];
        _runEntries = [.. runs.SelectMany(x => x.Entries)];
        _runValueStarts = new int[runs.Count];
        for (int k = 1; k < runs.Count; k++) _runValueStarts[k] = _runValueStarts[k - 1] + _runLengths[k - 1];
        _runValues = new Complex[_runEntries.Length];
        CopyRunValues();
        _useRuns = new bool[states.Length];
        for (int n = 0; n < states.Length; n++)
        {
            int entries = 0;
            for (int k = _runSectorStart[n]; k < _runSectorStart[n + 1]; k++) entries += _runLengths[k];
            _useRuns[n] = entries >= MinimumMeanRunLength * (_runSectorStart[n + 1] - _runSectorStart[n]);
        }
    }

    /// <summary>δ: row sector − column sector of every entry.</summary>
    public int Shift { get; }

    public int NonZeroCount => _base.Length;

    public int[] RowPointers { get; }

    public int[] LocalColumns { get; }

    public Complex[] Current { get; }

    /// <summary>Y[i, ·] += Σ_p v_p X[col_p, ·] over the entries of row rows[i] (width = row stride of X).</summary>
    public void AddBlockProduct(int[] rows, ref Complex x, int xStride, ref Complex y, int yStride) =>
        AddBlockProduct(rows, ref x, xStride, ref y, yStride, Complex.One);

    /// <summary>Y[i, ·] += scale Σ_p v_p X[col_p, ·] over the entries of row rows[i].</summary>
    public void AddBlockProduct(int[] rows, ref Complex x, int xStride, ref Complex y, int yStride, Complex scale)
    {
        ref int pointers = ref MemoryMarshal.GetArrayDataReference(RowPointers);
        ref int columns = ref MemoryMarshal.GetArrayDataReference(LocalColumns);
        ref Complex values = ref MemoryMarshal.GetArrayDataReference(Current);
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            int end = Unsafe.Add(ref pointers, r + 1);
            ref Complex target = ref Unsafe.Add(ref y, i * yStride);
            for (int p = Unsafe.Add(ref pointers, r); p < end; p++)
                LocalCsrKernels.Axpy(scale * Unsafe.Add(ref values, p), ref Unsafe.Add(ref x, Unsafe.Add(ref columns, p) * xStride), ref target, xStride);
        }
    }

    /// <summary>
    /// Y += X A_{N'}† through the runs of sector N' (Y has one column per state of N'); with
    /// <paramref name="skipRowsOf"/>, rows i whose row skipRowsOf[i] of this operator is empty are skipped (X's row is zero).
    /// </summary>
    public void AddBlockTimesAdjoint(ref Complex x, int xStride, int rowCount, int columnSector, int[] columnStates, ref Complex y, int yStride, int[]? skipRowsOf = null)
    {
        if (!_useRuns[columnSector])
        {
            AddBlockTimesAdjointByGather(ref x, xStride, rowCount, columnStates, ref y, yStride, skipRowsOf);
            return;
        }
        int first = _runSectorStart[columnSector], last = _runSectorStart[columnSector + 1];
        ref int starts = ref MemoryMarshal.GetArrayDataReference(_runStarts);
        ref int lengths = ref MemoryMarshal.GetArrayDataReference(_runLengths);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_runOffsets);
        ref int valueStarts = ref MemoryMarshal.GetArrayDataReference(_runValueStarts);
        ref Complex values = ref MemoryMarshal.GetArrayDataReference(_runValues);
        for (int i = 0; i < rowCount; i++)
        {
            if (skipRowsOf is not null && RowPointers[skipRowsOf[i]] == RowPointers[skipRowsOf[i] + 1]) continue;
            ref Complex xi = ref Unsafe.Add(ref x, i * xStride);
            ref Complex yi = ref Unsafe.Add(ref y, i * yStride);
            for (int k = first; k < last; k++)
            {
                int start = Unsafe.Add(ref starts, k);
                LocalCsrKernels.ConjugateProductAdd(
                    ref Unsafe.Add(ref xi, start + Unsafe.Add(ref offsets, k)), ref Unsafe.Add(ref values, Unsafe.Add(ref valueStarts, k)),
                    ref Unsafe.Add(ref yi, start), Unsafe.Add(ref lengths, k));
            }
        }
    }

    /// <summary>Y += X A_{N'}† entry by entry (a short gather over the CSR row of each column state): for short runs.</summary>
    private void AddBlockTimesAdjointByGather(ref Complex x, int xStride, int rowCount, int[] columnStates, ref Complex y, int yStride, int[]? skipRowsOf)
    {
        ref int pointers = ref MemoryMarshal.GetArrayDataReference(RowPointers);
        ref int columns = ref MemoryMarshal.GetArrayDataReference(LocalColumns);
        ref Complex values = ref MemoryMarshal.GetArrayDataReference(Current);
        for (int i = 0; i < rowCount; i++)
        {
            if (skipRowsOf is not null && RowPointers[skipRowsOf[i]] == RowPointers[skipRowsOf[i] + 1]) continue;
            ref Complex xi = ref Unsafe.Add(ref x, i * xStride);
            ref Complex yi = ref Unsafe.Add(ref y, i * yStride);
            for (int j = 0; j < columnStates.Length; j++)
            {
                int state = columnStates[j];
                int start = Unsafe.Add(ref pointers, state), end = Unsafe.Add(ref pointers, state + 1);
                if (start == end) continue;
                double re = 0, im = 0;
                for (int p = start; p < end; p++)
                {
                    Complex xv = Unsafe.Add(ref xi, Unsafe.Add(ref columns, p)), v = Unsafe.Add(ref values, p);
                    re += (xv.Real * v.Real) + (xv.Imaginary * v.Imaginary);
                    im += (xv.Imaginary * v.Real) - (xv.Real * v.Imaginary);
                }
                ref Complex target = ref Unsafe.Add(ref yi, j);
                target = new Complex(target.Real + re, target.Imaginary + im);
            }
        }
    }

    public void Apply(ReadOnlySpan<Complex> phases)
    {
        for (int p = 0; p < _base.Length; p++)
            Current[p] = _base[p] * phases[_rowOf[p]] * Complex.Conjugate(phases[_globalColumns[p]]);
        CopyRunValues();
    }

    private void CopyRunValues()
    {
        for (int k = 0; k < _runEntries.Length; k++) _runValues[k] = Current[_runEntries[k]];
    }
}
