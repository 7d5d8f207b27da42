using System.Numerics;
using BosonicTrajectories.Kernels;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// Approximate inverse of ℒ by its no-jump part: X = (𝒮 − s)⁻¹ B with 𝒮X = G X + X G†, G = −i H_eff, block by block.
/// Writing G = V diag(μ) V⁻¹ (dense eigendecomposition of each block), X = V [ (V⁻¹ B V⁻†) ∘ Γ ] V† with
/// Γ_ab = 1 / (μ_a + conj(μ_b) − s): four dense products per block. Re μ_a = −½⟨Σ L†L⟩ &lt; 0 unless a state is dark;
/// s &gt; 0 only then, so that (𝒮 − s) stays invertible. Blocks whose eigenvectors are ill-conditioned, or every block
/// when <paramref name="jacobiOnly"/>, use the Fock-basis diagonal of G instead (Jacobi).
/// With s = 0 the right-preconditioned operator ℒ𝒮⁻¹ = I − 𝒯 where 𝒯 = −𝒥𝒮⁻¹ is the trace-preserving map of the
/// quantum-jump chain, so its spectrum lies in the disc |z − 1| ≤ 1.
/// </summary>
internal sealed class NoJumpPreconditioner
{
    private const double MaxEigenvectorCondition = 1e9;   // beyond this V⁻¹ loses too many digits to help
    private readonly BlockLiouvillian _liouvillian;
    private readonly BlockFactors?[] _factors;
    private readonly Complex[][] _inverseDenominators;
    private readonly Complex[] _work1;
    private readonly Complex[] _work2;

    public NoJumpPreconditioner(BlockLiouvillian liouvillian, bool jacobiOnly, int maxDenseBlock)
    {
        _liouvillian = liouvillian;
        int blocks = liouvillian.Blocks.Length;
        _factors = new BlockFactors?[blocks];
        var rates = new Complex[blocks][];
        for (int b = 0; b < blocks; b++)
        {
            var g = liouvillian.CoherentBlock(b);
            int n = g.Rows;
            if (!jacobiOnly && n <= maxDenseBlock) _factors[b] = BlockFactors.TryCreate(g);
            rates[b] = _factors[b]?.Eigenvalues ?? [.. Enumerable.Range(0, n).Select(i => DiagonalEntry(g, i))];
        }

        // A dark state (Re μ = 0) makes 𝒮 singular: shift by half the mean decay rate then.
        var all = rates.SelectMany(r => r).ToArray();
        double largest = all.Length == 0 ? 0 : all.Max(m => -m.Real);
        double smallest = all.Length == 0 ? 0 : all.Min(m => -m.Real);
        Shift = smallest <= 1e-9 * Math.Max(largest, 1e-300) ? 0.5 * Math.Max(all.Average(m => -m.Real), 1e-300) : 0;

        _inverseDenominators = new Complex[blocks][];
        for (int b = 0; b < blocks; b++)
        {
            var mu = rates[b];
            int n = mu.Length;
            var inverse = new Complex[n * n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) inverse[(i * n) + j] = 1 / (mu[i] + Complex.Conjugate(mu[j]) - Shift);
            _inverseDenominators[b] = inverse;
        }
        int largestBlock = liouvillian.Blocks.Max(x => x.Length);
        _work1 = new Complex[largestBlock * largestBlock];
        _work2 = new Complex[largestBlock * largestBlock];
    }

    /// <summary>The shift s (0 unless a dark state exists).</summary>
    public double Shift { get; }

    /// <summary>The eigendecomposition of each block's G (null for a Jacobi block).</summary>
    internal IReadOnlyList<BlockFactors?> Factors => _factors;

    /// <summary>Number of blocks solved exactly (the rest use Jacobi).</summary>
    public int ExactBlocks => _factors.Count(f => f is not null);

    /// <summary>x ← (𝒮 − s)⁻¹ b.</summary>
    public void Apply(ReadOnlySpan<Complex> b, Span<Complex> x)
    {
        var offsets = _liouvillian.Offsets;
        for (int k = 0; k < _factors.Length; k++)
        {
            int n = _liouvillian.Blocks[k].Length;
            var bk = b.Slice(offsets[k], n * n);
            var xk = x.Slice(offsets[k], n * n);
            var gamma = _inverseDenominators[k];
            var f = _factors[k];
            if (f is null)
            {
                for (int i = 0; i < n * n; i++) xk[i] = bk[i] * gamma[i];
                continue;
            }
            var t1 = _work1.AsSpan(0, n * n);
            var t2 = _work2.AsSpan(0, n * n);
            ComplexMatrixProduct.Multiply(f.InverseVectors, bk, t1, n, n, n);
            ComplexMatrixProduct.Multiply(t1, f.InverseVectorsAdjoint, t2, n, n, n);
            for (int i = 0; i < n * n; i++) t2[i] *= gamma[i];
            ComplexMatrixProduct.Multiply(f.Vectors, t2, t1, n, n, n);
            ComplexMatrixProduct.Multiply(t1, f.VectorsAdjoint, xk, n, n, n);
        }
    }

    private static Complex DiagonalEntry(BlockOperator g, int i)
    {
        for (int p = g.RowPointers[i]; p < g.RowPointers[i + 1]; p++)
            if (g.Columns[p] == i) return g.Values[p];
        return Complex.Zero;
    }

    /// <summary>G = V diag(μ) V⁻¹ of one block, row-major.</summary>
    internal sealed class BlockFactors
    {
        public required Complex[] Eigenvalues { get; init; }

        public required Complex[] Vectors { get; init; }

        public required Complex[] VectorsAdjoint { get; init; }

        public required Complex[] InverseVectors { get; init; }

        public required Complex[] InverseVectorsAdjoint { get; init; }

        public static BlockFactors? TryCreate(BlockOperator g)
        {
            int n = g.Rows;
            var dense = Matrix<Complex>.Build.DenseOfRowMajor(n, n, g.ToDense());
            Evd<Complex> evd;
            Matrix<Complex> inverse;
            try
            {
                evd = dense.Evd(Symmetricity.Asymmetric);
                inverse = evd.EigenVectors.Inverse();
            }
            catch (ArgumentException)
            {
                return null;
            }
            var v = evd.EigenVectors;
            double condition = v.FrobeniusNorm() * inverse.FrobeniusNorm();
            if (!double.IsFinite(condition) || condition > MaxEigenvectorCondition) return null;
            return new BlockFactors
            {
                Eigenvalues = [.. evd.EigenValues],
                Vectors = v.ToRowMajorArray(),
                VectorsAdjoint = v.ConjugateTranspose().ToRowMajorArray(),
                InverseVectors = inverse.ToRowMajorArray(),
                InverseVectorsAdjoint = inverse.ConjugateTranspose().ToRowMajorArray(),
            };
        }
    }
}
