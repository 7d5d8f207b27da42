using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BosonicTrajectories.Kernels;

/// <summary>
/// Row kernels for products of a CSR operator (given as raw spans, so callers can pass time-dependent
/// values, e.g. re-phased in an interaction picture) with a row-major dense complex matrix, on column / row
/// windows so that a caller can compute one triangle of a Hermitian product. Destination last; lengths checked
/// on entry. (<see cref="SparseKernels"/> has the whole-matrix products of an immutable <see cref="SparseMatrix"/>.)
/// </summary>
public static class ComplexRowKernels
{
    // Lane constants of the complex elementwise products on (re, im, re, im) vectors. Properties that build the vectors
    // (not static readonly fields), so that the JIT sees constants and emits immediate shuffles at every tier.
    private static Vector256<double> Sign => Vector256.Create(1.0, -1.0, 1.0, -1.0);
    private static Vector256<long> RealIndex => Vector256.Create(0L, 0L, 2L, 2L);
    private static Vector256<long> ImaginaryIndex => Vector256.Create(1L, 1L, 3L, 3L);
    private static Vector256<long> SwapIndex => Vector256.Create(1L, 0L, 3L, 2L);

    /// <summary>
    /// y += Σ_p v_p x[col_p] over the entries p of row <paramref name="row"/> of the CSR operator A, with x the
    /// row-major matrix X (row length <paramref name="rowLength"/>) restricted to columns
    /// [<paramref name="firstColumn"/>, <paramref name="firstColumn"/> + y.Length): y += (A X)[row, window].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddOperatorTimesMatrixRow(
        ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columns, ReadOnlySpan<Complex> values, int row,
        ReadOnlySpan<Complex> matrix, int rowLength, int firstColumn, Span<Complex> y)
    {
        CheckCsr(rowPointers, columns, values);
        if ((uint)row >= (uint)(rowPointers.Length - 1)) throw new ArgumentOutOfRangeException(nameof(row));
        if (firstColumn < 0 || firstColumn + y.Length > rowLength)
            throw new ArgumentException($"column window [{firstColumn}, {firstColumn + y.Length}) exceeds the row length {rowLength}", nameof(y));
        for (int p = rowPointers[row]; p < rowPointers[row + 1]; p++)
        {
            int source = columns[p];
            ComplexSpan.Axpy(values[p], matrix.Slice((source * rowLength) + firstColumn, y.Length), y);
        }
    }

    /// <summary>
    /// y[c − firstRow] += Σ_{p ∈ row c of A} x[col_p] · conj(v_p) for c in [<paramref name="firstRow"/>,
    /// <paramref name="firstRow"/> + y.Length): one row of X A† for the row vector x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRowTimesAdjoint(
        ReadOnlySpan<Complex> x, ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columns, ReadOnlySpan<Complex> values,
        int firstRow, Span<Complex> y)
    {
        CheckCsr(rowPointers, columns, values);
        if (firstRow < 0 || firstRow + y.Length > rowPointers.Length - 1)
            throw new ArgumentException($"row window [{firstRow}, {firstRow + y.Length}) exceeds the operator's {rowPointers.Length - 1} rows", nameof(y));
        ref Complex x0 = ref MemoryMarshal.GetReference(x);
        for (int c = 0; c < y.Length; c++)
        {
            int start = rowPointers[firstRow + c], end = rowPointers[firstRow + c + 1];
            if (start == end) continue;
            double re = 0, im = 0;
            for (int p = start; p < end; p++)
            {
                int m = columns[p];
                if ((uint)m >= (uint)x.Length) ThrowColumnOutOfRange(m, x.Length);
                Complex xv = Unsafe.Add(ref x0, m);
                Complex v = values[p];
                re += (xv.Real * v.Real) + (xv.Imaginary * v.Imaginary);
                im += (xv.Imaginary * v.Real) - (xv.Real * v.Imaginary);
            }
            y[c] += new Complex(re, im);
        }
    }

    /// <summary>y[i] += x[i] · conj(v[i]) (elementwise; one diagonal of a product X A† for a row of X).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddConjugateProduct(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> v, Span<Complex> y)
    {
        CheckElementwise(x.Length, v.Length, y.Length);
        int done = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 2)
        {
            ref double xr = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Complex, double>(x));
            ref double vr = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Complex, double>(v));
            ref double yr = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Complex, double>(y));
            int end = (x.Length * 2) & ~3;
            for (int k = 0; k < end; k += 4)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)k);
                var vv = Vector256.LoadUnsafe(ref vr, (nuint)k);
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)k);
                yv = Vector256.FusedMultiplyAdd(xv, Vector256.Shuffle(vv, RealIndex), yv);
                yv = Vector256.FusedMultiplyAdd(Sign * Vector256.Shuffle(xv, SwapIndex), Vector256.Shuffle(vv, ImaginaryIndex), yv);
                yv.StoreUnsafe(ref yr, (nuint)k);
            }
            done = end / 2;
        }
        for (int i = done; i < x.Length; i++) y[i] += x[i] * Complex.Conjugate(v[i]);
    }

    /// <summary>
    /// y[i] += α · (x[i] · conj(v[i])) (elementwise): one term of a row of L X L† for an operator L with a single
    /// diagonal, in one pass instead of forming the row of L X first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaledConjugateProduct(Complex alpha, ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> v, Span<Complex> y)
    {
        CheckElementwise(x.Length, v.Length, y.Length);
        int done = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 2)
        {
            ref double xr = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Complex, double>(x));
            ref double vr = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Complex, double>(v));
            ref double yr = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Complex, double>(y));
            var alphaReal = Vector256.Create(alpha.Real);
            var alphaImaginary = Vector256.Create(-alpha.Imaginary, alpha.Imaginary, -alpha.Imaginary, alpha.Imaginary);
            int end = (x.Length * 2) & ~3;
            for (int k = 0; k < end; k += 4)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)k);
                var vv = Vector256.LoadUnsafe(ref vr, (nuint)k);
                var u = Vector256.FusedMultiplyAdd(Sign * Vector256.Shuffle(xv, SwapIndex), Vector256.Shuffle(vv, ImaginaryIndex),
                    xv * Vector256.Shuffle(vv, RealIndex));                                  // x · conj(v)
                var yv = Vector256.FusedMultiplyAdd(alphaReal, u, Vector256.LoadUnsafe(ref yr, (nuint)k));
                Vector256.FusedMultiplyAdd(alphaImaginary, Vector256.Shuffle(u, SwapIndex), yv).StoreUnsafe(ref yr, (nuint)k);
            }
            done = end / 2;
        }
        for (int i = done; i < x.Length; i++) y[i] += alpha * (x[i] * Complex.Conjugate(v[i]));
    }

    private static void CheckElementwise(int x, int v, int y)
    {
        if (x != y || v != y) throw new ArgumentException($"lengths differ: x {x}, v {v}, y {y}", nameof(y));
    }

    private static void CheckCsr(ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columns, ReadOnlySpan<Complex> values)
    {
        if (rowPointers.Length == 0) throw new ArgumentException("row pointers need at least one entry", nameof(rowPointers));
        if (columns.Length != values.Length)
            throw new ArgumentException($"{columns.Length} column indices but {values.Length} values", nameof(values));
    }

    private static void ThrowColumnOutOfRange(int column, int length) =>
        throw new ArgumentOutOfRangeException(nameof(column), column, $"column index outside a row of length {length}");
}
