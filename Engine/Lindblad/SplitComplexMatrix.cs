using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// A square complex matrix in split storage for dense block products: real and imaginary parts in two row-major
/// arrays whose rows and columns are padded with zeros up to <see cref="Stride"/> (a multiple of
/// <see cref="Padding"/>), so that <see cref="Multiply"/> runs on whole vectors without remainder loops. The padding
/// must stay zero; every method here keeps it so.
/// </summary>
internal sealed class SplitComplexMatrix
{
    /// <summary>Columns per product tile (two <see cref="Vector256{T}"/> of doubles); the stride is a multiple of it.</summary>
    public const int Padding = 8;

    private const int TileRows = 4;


    public SplitComplexMatrix(int size)
    {
        if (size < 0) throw new ArgumentException($"the size must be ≥ 0, got {size}", nameof(size));
        Size = size;
        Stride = (size + Padding - 1) / Padding * Padding;
        Real = new double[Stride * Stride];
        Imaginary = new double[Stride * Stride];
    }

    /// <summary>Number of rows and columns n.</summary>
    public int Size { get; }

    /// <summary>Row length of <see cref="Real"/> and <see cref="Imaginary"/> (n rounded up to <see cref="Padding"/>).</summary>
    public int Stride { get; }

    /// <summary>Real parts, row-major with row length <see cref="Stride"/>.</summary>
    public double[] Real { get; }

    /// <summary>Imaginary parts, row-major with row length <see cref="Stride"/>.</summary>
    public double[] Imaginary { get; }

    /// <summary>A split copy of the row-major n×n matrix <paramref name="values"/>.</summary>
    public static SplitComplexMatrix FromRowMajor(ReadOnlySpan<Complex> values, int size)
    {
        var matrix = new SplitComplexMatrix(size);
        matrix.Load(values);
        return matrix;
    }

    /// <summary>Copies the row-major n×n matrix <paramref name="values"/> in.</summary>
    public void Load(ReadOnlySpan<Complex> values)
    {
        int n = Size;
        if (values.Length != n * n) throw new ArgumentException($"expected {n * n} entries, got {values.Length}", nameof(values));
        for (int i = 0; i < n; i++)
        {
            var row = values.Slice(i * n, n);
            int offset = i * Stride;
            for (int j = 0; j < n; j++)
            {
                Real[offset + j] = row[j].Real;
                Imaginary[offset + j] = row[j].Imaginary;
            }
        }
    }

    /// <summary>
    /// Copies the Hermitian matrix whose upper triangle (j ≥ i) this holds out to the row-major n×n
    /// <paramref name="values"/>: entry (i, j) for j ≥ i, its conjugate below, a real diagonal.
    /// </summary>
    public void StoreHermitianFromUpper(Span<Complex> values)
    {
        int n = Size;
        if (values.Length != n * n) throw new ArgumentException($"expected {n * n} entries, got {values.Length}", nameof(values));
        for (int i = 0; i < n; i++)
        {
            int offset = i * Stride;
            values[(i * n) + i] = Real[offset + i];
            for (int j = i + 1; j < n; j++)
            {
                double re = Real[offset + j], im = Imaginary[offset + j];
                values[(i * n) + j] = new Complex(re, im);
                values[(j * n) + i] = new Complex(re, -im);
            }
        }
    }

    /// <summary>
    /// C ← A B for matrices of one size. With <paramref name="upperTilesOnly"/> only the tiles that meet the upper
    /// triangle are computed (about half the work; use it when C is Hermitian and only j ≥ i is read); the other
    /// entries of C are then left unspecified, but the padding stays zero. C must not be A or B.
    /// </summary>
    public static void Multiply(SplitComplexMatrix a, SplitComplexMatrix b, SplitComplexMatrix c, bool upperTilesOnly) =>
        Multiply(a, b, c, upperTilesOnly, allowWideVectors: true);

    /// <summary>
    /// <see cref="Multiply(SplitComplexMatrix, SplitComplexMatrix, SplitComplexMatrix, bool)"/> with the choice of
    /// kernel exposed: 8×8 tiles on <see cref="Vector512{T}"/> when <paramref name="allowWideVectors"/> and the
    /// hardware has it, else 4×8 tiles on <see cref="Vector256{T}"/> (tests run both).
    /// </summary>
    internal static void Multiply(SplitComplexMatrix a, SplitComplexMatrix b, SplitComplexMatrix c, bool upperTilesOnly, bool allowWideVectors)
    {
        if (a.Size != b.Size || a.Size != c.Size)
            throw new ArgumentException($"sizes differ: {a.Size}, {b.Size}, {c.Size}", nameof(c));
        if (ReferenceEquals(c, a) || ReferenceEquals(c, b)) throw new ArgumentException("C must not overlap A or B", nameof(c));
        int n = a.Size, stride = a.Stride;
        ref double aRe = ref MemoryMarshal.GetArrayDataReference(a.Real);
        ref double aIm = ref MemoryMarshal.GetArrayDataReference(a.Imaginary);
        ref double bRe = ref MemoryMarshal.GetArrayDataReference(b.Real);
        ref double bIm = ref MemoryMarshal.GetArrayDataReference(b.Imaginary);
        ref double cRe = ref MemoryMarshal.GetArrayDataReference(c.Real);
        ref double cIm = ref MemoryMarshal.GetArrayDataReference(c.Imaginary);
        if (allowWideVectors && Vector512.IsHardwareAccelerated)
        {
            for (int i0 = 0; i0 < n; i0 += Padding)
            {
                int firstColumn = upperTilesOnly ? i0 : 0;
                for (int j0 = firstColumn; j0 < n; j0 += Padding)
                    MultiplyTile512(ref aRe, ref aIm, ref bRe, ref bIm, ref cRe, ref cIm, n, stride, i0, j0);
            }
            return;
        }
        for (int i0 = 0; i0 < n; i0 += TileRows)
        {
            int firstColumn = upperTilesOnly ? i0 / Padding * Padding : 0;
            for (int j0 = firstColumn; j0 < n; j0 += Padding)
                MultiplyTile(ref aRe, ref aIm, ref bRe, ref bIm, ref cRe, ref cIm, n, stride, i0, j0);
        }
    }

    /// <summary>C[i0..i0+8, j0..j0+8] ← Σ_p A[i, p] B[p, j] with <see cref="Vector512{T}"/>: 16 accumulators (re and im of 8 rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyTile512(
        ref double aRe, ref double aIm, ref double bRe, ref double bIm, ref double cRe, ref double cIm, int n, int stride, int i0, int j0)
    {
        var re0 = Vector512<double>.Zero; var im0 = Vector512<double>.Zero; var re1 = Vector512<double>.Zero; var im1 = Vector512<double>.Zero;
        var re2 = Vector512<double>.Zero; var im2 = Vector512<double>.Zero; var re3 = Vector512<double>.Zero; var im3 = Vector512<double>.Zero;
        var re4 = Vector512<double>.Zero; var im4 = Vector512<double>.Zero; var re5 = Vector512<double>.Zero; var im5 = Vector512<double>.Zero;
        var re6 = Vector512<double>.Zero; var im6 = Vector512<double>.Zero; var re7 = Vector512<double>.Zero; var im7 = Vector512<double>.Zero;
        nuint s = (nuint)stride;
        nuint row0 = (nuint)(i0 * stride);
        for (int p = 0; p < n; p++)
        {
            nuint bOffset = (nuint)((p * stride) + j0);
            var br = Vector512.LoadUnsafe(ref bRe, bOffset);
            var bi = Vector512.LoadUnsafe(ref bIm, bOffset);
            var nbi = -bi;
            nuint a0 = row0 + (nuint)p;
            Step(ref aRe, ref aIm, a0, br, bi, nbi, ref re0, ref im0);
            Step(ref aRe, ref aIm, a0 + s, br, bi, nbi, ref re1, ref im1);
            Step(ref aRe, ref aIm, a0 + (2 * s), br, bi, nbi, ref re2, ref im2);
            Step(ref aRe, ref aIm, a0 + (3 * s), br, bi, nbi, ref re3, ref im3);
            Step(ref aRe, ref aIm, a0 + (4 * s), br, bi, nbi, ref re4, ref im4);
            Step(ref aRe, ref aIm, a0 + (5 * s), br, bi, nbi, ref re5, ref im5);
            Step(ref aRe, ref aIm, a0 + (6 * s), br, bi, nbi, ref re6, ref im6);
            Step(ref aRe, ref aIm, a0 + (7 * s), br, bi, nbi, ref re7, ref im7);
        }
        nuint c = row0 + (nuint)j0;
        re0.StoreUnsafe(ref cRe, c); im0.StoreUnsafe(ref cIm, c); c += s;
        re1.StoreUnsafe(ref cRe, c); im1.StoreUnsafe(ref cIm, c); c += s;
        re2.StoreUnsafe(ref cRe, c); im2.StoreUnsafe(ref cIm, c); c += s;
        re3.StoreUnsafe(ref cRe, c); im3.StoreUnsafe(ref cIm, c); c += s;
        re4.StoreUnsafe(ref cRe, c); im4.StoreUnsafe(ref cIm, c); c += s;
        re5.StoreUnsafe(ref cRe, c); im5.StoreUnsafe(ref cIm, c); c += s;
        re6.StoreUnsafe(ref cRe, c); im6.StoreUnsafe(ref cIm, c); c += s;
        re7.StoreUnsafe(ref cRe, c); im7.StoreUnsafe(ref cIm, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref double aRe, ref double aIm, nuint a, Vector512<double> br, Vector512<double> bi, Vector512<double> nbi,
        ref Vector512<double> re, ref Vector512<double> im)
    {
        var ar = Vector512.Create(Unsafe.Add(ref aRe, a));
        var ai = Vector512.Create(Unsafe.Add(ref aIm, a));
        re = Vector512.FusedMultiplyAdd(ai, nbi, Vector512.FusedMultiplyAdd(ar, br, re));
        im = Vector512.FusedMultiplyAdd(ai, br, Vector512.FusedMultiplyAdd(ar, bi, im));
    }

    /// <summary>C[i0..i0+4, j0..j0+8] ← Σ_p A[i, p] B[p, j]: 16 vector accumulators (re and im of 4 rows × 2 vectors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyTile(
        ref double aRe, ref double aIm, ref double bRe, ref double bIm, ref double cRe, ref double cIm, int n, int stride, int i0, int j0)
    {
        var re00 = Vector256<double>.Zero; var re01 = Vector256<double>.Zero; var im00 = Vector256<double>.Zero; var im01 = Vector256<double>.Zero;
        var re10 = Vector256<double>.Zero; var re11 = Vector256<double>.Zero; var im10 = Vector256<double>.Zero; var im11 = Vector256<double>.Zero;
        var re20 = Vector256<double>.Zero; var re21 = Vector256<double>.Zero; var im20 = Vector256<double>.Zero; var im21 = Vector256<double>.Zero;
        var re30 = Vector256<double>.Zero; var re31 = Vector256<double>.Zero; var im30 = Vector256<double>.Zero; var im31 = Vector256<double>.Zero;
        nuint row0 = (nuint)(i0 * stride), row1 = row0 + (nuint)stride, row2 = row1 + (nuint)stride, row3 = row2 + (nuint)stride;
        for (int p = 0; p < n; p++)
        {
            nuint bOffset = (nuint)((p * stride) + j0);
            var br0 = Vector256.LoadUnsafe(ref bRe, bOffset);
            var br1 = Vector256.LoadUnsafe(ref bRe, bOffset + 4);
            var bi0 = Vector256.LoadUnsafe(ref bIm, bOffset);
            var bi1 = Vector256.LoadUnsafe(ref bIm, bOffset + 4);
            var nbi0 = -bi0;
            var nbi1 = -bi1;
            nuint column = (nuint)p;

            var ar = Vector256.Create(Unsafe.Add(ref aRe, row0 + column));
            var ai = Vector256.Create(Unsafe.Add(ref aIm, row0 + column));
            re00 = Vector256.FusedMultiplyAdd(ar, br0, re00); re00 = Vector256.FusedMultiplyAdd(ai, nbi0, re00);
            im00 = Vector256.FusedMultiplyAdd(ar, bi0, im00); im00 = Vector256.FusedMultiplyAdd(ai, br0, im00);
            re01 = Vector256.FusedMultiplyAdd(ar, br1, re01); re01 = Vector256.FusedMultiplyAdd(ai, nbi1, re01);
            im01 = Vector256.FusedMultiplyAdd(ar, bi1, im01); im01 = Vector256.FusedMultiplyAdd(ai, br1, im01);

            ar = Vector256.Create(Unsafe.Add(ref aRe, row1 + column));
            ai = Vector256.Create(Unsafe.Add(ref aIm, row1 + column));
            re10 = Vector256.FusedMultiplyAdd(ar, br0, re10); re10 = Vector256.FusedMultiplyAdd(ai, nbi0, re10);
            im10 = Vector256.FusedMultiplyAdd(ar, bi0, im10); im10 = Vector256.FusedMultiplyAdd(ai, br0, im10);
            re11 = Vector256.FusedMultiplyAdd(ar, br1, re11); re11 = Vector256.FusedMultiplyAdd(ai, nbi1, re11);
            im11 = Vector256.FusedMultiplyAdd(ar, bi1, im11); im11 = Vector256.FusedMultiplyAdd(ai, br1, im11);

            ar = Vector256.Create(Unsafe.Add(ref aRe, row2 + column));
            ai = Vector256.Create(Unsafe.Add(ref aIm, row2 + column));
            re20 = Vector256.FusedMultiplyAdd(ar, br0, re20); re20 = Vector256.FusedMultiplyAdd(ai, nbi0, re20);
            im20 = Vector256.FusedMultiplyAdd(ar, bi0, im20); im20 = Vector256.FusedMultiplyAdd(ai, br0, im20);
            re21 = Vector256.FusedMultiplyAdd(ar, br1, re21); re21 = Vector256.FusedMultiplyAdd(ai, nbi1, re21);
            im21 = Vector256.FusedMultiplyAdd(ar, bi1, im21); im21 = Vector256.FusedMultiplyAdd(ai, br1, im21);

            ar = Vector256.Create(Unsafe.Add(ref aRe, row3 + column));
            ai = Vector256.Create(Unsafe.Add(ref aIm, row3 + column));
            re30 = Vector256.FusedMultiplyAdd(ar, br0, re30); re30 = Vector256.FusedMultiplyAdd(ai, nbi0, re30);
            im30 = Vector256.FusedMultiplyAdd(ar, bi0, im30); im30 = Vector256.FusedMultiplyAdd(ai, br0, im30);
            re31 = Vector256.FusedMultiplyAdd(ar, br1, re31); re31 = Vector256.FusedMultiplyAdd(ai, nbi1, re31);
            im31 = Vector256.FusedMultiplyAdd(ar, bi1, im31); im31 = Vector256.FusedMultiplyAdd(ai, br1, im31);
        }
        nuint c0 = row0 + (nuint)j0, c1 = row1 + (nuint)j0, c2 = row2 + (nuint)j0, c3 = row3 + (nuint)j0;
        re00.StoreUnsafe(ref cRe, c0); re01.StoreUnsafe(ref cRe, c0 + 4); im00.StoreUnsafe(ref cIm, c0); im01.StoreUnsafe(ref cIm, c0 + 4);
        re10.StoreUnsafe(ref cRe, c1); re11.StoreUnsafe(ref cRe, c1 + 4); im10.StoreUnsafe(ref cIm, c1); im11.StoreUnsafe(ref cIm, c1 + 4);
        re20.StoreUnsafe(ref cRe, c2); re21.StoreUnsafe(ref cRe, c2 + 4); im20.StoreUnsafe(ref cIm, c2); im21.StoreUnsafe(ref cIm, c2 + 4);
        re30.StoreUnsafe(ref cRe, c3); re31.StoreUnsafe(ref cRe, c3 + 4); im30.StoreUnsafe(ref cIm, c3); im31.StoreUnsafe(ref cIm, c3 + 4);
    }
}
