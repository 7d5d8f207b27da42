using System.Numerics;

namespace BosonicTrajectories.Kernels;

/// <summary>
/// Sparse × vector and sparse × dense-matrix products. Dense D×D matrices (density matrices) are row-major
/// spans of length D², entry (i, j) at <c>i·D + j</c>. Inputs and outputs must not overlap.
/// <para>
/// The matrix kernels take <c>parallel</c>: when true and D is large enough, output rows are computed in
/// blocks on the thread pool. Every output row is computed by the same sequence of operations whichever
/// thread runs it, so the result does not depend on the number of threads.
/// </para>
/// </summary>
public static class SparseKernels
{
    /// <summary>Below this dimension the parallel option runs sequentially (a row block is too little work).</summary>
    public const int ParallelMinimumDimension = 64;

    /// <summary>y ← A x.</summary>
    public static void Multiply(SparseMatrix a, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        CheckVector(a, x, y);
        y.Clear();
        MultiplyAddCore(a, Complex.One, x, y);
    }

    /// <summary>y ← y + c A x.</summary>
    public static void MultiplyAdd(SparseMatrix a, Complex c, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        CheckVector(a, x, y);
        MultiplyAddCore(a, c, x, y);
    }

    /// <summary>⟨x|A|y⟩ = Σ_ij conj(x_i) A_ij y_j.</summary>
    public static Complex MatrixElement(ReadOnlySpan<Complex> x, SparseMatrix a, ReadOnlySpan<Complex> y)
    {
        ArgumentNullException.ThrowIfNull(a);
        ComplexSpan.CheckSameLength(a.Dimension, x.Length, nameof(x));
        ComplexSpan.CheckSameLength(a.Dimension, y.Length, nameof(y));
        var rows = a.RowPointers;
        var columns = a.ColumnIndices;
        var values = a.Values;
        Complex total = Complex.Zero;
        for (int i = 0; i < a.Dimension; i++)
        {
            Complex row = Complex.Zero;
            for (int p = rows[i]; p < rows[i + 1]; p++) row += values[p] * y[columns[p]];
            total += Complex.Conjugate(x[i]) * row;
        }
        return total;
    }

    /// <summary>⟨ψ|A|ψ⟩ (not divided by ⟨ψ|ψ⟩).</summary>
    public static Complex Expectation(SparseMatrix a, ReadOnlySpan<Complex> psi) => MatrixElement(psi, a, psi);

    /// <summary>result ← A ρ.</summary>
    public static void LeftMultiply(SparseMatrix a, ReadOnlySpan<Complex> rho, Span<Complex> result, bool parallel = false) =>
        LeftMultiplyCore(a, Complex.One, rho, result, accumulate: false, parallel);

    /// <summary>result ← result + c A ρ.</summary>
    public static void LeftMultiplyAdd(SparseMatrix a, Complex c, ReadOnlySpan<Complex> rho, Span<Complex> result, bool parallel = false) =>
        LeftMultiplyCore(a, c, rho, result, accumulate: true, parallel);

    /// <summary>result ← ρ A.</summary>
    public static void RightMultiply(ReadOnlySpan<Complex> rho, SparseMatrix a, Span<Complex> result, bool parallel = false) =>
        RightMultiplyCore(rho, a, Complex.One, result, accumulate: false, parallel);

    /// <summary>result ← result + c ρ A.</summary>
    public static void RightMultiplyAdd(ReadOnlySpan<Complex> rho, SparseMatrix a, Complex c, Span<Complex> result, bool parallel = false) =>
        RightMultiplyCore(rho, a, c, result, accumulate: true, parallel);

    /// <summary>result ← ρ B† (each entry a sparse dot product of a dense row of ρ with a conjugated row of B).</summary>
    public static void RightMultiplyAdjoint(ReadOnlySpan<Complex> rho, SparseMatrix b, Span<Complex> result, bool parallel = false) =>
        RightMultiplyAdjointCore(rho, b, Complex.One, result, accumulate: false, parallel);

    /// <summary>result ← result + c ρ B†.</summary>
    public static void RightMultiplyAdjointAdd(ReadOnlySpan<Complex> rho, SparseMatrix b, Complex c, Span<Complex> result, bool parallel = false) =>
        RightMultiplyAdjointCore(rho, b, c, result, accumulate: true, parallel);

    /// <summary>result ← A ρ B† (e.g. the jump term L ρ L† with A = B = L); <paramref name="work"/> holds ρ B† (D² entries).</summary>
    public static void Sandwich(SparseMatrix a, ReadOnlySpan<Complex> rho, SparseMatrix b, Span<Complex> work, Span<Complex> result, bool parallel = false)
    {
        CheckWork(rho, work, result);
        RightMultiplyAdjoint(rho, b, work, parallel);
        LeftMultiply(a, work, result, parallel);
    }

    /// <summary>result ← result + c A ρ B†; <paramref name="work"/> holds ρ B† (D² entries).</summary>
    public static void SandwichAdd(SparseMatrix a, ReadOnlySpan<Complex> rho, SparseMatrix b, Complex c, Span<Complex> work, Span<Complex> result, bool parallel = false)
    {
        CheckWork(rho, work, result);
        RightMultiplyAdjoint(rho, b, work, parallel);
        LeftMultiplyAdd(a, c, work, result, parallel);
    }

    private static void MultiplyAddCore(SparseMatrix a, Complex c, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        var rows = a.RowPointers;
        var columns = a.ColumnIndices;
        var values = a.Values;
        for (int i = 0; i < a.Dimension; i++)
        {
            Complex sum = Complex.Zero;
            for (int p = rows[i]; p < rows[i + 1]; p++) sum += values[p] * x[columns[p]];
            y[i] += c * sum;
        }
    }

    private static void LeftMultiplyCore(SparseMatrix a, Complex c, ReadOnlySpan<Complex> rho, Span<Complex> result, bool accumulate, bool parallel)
    {
        int d = CheckDense(a, rho, result);
        if (!UseParallel(parallel, d))
        {
            LeftMultiplyRows(a, c, rho, result, accumulate, 0, d);
            return;
        }
        unsafe
        {
            fixed (Complex* input = rho, output = result)
            {
                nint inputAddress = (nint)input, outputAddress = (nint)output;
                ForRowBlocks(d, (start, end) => LeftMultiplyRows(a, c, Dense(inputAddress, d), Dense(outputAddress, d), accumulate, start, end));
            }
        }
    }

    private static void RightMultiplyCore(ReadOnlySpan<Complex> rho, SparseMatrix a, Complex c, Span<Complex> result, bool accumulate, bool parallel)
    {
        int d = CheckDense(a, rho, result);
        if (!UseParallel(parallel, d))
        {
            RightMultiplyRows(rho, a, c, result, accumulate, 0, d);
            return;
        }
        unsafe
        {
            fixed (Complex* input = rho, output = result)
            {
                nint inputAddress = (nint)input, outputAddress = (nint)output;
                ForRowBlocks(d, (start, end) => RightMultiplyRows(Dense(inputAddress, d), a, c, Dense(outputAddress, d), accumulate, start, end));
            }
        }
    }

    private static void RightMultiplyAdjointCore(ReadOnlySpan<Complex> rho, SparseMatrix b, Complex c, Span<Complex> result, bool accumulate, bool parallel)
    {
        int d = CheckDense(b, rho, result);
        if (!UseParallel(parallel, d))
        {
            RightMultiplyAdjointRows(rho, b, c, result, accumulate, 0, d);
            return;
        }
        unsafe
        {
            fixed (Complex* input = rho, output = result)
            {
                nint inputAddress = (nint)input, outputAddress = (nint)output;
                ForRowBlocks(d, (start, end) => RightMultiplyAdjointRows(Dense(inputAddress, d), b, c, Dense(outputAddress, d), accumulate, start, end));
            }
        }
    }

    /// <summary>Rows [start, end) of (result +)= c A ρ: each output row is a sum of rows of ρ (vectorised axpy).</summary>
    private static void LeftMultiplyRows(SparseMatrix a, Complex c, ReadOnlySpan<Complex> rho, Span<Complex> result, bool accumulate, int start, int end)
    {
        int d = a.Dimension;
        var rows = a.RowPointers;
        var columns = a.ColumnIndices;
        var values = a.Values;
        for (int i = start; i < end; i++)
        {
            var target = result.Slice(i * d, d);
            if (!accumulate) target.Clear();
            for (int p = rows[i]; p < rows[i + 1]; p++) ComplexSpan.Axpy(c * values[p], rho.Slice(columns[p] * d, d), target);
        }
    }

    /// <summary>Rows [start, end) of (result +)= c ρ A: row i scatters ρ_ik A_kj into column j.</summary>
    private static void RightMultiplyRows(ReadOnlySpan<Complex> rho, SparseMatrix a, Complex c, Span<Complex> result, bool accumulate, int start, int end)
    {
        int d = a.Dimension;
        var rows = a.RowPointers;
        var columns = a.ColumnIndices;
        var values = a.Values;
        for (int i = start; i < end; i++)
        {
            var source = rho.Slice(i * d, d);
            var target = result.Slice(i * d, d);
            if (!accumulate) target.Clear();
            for (int k = 0; k < d; k++)
            {
                if (source[k] == Complex.Zero) continue;
                Complex factor = c * source[k];
                for (int p = rows[k]; p < rows[k + 1]; p++) target[columns[p]] += factor * values[p];
            }
        }
    }

    /// <summary>Rows [start, end) of (result +)= c ρ B†: (ρ B†)_ij = Σ_k ρ_ik conj(B_jk).</summary>
    private static void RightMultiplyAdjointRows(ReadOnlySpan<Complex> rho, SparseMatrix b, Complex c, Span<Complex> result, bool accumulate, int start, int end)
    {
        int d = b.Dimension;
        var rows = b.RowPointers;
        var columns = b.ColumnIndices;
        var values = b.Values;
        for (int i = start; i < end; i++)
        {
            var source = rho.Slice(i * d, d);
            var target = result.Slice(i * d, d);
            for (int j = 0; j < d; j++)
            {
                Complex sum = Complex.Zero;
                for (int p = rows[j]; p < rows[j + 1]; p++) sum += source[columns[p]] * Complex.Conjugate(values[p]);
                target[j] = accumulate ? target[j] + (c * sum) : c * sum;
            }
        }
    }

    private static bool UseParallel(bool parallel, int dimension) => parallel && dimension >= ParallelMinimumDimension;

    /// <summary>Runs <paramref name="body"/> over row blocks whose size depends only on D.</summary>
    private static void ForRowBlocks(int dimension, Action<int, int> body)
    {
        int blockRows = Math.Max(1, 16384 / dimension);
        int blocks = (dimension + blockRows - 1) / blockRows;
        Parallel.For(0, blocks, block =>
        {
            int start = block * blockRows;
            body(start, Math.Min(dimension, start + blockRows));
        });
    }

    private static unsafe Span<Complex> Dense(nint address, int dimension) => new((void*)address, dimension * dimension);

    private static void CheckVector(SparseMatrix a, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        ArgumentNullException.ThrowIfNull(a);
        ComplexSpan.CheckSameLength(a.Dimension, x.Length, nameof(x));
        ComplexSpan.CheckSameLength(a.Dimension, y.Length, nameof(y));
        if (x.Overlaps(y)) throw new ArgumentException("the output must not overlap the input", nameof(y));
    }

    private static int CheckDense(SparseMatrix a, ReadOnlySpan<Complex> rho, Span<Complex> result)
    {
        ArgumentNullException.ThrowIfNull(a);
        int d = a.Dimension;
        ComplexSpan.CheckSameLength(d * d, rho.Length, nameof(rho));
        ComplexSpan.CheckSameLength(d * d, result.Length, nameof(result));
        if (rho.Overlaps(result)) throw new ArgumentException("the output must not overlap the input", nameof(result));
        return d;
    }

    private static void CheckWork(ReadOnlySpan<Complex> rho, Span<Complex> work, Span<Complex> result)
    {
        ComplexSpan.CheckSameLength(rho.Length, work.Length, nameof(work));
        if (work.Overlaps(rho) || work.Overlaps(result)) throw new ArgumentException("the work buffer must not overlap ρ or the result", nameof(work));
    }
}
