using System.Numerics;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// Hermitian block-diagonal matrices ⊕_b X_b as real vectors of the same length Σ_b size_b² (half the memory of the
/// complex storage): within block b at its offset, position (i, i) holds X_ii, position (i, j) with i &lt; j holds
/// √2 Re X_ij and position (j, i) holds √2 Im X_ij. The √2 makes the Euclidean product of two packed vectors equal
/// Re Tr(X† Y), so norms are Frobenius norms. Packing a non-Hermitian matrix packs its Hermitian part (X + X†)/2
/// (the orthogonal projection).
/// </summary>
internal static class HermitianBlockPacking
{
    private static readonly double Sqrt2 = Math.Sqrt(2);

    /// <summary>packed ← the Hermitian part of the blocks <paramref name="blocks"/>.</summary>
    public static void Pack(BlockLiouvillian liouvillian, ReadOnlySpan<Complex> blocks, Span<double> packed)
    {
        Check(liouvillian, blocks.Length, packed.Length);
        double half = Sqrt2 / 2;
        for (int b = 0; b < liouvillian.Blocks.Length; b++)
        {
            int n = liouvillian.Blocks[b].Length, offset = liouvillian.Offsets[b];
            var x = blocks.Slice(offset, n * n);
            var p = packed.Slice(offset, n * n);
            for (int i = 0; i < n; i++)
            {
                p[(i * n) + i] = x[(i * n) + i].Real;
                for (int j = i + 1; j < n; j++)
                {
                    Complex upper = x[(i * n) + j], lower = x[(j * n) + i];
                    p[(i * n) + j] = half * (upper.Real + lower.Real);
                    p[(j * n) + i] = half * (upper.Imaginary - lower.Imaginary);
                }
            }
        }
    }

    /// <summary>blocks ← the Hermitian blocks that <paramref name="packed"/> holds.</summary>
    public static void Unpack(BlockLiouvillian liouvillian, ReadOnlySpan<double> packed, Span<Complex> blocks)
    {
        Check(liouvillian, blocks.Length, packed.Length);
        double scale = 1 / Sqrt2;
        for (int b = 0; b < liouvillian.Blocks.Length; b++)
        {
            int n = liouvillian.Blocks[b].Length, offset = liouvillian.Offsets[b];
            var p = packed.Slice(offset, n * n);
            var x = blocks.Slice(offset, n * n);
            for (int i = 0; i < n; i++)
            {
                x[(i * n) + i] = p[(i * n) + i];
                for (int j = i + 1; j < n; j++)
                {
                    double re = scale * p[(i * n) + j], im = scale * p[(j * n) + i];
                    x[(i * n) + j] = new Complex(re, im);
                    x[(j * n) + i] = new Complex(re, -im);
                }
            }
        }
    }

    private static void Check(BlockLiouvillian liouvillian, int complexLength, int realLength)
    {
        if (complexLength != liouvillian.Length) throw new ArgumentException($"expected {liouvillian.Length} complex entries, got {complexLength}", nameof(complexLength));
        if (realLength != liouvillian.Length) throw new ArgumentException($"expected {liouvillian.Length} packed entries, got {realLength}", nameof(realLength));
    }
}
