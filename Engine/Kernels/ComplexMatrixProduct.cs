using System.Numerics;

namespace BosonicTrajectories.Kernels;

/// <summary>Dense row-major complex matrix products for small blocks (row-by-row vectorised axpy).</summary>
public static class ComplexMatrixProduct
{
    /// <summary>C ← A B with A m×k, B k×n, C m×n (row-major; C must not overlap A or B).</summary>
    public static void Multiply(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> c, int m, int k, int n)
    {
        if (m < 0 || k < 0 || n < 0) throw new ArgumentException($"negative shape {m}×{k}×{n}", nameof(m));
        if (a.Length < m * k) throw new ArgumentException($"A needs {m * k} entries, has {a.Length}", nameof(a));
        if (b.Length < k * n) throw new ArgumentException($"B needs {k * n} entries, has {b.Length}", nameof(b));
        if (c.Length < m * n) throw new ArgumentException($"C needs {m * n} entries, has {c.Length}", nameof(c));
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            row.Clear();
            for (int p = 0; p < k; p++)
            {
                Complex factor = a[(i * k) + p];
                if (factor != Complex.Zero) ComplexSpan.Axpy(factor, b.Slice(p * n, n), row);
            }
        }
    }
}
