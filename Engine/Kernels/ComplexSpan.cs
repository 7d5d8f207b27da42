using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BosonicTrajectories.Kernels;

/// <summary>
/// BLAS-1 style kernels on spans of <see cref="Complex"/> (destination last, lengths checked on entry).
/// A complex span is read as interleaved doubles (re, im, re, im, …); the bulk runs on
/// <see cref="Vector256{T}"/> (two complex numbers per vector) and the remainder on a scalar tail.
/// </summary>
public static class ComplexSpan
{
    /// <summary>y ← y + α x.</summary>
    public static void Axpy(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        CheckSameLength(x.Length, y.Length, nameof(y));
        int done = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 2)
        {
            var xd = MemoryMarshal.Cast<Complex, double>(x);
            var yd = MemoryMarshal.Cast<Complex, double>(y);
            var re = Vector256.Create(alpha.Real);
            var imSigned = Vector256.Create(-alpha.Imaginary, alpha.Imaginary, -alpha.Imaginary, alpha.Imaginary);
            ref double xr = ref MemoryMarshal.GetReference(xd);
            ref double yr = ref MemoryMarshal.GetReference(yd);
            int end = xd.Length - (xd.Length % Vector256<double>.Count);
            for (int k = 0; k < end; k += Vector256<double>.Count)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)k);
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)k);
                yv = Vector256.FusedMultiplyAdd(re, xv, yv);
                yv = Vector256.FusedMultiplyAdd(imSigned, SwapParts(xv), yv);
                yv.StoreUnsafe(ref yr, (nuint)k);
            }
            done = end / 2;
        }
        AxpyScalar(alpha, x[done..], y[done..]);
    }

    /// <summary>⟨x|y⟩ = Σ_k conj(x_k) y_k (conjugate-linear in the first argument).</summary>
    public static Complex Dot(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y)
    {
        CheckSameLength(x.Length, y.Length, nameof(y));
        var xd = MemoryMarshal.Cast<Complex, double>(x);
        var yd = MemoryMarshal.Cast<Complex, double>(y);
        double real = TensorPrimitives.Dot(xd, yd);   // Σ (x_re y_re + x_im y_im)
        int done = 0;
        double imaginary = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 2)
        {
            var sign = Vector256.Create(1.0, -1.0, 1.0, -1.0);
            var accumulator = Vector256<double>.Zero;
            ref double xr = ref MemoryMarshal.GetReference(xd);
            ref double yr = ref MemoryMarshal.GetReference(yd);
            int end = xd.Length - (xd.Length % Vector256<double>.Count);
            for (int k = 0; k < end; k += Vector256<double>.Count)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)k);
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)k);
                accumulator = Vector256.FusedMultiplyAdd(xv, SwapParts(yv) * sign, accumulator);   // x_re y_im − x_im y_re
            }
            imaginary = Vector256.Sum(accumulator);
            done = end / 2;
        }
        for (int k = done; k < x.Length; k++) imaginary += (x[k].Real * y[k].Imaginary) - (x[k].Imaginary * y[k].Real);
        return new Complex(real, imaginary);
    }

    /// <summary>‖x‖² = Σ_k |x_k|².</summary>
    public static double NormSquared(ReadOnlySpan<Complex> x) =>
        TensorPrimitives.SumOfSquares(MemoryMarshal.Cast<Complex, double>(x));

    /// <summary>destination ← α x (destination may be x itself).</summary>
    public static void Scale(ReadOnlySpan<Complex> x, Complex alpha, Span<Complex> destination)
    {
        CheckSameLength(x.Length, destination.Length, nameof(destination));
        if (alpha.Imaginary == 0)
        {
            TensorPrimitives.Multiply(MemoryMarshal.Cast<Complex, double>(x), alpha.Real, MemoryMarshal.Cast<Complex, double>(destination));
            return;
        }
        int done = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 2)
        {
            var xd = MemoryMarshal.Cast<Complex, double>(x);
            var dd = MemoryMarshal.Cast<Complex, double>(destination);
            var re = Vector256.Create(alpha.Real);
            var imSigned = Vector256.Create(-alpha.Imaginary, alpha.Imaginary, -alpha.Imaginary, alpha.Imaginary);
            ref double xr = ref MemoryMarshal.GetReference(xd);
            ref double dr = ref MemoryMarshal.GetReference(dd);
            int end = xd.Length - (xd.Length % Vector256<double>.Count);
            for (int k = 0; k < end; k += Vector256<double>.Count)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)k);
                Vector256.FusedMultiplyAdd(imSigned, SwapParts(xv), re * xv).StoreUnsafe(ref dr, (nuint)k);
            }
            done = end / 2;
        }
        for (int k = done; k < x.Length; k++) destination[k] = alpha * x[k];
    }

    /// <summary>The scalar reference of <see cref="Axpy"/> (also its tail).</summary>
    internal static void AxpyScalar(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        for (int k = 0; k < x.Length; k++)
        {
            Complex v = x[k];
            y[k] = new Complex(
                y[k].Real + (alpha.Real * v.Real) - (alpha.Imaginary * v.Imaginary),
                y[k].Imaginary + (alpha.Real * v.Imaginary) + (alpha.Imaginary * v.Real));
        }
    }

    /// <summary>(re, im, re, im) → (im, re, im, re).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SwapParts(Vector256<double> v) => Vector256.Shuffle(v, Vector256.Create(1L, 0L, 3L, 2L));

    internal static void CheckSameLength(int expected, int actual, string argument)
    {
        if (expected != actual) throw new ArgumentException($"length {actual} does not match {expected}", argument);
    }
}
