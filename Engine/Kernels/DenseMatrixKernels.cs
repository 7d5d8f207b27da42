using System.Numerics;

namespace BosonicTrajectories.Kernels;

/// <summary>Small helpers on dense row-major D×D complex matrices (density matrices), destination last.</summary>
public static class DenseMatrixKernels
{
    /// <summary>The dimension D of a row-major D×D matrix stored in <paramref name="length"/> entries.</summary>
    public static int DimensionOf(int length, string argument = "matrix")
    {
        int d = (int)Math.Round(Math.Sqrt(length));
        return d * d == length ? d : throw new ArgumentException($"length {length} is not a square D×D", argument);
    }

    /// <summary>Tr M = Σ_i M_ii.</summary>
    public static Complex Trace(ReadOnlySpan<Complex> matrix)
    {
        int d = DimensionOf(matrix.Length, nameof(matrix));
        Complex trace = Complex.Zero;
        for (int i = 0; i < d; i++) trace += matrix[(i * d) + i];
        return trace;
    }

    /// <summary>result ← M†.</summary>
    public static void ConjugateTranspose(ReadOnlySpan<Complex> matrix, Span<Complex> result)
    {
        int d = CheckPair(matrix, result);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) result[(j * d) + i] = Complex.Conjugate(matrix[(i * d) + j]);
    }

    /// <summary>
    /// result ← result + X + X† (e.g. the Lindblad part −i H_eff ρ + i ρ H_eff† = X + X† with X = −i H_eff ρ
    /// when ρ is Hermitian).
    /// </summary>
    public static void AddWithAdjoint(ReadOnlySpan<Complex> x, Span<Complex> result)
    {
        int d = CheckPair(x, result);
        for (int i = 0; i < d; i++)
        {
            for (int j = i; j < d; j++)
            {
                Complex upper = x[(i * d) + j] + Complex.Conjugate(x[(j * d) + i]);   // (X + X†)_ij
                result[(i * d) + j] += upper;
                if (j != i) result[(j * d) + i] += Complex.Conjugate(upper);
            }
        }
    }

    private static int CheckPair(ReadOnlySpan<Complex> matrix, Span<Complex> result)
    {
        int d = DimensionOf(matrix.Length, nameof(matrix));
        ComplexSpan.CheckSameLength(matrix.Length, result.Length, nameof(result));
        if (matrix.Overlaps(result)) throw new ArgumentException("the output must not overlap the input", nameof(result));
        return d;
    }
}
