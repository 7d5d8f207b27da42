using System.Numerics;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// Exact, order-independent accumulation of doubles: each addend is converted to a signed 128-bit fixed-point
/// number with 64 fractional bits (truncated toward zero, i.e. an absolute quantisation below 2⁻⁶⁴ ≈ 5.4e−20)
/// and added as an integer. Integer addition is associative, so a sum does not depend on the order of the
/// addends, on the number of threads or on how index ranges were split into shards: merged sums are
/// bit-identical to a single run. Capacity: |addend| &lt; 2⁵⁰ and |sum| &lt; 2⁶³ ≈ 9.2e18; beyond that a
/// <see cref="NumericalFailureException"/> is thrown.
/// </summary>
public static class FixedPointSum
{
    private const int FractionBits = 64;
    private const int MaxAddendExponent = 50;
    private static readonly double Scale = Math.ScaleB(1.0, -FractionBits);

    /// <summary>round-toward-zero(x · 2⁶⁴) as an Int128.</summary>
    public static Int128 FromDouble(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0) return Int128.Zero; // zero or subnormal (< 2⁻¹⁰²², far below the quantum)
        if (exponent == 0x7FF || exponent - 1023 >= MaxAddendExponent)
            throw new NumericalFailureException(
                $"an ensemble addend {x} is not finite or exceeds 2^{MaxAddendExponent}; the trajectory state diverged " +
                "(tighten rtol/atol or raise the truncation)");
        ulong mantissa = ((ulong)bits & 0xFFFFFFFFFFFFFUL) | (1UL << 52);
        int shift = exponent - 1023 - 52 + FractionBits;
        Int128 magnitude = shift >= 0 ? (Int128)mantissa << shift : shift > -64 ? (Int128)(mantissa >> -shift) : Int128.Zero;
        return bits < 0 ? -magnitude : magnitude;
    }

    /// <summary>The double nearest to a fixed-point value.</summary>
    public static double ToDouble(Int128 value) => (double)value * Scale;

    /// <summary>sums[i] += fix(values[i]).</summary>
    public static void Add(Span<Int128> sums, ReadOnlySpan<double> values)
    {
        if (sums.Length != values.Length) throw new ArgumentException("length mismatch", nameof(values));
        for (int i = 0; i < values.Length; i++) sums[i] = checked(sums[i] + FromDouble(values[i]));
    }

    /// <summary>sums[i] += fix(values[i]²).</summary>
    public static void AddSquares(Span<Int128> sums, ReadOnlySpan<double> values)
    {
        if (sums.Length != values.Length) throw new ArgumentException("length mismatch", nameof(values));
        for (int i = 0; i < values.Length; i++) sums[i] = checked(sums[i] + FromDouble(values[i] * values[i]));
    }

    /// <summary>target[i] += source[i] (exact).</summary>
    public static void Merge(Span<Int128> target, ReadOnlySpan<Int128> source)
    {
        if (target.Length != source.Length) throw new ArgumentException("length mismatch", nameof(source));
        for (int i = 0; i < source.Length; i++) target[i] = checked(target[i] + source[i]);
    }

    /// <summary>Σx / n.</summary>
    public static double Mean(Int128 sum, long count) => count == 0 ? double.NaN : ToDouble(sum) / count;

    /// <summary>
    /// The unbiased sample variance (Σx² − (Σx)²/n)/(n − 1), evaluated exactly in integers from the fixed-point
    /// sums (no cancellation) and rounded once; clamped at 0 against the quantisation of x² versus x.
    /// </summary>
    public static double SampleVariance(Int128 sum, Int128 sumOfSquares, long count)
    {
        if (count < 2) return double.NaN;
        BigInteger s1 = sum, s2 = sumOfSquares;
        BigInteger numerator = (count * s2 << FractionBits) - (s1 * s1); // scaled by 2^128
        if (numerator.Sign <= 0) return 0;
        double scaled = Math.ScaleB((double)numerator, -2 * FractionBits);
        return scaled / ((double)count * (count - 1));
    }

    /// <summary>Standard error of the mean, sqrt(variance / n).</summary>
    public static double StandardError(Int128 sum, Int128 sumOfSquares, long count) =>
        Math.Sqrt(SampleVariance(sum, sumOfSquares, count) / count);
}
