using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BosonicTrajectories.Kernels;

/// <summary>
/// Row kernels for a CSR operator whose column indices are local to a block (rows of a dense row-major block X with
/// row stride <c>stride</c>), used by block-structured right-hand sides: a row of A X (vectorised axpy of X's rows)
/// and a row of X A† (a short gather per output entry). Lengths and indices are checked on entry; the inner loops
/// run on references without further bounds checks.
/// </summary>
public static class LocalCsrKernels
{
    /// <summary>
    /// y += Σ_{p ∈ [start, end)} v_p · X[col_p, 0..y.Length) with X row-major of row stride <paramref name="stride"/>:
    /// one row of A X for the CSR entries [start, end) of that row of A.
    /// </summary>
    public static void AddRowCombination(
        ReadOnlySpan<Complex> values, ReadOnlySpan<int> columns, int start, int end,
        ReadOnlySpan<Complex> x, int stride, Span<Complex> y)
    {
        if (start < 0 || end > values.Length || end > columns.Length || start > end)
            throw new ArgumentException($"entry range [{start}, {end}) outside the {values.Length} stored entries", nameof(end));
        if (y.Length > stride) throw new ArgumentException($"the row length {y.Length} exceeds the stride {stride}", nameof(y));
        int n = y.Length;
        ref Complex y0 = ref MemoryMarshal.GetReference(y);
        ref Complex x0 = ref MemoryMarshal.GetReference(x);
        for (int p = start; p < end; p++)
        {
            int c = columns[p];
            if (c < 0 || ((long)c * stride) + n > x.Length) ThrowRowOutOfRange(c);
            Axpy(values[p], ref Unsafe.Add(ref x0, c * stride), ref y0, n);
        }
    }

    /// <summary>
    /// y[j] += Σ_{p ∈ row rows[j] of A} x[col_p] · conj(v_p): the entries of the row x·A† at the columns listed in
    /// <paramref name="rows"/> (A in CSR with local columns, indexed by global rows).
    /// </summary>
    public static void AddRowTimesAdjoint(
        ReadOnlySpan<Complex> x, ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columns, ReadOnlySpan<Complex> values,
        ReadOnlySpan<int> rows, Span<Complex> y)
    {
        if (rows.Length != y.Length) throw new ArgumentException($"{rows.Length} rows but {y.Length} outputs", nameof(y));
        if (columns.Length != values.Length) throw new ArgumentException($"{columns.Length} columns but {values.Length} values", nameof(values));
        ref Complex x0 = ref MemoryMarshal.GetReference(x);
        ref int col0 = ref MemoryMarshal.GetReference(columns);
        ref Complex v0 = ref MemoryMarshal.GetReference(values);
        for (int j = 0; j < y.Length; j++)
        {
            int row = rows[j];
            if ((uint)(row + 1) >= (uint)rowPointers.Length) ThrowRowOutOfRange(row);
            int start = rowPointers[row], end = rowPointers[row + 1];
            if (start == end) continue;
            if (start < 0 || end > values.Length) ThrowRowOutOfRange(row);
            double re = 0, im = 0;
            for (int p = start; p < end; p++)
            {
                int m = Unsafe.Add(ref col0, p);
                if ((uint)m >= (uint)x.Length) ThrowRowOutOfRange(m);
                Complex xv = Unsafe.Add(ref x0, m);
                Complex v = Unsafe.Add(ref v0, p);
                re += (xv.Real * v.Real) + (xv.Imaginary * v.Imaginary);
                im += (xv.Imaginary * v.Real) - (xv.Real * v.Imaginary);
            }
            y[j] += new Complex(re, im);
        }
    }

    /// <summary>
    /// Y += A[rows, ·] X for a CSR operator A indexed by global row with columns local to X: row i of Y (stride
    /// <paramref name="yStride"/>, first <paramref name="width"/> entries) gets Σ_p v_p · X[col_p, 0..width) for the
    /// entries p of row rows[i] of A (X row-major with stride <paramref name="xStride"/>).
    /// </summary>
    public static void AddBlockProduct(
        ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columns, ReadOnlySpan<Complex> values, ReadOnlySpan<int> rows,
        ReadOnlySpan<Complex> x, int xStride, Span<Complex> y, int yStride, int width)
    {
        if (columns.Length != values.Length) throw new ArgumentException($"{columns.Length} columns but {values.Length} values", nameof(values));
        if (width > xStride || width > yStride) throw new ArgumentException($"width {width} exceeds a stride ({xStride}, {yStride})", nameof(width));
        if (rows.Length > 0 && ((long)(rows.Length - 1) * yStride) + width > y.Length)
            throw new ArgumentException($"{rows.Length} rows of stride {yStride} do not fit in {y.Length} entries", nameof(y));
        ref Complex x0 = ref MemoryMarshal.GetReference(x);
        ref Complex y0 = ref MemoryMarshal.GetReference(y);
        ref int col0 = ref MemoryMarshal.GetReference(columns);
        ref Complex v0 = ref MemoryMarshal.GetReference(values);
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            if ((uint)(row + 1) >= (uint)rowPointers.Length) ThrowRowOutOfRange(row);
            int start = rowPointers[row], end = rowPointers[row + 1];
            if (start < 0 || end > values.Length) ThrowRowOutOfRange(row);
            ref Complex target = ref Unsafe.Add(ref y0, i * yStride);
            for (int p = start; p < end; p++)
            {
                int c = Unsafe.Add(ref col0, p);
                if (c < 0 || ((long)c * xStride) + width > x.Length) ThrowRowOutOfRange(c);
                Axpy(Unsafe.Add(ref v0, p), ref Unsafe.Add(ref x0, c * xStride), ref target, width);
            }
        }
    }

    /// <summary>
    /// Y += X A[cols, ·]† for a CSR operator A indexed by global row with columns local to X's rows: entry (i, j) of Y
    /// (row-major, cols.Length wide) gets Σ_{p ∈ row cols[j] of A} X[i, col_p] conj(v_p), for the
    /// <paramref name="rowCount"/> rows of X (stride <paramref name="xStride"/>).
    /// </summary>
    public static void AddBlockTimesAdjoint(
        ReadOnlySpan<Complex> x, int xStride, int rowCount,
        ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columns, ReadOnlySpan<Complex> values, ReadOnlySpan<int> cols,
        Span<Complex> y)
    {
        if (columns.Length != values.Length) throw new ArgumentException($"{columns.Length} columns but {values.Length} values", nameof(values));
        int width = cols.Length;
        if ((long)rowCount * width > y.Length) throw new ArgumentException($"{rowCount}×{width} outputs do not fit in {y.Length} entries", nameof(y));
        int maxColumn = MaxLocalColumn(rowPointers, columns, cols);
        if (maxColumn >= xStride || (rowCount > 0 && maxColumn >= 0 && ((long)(rowCount - 1) * xStride) + maxColumn >= x.Length))
            throw new ArgumentException($"local column {maxColumn} lies outside the {rowCount} rows of stride {xStride} of X", nameof(x));
        ref Complex x0 = ref MemoryMarshal.GetReference(x);
        ref Complex y0 = ref MemoryMarshal.GetReference(y);
        ref int col0 = ref MemoryMarshal.GetReference(columns);
        ref Complex v0 = ref MemoryMarshal.GetReference(values);
        ref int ptr0 = ref MemoryMarshal.GetReference(rowPointers);
        ref int cols0 = ref MemoryMarshal.GetReference(cols);
        for (int i = 0; i < rowCount; i++)
        {
            ref Complex xi = ref Unsafe.Add(ref x0, i * xStride);
            ref Complex yi = ref Unsafe.Add(ref y0, i * width);
            for (int j = 0; j < width; j++)
            {
                int row = Unsafe.Add(ref cols0, j);
                int start = Unsafe.Add(ref ptr0, row), end = Unsafe.Add(ref ptr0, row + 1);
                if (start == end) continue;
                double re = 0, im = 0;
                for (int p = start; p < end; p++)
                {
                    Complex xv = Unsafe.Add(ref xi, Unsafe.Add(ref col0, p));
                    Complex v = Unsafe.Add(ref v0, p);
                    re += (xv.Real * v.Real) + (xv.Imaginary * v.Imaginary);
                    im += (xv.Imaginary * v.Real) - (xv.Real * v.Imaginary);
                }
                ref Complex target = ref Unsafe.Add(ref yi, j);
                target = new Complex(target.Real + re, target.Imaginary + im);
            }
        }
    }

    /// <summary>
    /// Y += X A† for an operator A stored by diagonal runs: run k covers the output columns
    /// [start_k, start_k + length_k) of Y and holds A(c, c + offset_k) at values[valueStart_k + c − start_k], so
    /// Y[i, c] += X[i, c + offset_k] conj(A(c, c + offset_k)) — a vectorised elementwise product per run and row of X
    /// (<paramref name="rowCount"/> rows of stride <paramref name="xStride"/>; Y row-major with <paramref name="width"/> columns).
    /// </summary>
    public static void AddBlockTimesAdjointByRuns(
        ReadOnlySpan<Complex> x, int xStride, int rowCount,
        ReadOnlySpan<int> runStarts, ReadOnlySpan<int> runLengths, ReadOnlySpan<int> runOffsets, ReadOnlySpan<int> runValueStarts,
        ReadOnlySpan<Complex> values, Span<Complex> y, int width)
    {
        int runs = runStarts.Length;
        if (runLengths.Length != runs || runOffsets.Length != runs || runValueStarts.Length != runs)
            throw new ArgumentException("the run arrays differ in length", nameof(runLengths));
        if ((long)rowCount * width > y.Length) throw new ArgumentException($"{rowCount}×{width} outputs do not fit in {y.Length} entries", nameof(y));
        for (int k = 0; k < runs; k++)
        {
            int start = runStarts[k], length = runLengths[k], source = start + runOffsets[k];
            if (start < 0 || length < 0 || start + length > width || source < 0 || source + length > xStride ||
                runValueStarts[k] < 0 || runValueStarts[k] + length > values.Length)
                throw new ArgumentException($"run {k} lies outside the block", nameof(runStarts));
        }
        if (rowCount > 0 && (long)rowCount * xStride > x.Length + xStride - MaxRunEnd(runStarts, runLengths, runOffsets))
            throw new ArgumentException($"{rowCount} rows of stride {xStride} do not fit in {x.Length} entries", nameof(x));
        ref Complex x0 = ref MemoryMarshal.GetReference(x);
        ref Complex y0 = ref MemoryMarshal.GetReference(y);
        ref Complex v0 = ref MemoryMarshal.GetReference(values);
        for (int i = 0; i < rowCount; i++)
        {
            ref Complex xi = ref Unsafe.Add(ref x0, i * xStride);
            ref Complex yi = ref Unsafe.Add(ref y0, i * width);
            for (int k = 0; k < runs; k++)
            {
                int start = runStarts[k];
                ConjugateProductAdd(ref Unsafe.Add(ref xi, start + runOffsets[k]), ref Unsafe.Add(ref v0, runValueStarts[k]), ref Unsafe.Add(ref yi, start), runLengths[k]);
            }
        }
    }

    /// <summary>y[0..n) += x[0..n) · conj(v[0..n)) on references (the caller has checked the lengths).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ConjugateProductAdd(ref Complex x, ref Complex v, ref Complex y, int n)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double xr = ref Unsafe.As<Complex, double>(ref x);
            ref double vr = ref Unsafe.As<Complex, double>(ref v);
            ref double yr = ref Unsafe.As<Complex, double>(ref y);
            var sign = Vector256.Create(1.0, -1.0, 1.0, -1.0);
            int end = (n * 2) & ~3;
            for (int i = 0; i < end; i += 4)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var vv = Vector256.LoadUnsafe(ref vr, (nuint)i);
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                // (xr + i xi)(vr − i vi) = (xr vr + xi vi) + i(xi vr − xr vi)
                yv = Vector256.FusedMultiplyAdd(xv, Vector256.Shuffle(vv, Vector256.Create(0L, 0L, 2L, 2L)), yv);
                yv = Vector256.FusedMultiplyAdd(sign * Vector256.Shuffle(xv, Vector256.Create(1L, 0L, 3L, 2L)), Vector256.Shuffle(vv, Vector256.Create(1L, 1L, 3L, 3L)), yv);
                yv.StoreUnsafe(ref yr, (nuint)i);
            }
            k = end / 2;
        }
        for (; k < n; k++)
        {
            Complex xv = Unsafe.Add(ref x, k), vv = Unsafe.Add(ref v, k);
            ref Complex target = ref Unsafe.Add(ref y, k);
            target = new Complex(
                target.Real + (xv.Real * vv.Real) + (xv.Imaginary * vv.Imaginary),
                target.Imaginary + (xv.Imaginary * vv.Real) - (xv.Real * vv.Imaginary));
        }
    }

    private static int MaxRunEnd(ReadOnlySpan<int> runStarts, ReadOnlySpan<int> runLengths, ReadOnlySpan<int> runOffsets)
    {
        int max = 0;
        for (int k = 0; k < runStarts.Length; k++) max = Math.Max(max, runStarts[k] + runOffsets[k] + runLengths[k]);
        return max;
    }

    /// <summary>The largest local column stored in the rows <paramref name="cols"/> (−1 when none); checks the row pointers.</summary>
    private static int MaxLocalColumn(ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columns, ReadOnlySpan<int> cols)
    {
        int max = -1;
        foreach (int row in cols)
        {
            if ((uint)(row + 1) >= (uint)rowPointers.Length) ThrowRowOutOfRange(row);
            int start = rowPointers[row], end = rowPointers[row + 1];
            if (start < 0 || start > end || end > columns.Length) ThrowRowOutOfRange(row);
            for (int p = start; p < end; p++)
            {
                if (columns[p] < 0) ThrowRowOutOfRange(columns[p]);
                max = Math.Max(max, columns[p]);
            }
        }
        return max;
    }

    /// <summary>y[0..n) += α x[0..n) on references (the caller has checked the lengths).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Axpy(Complex alpha, ref Complex x, ref Complex y, int n)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double xr = ref Unsafe.As<Complex, double>(ref x);
            ref double yr = ref Unsafe.As<Complex, double>(ref y);
            var re = Vector256.Create(alpha.Real);
            var imSigned = Vector256.Create(-alpha.Imaginary, alpha.Imaginary, -alpha.Imaginary, alpha.Imaginary);
            int end = (n * 2) & ~3;
            for (int i = 0; i < end; i += 4)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                yv = Vector256.FusedMultiplyAdd(re, xv, yv);
                yv = Vector256.FusedMultiplyAdd(imSigned, Vector256.Shuffle(xv, Vector256.Create(1L, 0L, 3L, 2L)), yv);
                yv.StoreUnsafe(ref yr, (nuint)i);
            }
            k = end / 2;
        }
        for (; k < n; k++)
        {
            Complex v = Unsafe.Add(ref x, k);
            ref Complex target = ref Unsafe.Add(ref y, k);
            target = new Complex(
                target.Real + (alpha.Real * v.Real) - (alpha.Imaginary * v.Imaginary),
                target.Imaginary + (alpha.Real * v.Imaginary) + (alpha.Imaginary * v.Real));
        }
    }

    private static void ThrowRowOutOfRange(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "a CSR index points outside the block");
}
