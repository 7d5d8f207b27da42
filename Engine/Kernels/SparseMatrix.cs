using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Kernels;

/// <summary>
/// An immutable square sparse matrix of <see cref="Complex"/> in compressed sparse row (CSR) form:
/// the entries of row i are <c>Values[RowPointers[i] .. RowPointers[i + 1]]</c> at columns
/// <c>ColumnIndices[...]</c>, sorted ascending within each row, without duplicates. Entries that are
/// exactly zero are not stored by the factory methods and by the algebra below.
/// </summary>
public sealed class SparseMatrix
{
    private readonly int[] _rowPointers;
    private readonly int[] _columns;
    private readonly Complex[] _values;

    /// <summary>Wraps CSR arrays that the caller guarantees are valid (sorted, unique columns) and will not mutate.</summary>
    private SparseMatrix(int dimension, int[] rowPointers, int[] columns, Complex[] values)
    {
        Dimension = dimension;
        _rowPointers = rowPointers;
        _columns = columns;
        _values = values;
    }

    /// <summary>Number of rows (= columns).</summary>
    public int Dimension { get; }

    /// <summary>Number of stored entries.</summary>
    public int NonZeroCount => _values.Length;

    /// <summary>CSR row pointers, length <see cref="Dimension"/> + 1.</summary>
    public ReadOnlySpan<int> RowPointers => _rowPointers;

    /// <summary>Column index of each stored entry.</summary>
    public ReadOnlySpan<int> ColumnIndices => _columns;

    /// <summary>Value of each stored entry.</summary>
    public ReadOnlySpan<Complex> Values => _values;

    /// <summary>Entry (row, column), zero when not stored (binary search in the row).</summary>
    public Complex this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Dimension) throw new ArgumentOutOfRangeException(nameof(row));
            if ((uint)column >= (uint)Dimension) throw new ArgumentOutOfRangeException(nameof(column));
            int k = Array.BinarySearch(_columns, _rowPointers[row], _rowPointers[row + 1] - _rowPointers[row], column);
            return k >= 0 ? _values[k] : Complex.Zero;
        }
    }

    /// <summary>The D×D identity.</summary>
    public static SparseMatrix Identity(int dimension)
    {
        CheckDimension(dimension);
        var values = new Complex[dimension];
        Array.Fill(values, Complex.One);
        return new SparseMatrix(dimension, [.. Enumerable.Range(0, dimension + 1)], [.. Enumerable.Range(0, dimension)], values);
    }

    /// <summary>The D×D zero matrix.</summary>
    public static SparseMatrix Zero(int dimension)
    {
        CheckDimension(dimension);
        return new SparseMatrix(dimension, new int[dimension + 1], [], []);
    }

    /// <summary>diag(d).</summary>
    public static SparseMatrix Diagonal(ReadOnlySpan<Complex> diagonal)
    {
        var entries = new (int, int, Complex)[diagonal.Length];
        for (int i = 0; i < diagonal.Length; i++) entries[i] = (i, i, diagonal[i]);
        return FromTriplets(diagonal.Length, entries);
    }

    /// <summary>Builds a matrix from (row, column, value) entries; repeated positions are summed.</summary>
    public static SparseMatrix FromTriplets(int dimension, IEnumerable<(int Row, int Column, Complex Value)> entries)
    {
        CheckDimension(dimension);
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        foreach (var (row, column, _) in list)
        {
            if ((uint)row >= (uint)dimension || (uint)column >= (uint)dimension)
                throw new ArgumentException($"entry ({row}, {column}) lies outside a {dimension}×{dimension} matrix", nameof(entries));
        }
        list.Sort((x, y) => x.Row != y.Row ? x.Row.CompareTo(y.Row) : x.Column.CompareTo(y.Column));

        var rowPointers = new int[dimension + 1];
        var columns = new List<int>(list.Count);
        var values = new List<Complex>(list.Count);
        int k = 0;
        for (int row = 0; row < dimension; row++)
        {
            while (k < list.Count && list[k].Row == row)
            {
                int column = list[k].Column;
                Complex sum = Complex.Zero;
                while (k < list.Count && list[k].Row == row && list[k].Column == column) sum += list[k++].Value;
                if (sum != Complex.Zero)
                {
                    columns.Add(column);
                    values.Add(sum);
                }
            }
            rowPointers[row + 1] = columns.Count;
        }
        return new SparseMatrix(dimension, rowPointers, [.. columns], [.. values]);
    }

    /// <summary>The nonzero entries of a dense square matrix (|entry| &gt; <paramref name="dropTolerance"/>).</summary>
    public static SparseMatrix FromDense(Matrix<Complex> dense, double dropTolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(dense);
        if (dense.RowCount != dense.ColumnCount) throw new ArgumentException("the matrix must be square", nameof(dense));
        var entries = new List<(int, int, Complex)>();
        for (int i = 0; i < dense.RowCount; i++)
            for (int j = 0; j < dense.ColumnCount; j++)
                if (Complex.Abs(dense[i, j]) > dropTolerance) entries.Add((i, j, dense[i, j]));
        return FromTriplets(dense.RowCount, entries);
    }

    /// <summary>The dense copy (for tests and small diagnostics).</summary>
    public Matrix<Complex> ToDense()
    {
        var dense = Matrix<Complex>.Build.Dense(Dimension, Dimension);
        for (int i = 0; i < Dimension; i++)
            for (int k = _rowPointers[i]; k < _rowPointers[i + 1]; k++) dense[i, _columns[k]] = _values[k];
        return dense;
    }

    /// <summary>The conjugate transpose A†.</summary>
    public SparseMatrix Adjoint()
    {
        var rowPointers = new int[Dimension + 1];
        foreach (int column in _columns) rowPointers[column + 1]++;
        for (int i = 0; i < Dimension; i++) rowPointers[i + 1] += rowPointers[i];
        var next = rowPointers[..Dimension];
        var columns = new int[NonZeroCount];
        var values = new Complex[NonZeroCount];
        for (int i = 0; i < Dimension; i++)
        {
            for (int k = _rowPointers[i]; k < _rowPointers[i + 1]; k++)
            {
                int slot = next[_columns[k]]++;
                columns[slot] = i;          // rows visited ascending ⇒ columns of A† sorted
                values[slot] = Complex.Conjugate(_values[k]);
            }
        }
        return new SparseMatrix(Dimension, rowPointers, columns, values);
    }

    /// <summary>c A.</summary>
    public SparseMatrix Scale(Complex factor)
    {
        if (factor == Complex.Zero) return Zero(Dimension);
        var values = new Complex[NonZeroCount];
        for (int k = 0; k < values.Length; k++) values[k] = factor * _values[k];
        return new SparseMatrix(Dimension, _rowPointers, _columns, values);
    }

    /// <summary>A + B.</summary>
    public SparseMatrix Add(SparseMatrix other) => Add(other, Complex.One);

    /// <summary>A + c B.</summary>
    public SparseMatrix Add(SparseMatrix other, Complex factor)
    {
        CheckSameDimension(other);
        var rowPointers = new int[Dimension + 1];
        var columns = new List<int>(NonZeroCount + other.NonZeroCount);
        var values = new List<Complex>(NonZeroCount + other.NonZeroCount);
        for (int i = 0; i < Dimension; i++)
        {
            int p = _rowPointers[i], pEnd = _rowPointers[i + 1];
            int q = other._rowPointers[i], qEnd = other._rowPointers[i + 1];
            while (p < pEnd || q < qEnd)
            {
                int cp = p < pEnd ? _columns[p] : int.MaxValue;
                int cq = q < qEnd ? other._columns[q] : int.MaxValue;
                int column = Math.Min(cp, cq);
                Complex sum = Complex.Zero;
                if (cp == column) sum += _values[p++];
                if (cq == column) sum += factor * other._values[q++];
                if (sum != Complex.Zero)
                {
                    columns.Add(column);
                    values.Add(sum);
                }
            }
            rowPointers[i + 1] = columns.Count;
        }
        return new SparseMatrix(Dimension, rowPointers, [.. columns], [.. values]);
    }

    /// <summary>The product A B (row-by-row accumulation with a dense work row).</summary>
    public SparseMatrix Multiply(SparseMatrix other)
    {
        CheckSameDimension(other);
        var rowPointers = new int[Dimension + 1];
        var columns = new List<int>();
        var values = new List<Complex>();
        var accumulator = new Complex[Dimension];
        var marker = new int[Dimension];
        Array.Fill(marker, -1);
        var touched = new List<int>();
        for (int i = 0; i < Dimension; i++)
        {
            touched.Clear();
            for (int p = _rowPointers[i]; p < _rowPointers[i + 1]; p++)
            {
                Complex a = _values[p];
                int k = _columns[p];
                for (int q = other._rowPointers[k]; q < other._rowPointers[k + 1]; q++)
                {
                    int j = other._columns[q];
                    if (marker[j] != i)
                    {
                        marker[j] = i;
                        accumulator[j] = Complex.Zero;
                        touched.Add(j);
                    }
                    accumulator[j] += a * other._values[q];
                }
            }
            touched.Sort();
            foreach (int j in touched)
            {
                if (accumulator[j] == Complex.Zero) continue;
                columns.Add(j);
                values.Add(accumulator[j]);
            }
            rowPointers[i + 1] = columns.Count;
        }
        return new SparseMatrix(Dimension, rowPointers, [.. columns], [.. values]);
    }

    public static SparseMatrix operator +(SparseMatrix x, SparseMatrix y) => x.Add(y);

    public static SparseMatrix operator -(SparseMatrix x, SparseMatrix y) => x.Add(y, -Complex.One);

    public static SparseMatrix operator *(SparseMatrix x, SparseMatrix y) => x.Multiply(y);

    public static SparseMatrix operator *(Complex c, SparseMatrix x) => x.Scale(c);

    public override string ToString() => $"SparseMatrix({Dimension}×{Dimension}, {NonZeroCount} nonzeros)";

    private static void CheckDimension(int dimension)
    {
        if (dimension < 0) throw new ArgumentException($"dimension must be ≥ 0, got {dimension}", nameof(dimension));
    }

    private void CheckSameDimension(SparseMatrix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Dimension != Dimension)
            throw new ArgumentException($"dimensions differ: {Dimension} and {other.Dimension}", nameof(other));
    }
}
