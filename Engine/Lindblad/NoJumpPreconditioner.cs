using System.Collections.Concurrent;
using System.Numerics;
using BosonicTrajectories.Kernels;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// Approximate inverse of ℒ by its no-jump part: X = (𝒮 − s)⁻¹ B with 𝒮X = G X + X G†, G = −i H_eff, block by block.
/// Writing G = V diag(μ) V⁻¹ (dense eigendecomposition of each block), X = V [ (V⁻¹ B V⁻†) ∘ Γ ] V† with
/// Γ_ab = 1 / (μ_a + conj(μ_b) − s). For Hermitian B (the only kind the steady-state solver passes) C = V⁻¹ B V⁻† and
/// X are Hermitian, so two of the four dense products need only their upper triangle: three n³ complex products per
/// block, in split storage (<see cref="SplitComplexMatrix"/>). Re μ_a = −½⟨Σ L†L⟩ &lt; 0 unless a state is dark;
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
    private readonly Complex[][] _inverseDenominators;     // Γ, row-major n×n (Jacobi blocks use it directly)
    private readonly SplitComplexMatrix?[] _splitDenominators;   // Γ in split storage for the exact blocks
    private readonly SplitComplexMatrix[][] _work;          // per block: three work matrices shared by blocks of one size

    public NoJumpPreconditioner(BlockLiouvillian liouvillian, bool jacobiOnly, int maxDenseBlock)
    {
        _liouvillian = liouvillian;
        int blocks = liouvillian.Blocks.Length;
        _factors = new BlockFactors?[blocks];
        var rates = new Complex[blocks][];
        if (!jacobiOnly)
        {
            // The blocks are independent: factorise them on all cores, largest first.
            var exact = Enumerable.Range(0, blocks).Where(b => liouvillian.Blocks[b].Length <= maxDenseBlock)
                .OrderByDescending(b => liouvillian.Blocks[b].Length).ToArray();
            Parallel.ForEach(Partitioner.Create(exact, loadBalance: true), b => _factors[b] = BlockFactors.TryCreate(liouvillian.CoherentBlock(b)));
        }
        for (int b = 0; b < blocks; b++)
        {
            var g = liouvillian.CoherentBlock(b);
            rates[b] = _factors[b]?.Eigenvalues ?? [.. Enumerable.Range(0, g.Rows).Select(i => DiagonalEntry(g, i))];
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
        _splitDenominators = new SplitComplexMatrix?[blocks];
        _work = new SplitComplexMatrix[blocks][];
        var workBySize = new Dictionary<int, SplitComplexMatrix[]>();
        for (int b = 0; b < blocks; b++)
        {
            if (_factors[b] is null) continue;
            int n = rates[b].Length;
            _splitDenominators[b] = SplitComplexMatrix.FromRowMajor(_inverseDenominators[b], n);
            if (!workBySize.TryGetValue(n, out var work))
                workBySize[n] = work = [new SplitComplexMatrix(n), new SplitComplexMatrix(n), new SplitComplexMatrix(n)];
            _work[b] = work;
        }
    }

    /// <summary>The shift s (0 unless a dark state exists).</summary>
    public double Shift { get; }

    /// <summary>The eigendecomposition of each block's G (null for a Jacobi block).</summary>
    internal IReadOnlyList<BlockFactors?> Factors => _factors;

    /// <summary>Number of blocks solved exactly (the rest use Jacobi).</summary>
    public int ExactBlocks => _factors.Count(f => f is not null);

    /// <summary>result ← (𝒮 − s)X = G X + X G† − sX block by block: the operator this preconditioner inverts.</summary>
    public void ApplyOperator(ReadOnlySpan<Complex> x, Span<Complex> result)
    {
        if (x.Length != _liouvillian.Length || result.Length != _liouvillian.Length)
            throw new ArgumentException($"expected {_liouvillian.Length} unknowns", nameof(x));
        for (int b = 0; b < _factors.Length; b++)
        {
            int n = _liouvillian.Blocks[b].Length, offset = _liouvillian.Offsets[b];
            ApplyBlockOperator(b, x.Slice(offset, n * n), result.Slice(offset, n * n));
        }
    }

    /// <summary>y_k ← (𝒮_k − s)X_k on block k alone.</summary>
    public void ApplyBlockOperator(int k, ReadOnlySpan<Complex> xk, Span<Complex> yk)
    {
        int n = _liouvillian.Blocks[k].Length;
        var g = _liouvillian.CoherentBlock(k);
        yk.Clear();
        for (int i = 0; i < n; i++)
        {
            var row = yk.Slice(i * n, n);
            ComplexRowKernels.AddOperatorTimesMatrixRow(g.RowPointers, g.Columns, g.Values, i, xk, n, 0, row);
            ComplexRowKernels.AddRowTimesAdjoint(xk.Slice(i * n, n), g.RowPointers, g.Columns, g.Values, 0, row);
        }
        if (Shift != 0) ComplexSpan.Axpy(-Shift, xk, yk);
    }

    /// <summary>x ← (𝒮 − s)⁻¹ b for Hermitian b (x is Hermitian exactly).</summary>
    public void Apply(ReadOnlySpan<Complex> b, Span<Complex> x)
    {
        var offsets = _liouvillian.Offsets;
        for (int k = 0; k < _factors.Length; k++)
        {
            int n = _liouvillian.Blocks[k].Length;
            SolveBlock(k, b.Slice(offsets[k], n * n), x.Slice(offsets[k], n * n));
        }
    }

    /// <summary>
    /// x_k ← (𝒮_k − s)⁻¹ b_k on block k alone (row-major size_k × size_k, not overlapping) for Hermitian b_k. The
    /// result is Hermitian exactly: only the upper triangle of the Hermitian intermediates is used.
    /// </summary>
    public void SolveBlock(int k, ReadOnlySpan<Complex> bk, Span<Complex> xk)
    {
        int n = _liouvillian.Blocks[k].Length;
        if (bk.Length != n * n || xk.Length != n * n) throw new ArgumentException($"block {k} has {n * n} entries", nameof(bk));
        var f = _factors[k];
        if (f is null)
        {
            SolveJacobiBlock(_inverseDenominators[k], n, bk, xk);
            return;
        }
        var work = _work[k];
        SplitComplexMatrix z = work[0], t = work[1], c = work[2];
        z.Load(bk);
        SplitComplexMatrix.Multiply(f.SplitInverseVectors, z, t, upperTilesOnly: false);          // V⁻¹ B
        SplitComplexMatrix.Multiply(t, f.SplitInverseVectorsAdjoint, c, upperTilesOnly: true);     // C = V⁻¹ B V⁻†
        ScaleHermitian(c, _splitDenominators[k]!, z);                                              // Z = C ∘ Γ
        SplitComplexMatrix.Multiply(f.SplitVectors, z, t, upperTilesOnly: false);                  // V Z
        SplitComplexMatrix.Multiply(t, f.SplitVectorsAdjoint, c, upperTilesOnly: true);            // X = V Z V†
        c.StoreHermitianFromUpper(xk);
    }

    /// <summary>Z ← C ∘ Γ from the upper triangle of C, mirrored (Z Hermitian; Γ_ba = conj Γ_ab, Γ_aa real).</summary>
    private static void ScaleHermitian(SplitComplexMatrix c, SplitComplexMatrix gamma, SplitComplexMatrix z)
    {
        int n = c.Size, stride = c.Stride;
        double[] cRe = c.Real, cIm = c.Imaginary, gRe = gamma.Real, gIm = gamma.Imaginary, zRe = z.Real, zIm = z.Imaginary;
        for (int i = 0; i < n; i++)
        {
            int ii = (i * stride) + i;
            zRe[ii] = cRe[ii] * gRe[ii];
            zIm[ii] = 0;
            for (int j = i + 1; j < n; j++)
            {
                int ij = (i * stride) + j, ji = (j * stride) + i;
                double re = (cRe[ij] * gRe[ij]) - (cIm[ij] * gIm[ij]);
                double im = (cRe[ij] * gIm[ij]) + (cIm[ij] * gRe[ij]);
                zRe[ij] = re;
                zIm[ij] = im;
                zRe[ji] = re;
                zIm[ji] = -im;
            }
        }
    }

    /// <summary>x_ij = h_ij Γ_ij with h the Hermitian part of b (Γ is the inverse Fock-diagonal of 𝒮 − s).</summary>
    private static void SolveJacobiBlock(Complex[] gamma, int n, ReadOnlySpan<Complex> bk, Span<Complex> xk)
    {
        for (int i = 0; i < n; i++)
        {
            xk[(i * n) + i] = bk[(i * n) + i].Real * gamma[(i * n) + i].Real;
            for (int j = i + 1; j < n; j++)
            {
                Complex value = 0.5 * (bk[(i * n) + j] + Complex.Conjugate(bk[(j * n) + i])) * gamma[(i * n) + j];
                xk[(i * n) + j] = value;
                xk[(j * n) + i] = Complex.Conjugate(value);
            }
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

        public required SplitComplexMatrix SplitVectors { get; init; }

        public required SplitComplexMatrix SplitVectorsAdjoint { get; init; }

        public required SplitComplexMatrix SplitInverseVectors { get; init; }

        public required SplitComplexMatrix SplitInverseVectorsAdjoint { get; init; }

        private Complex[]? _vectors;
        private Complex[]? _inverseVectors;

        /// <summary>V row-major (made on first use, for the coarse correction).</summary>
        public Complex[] Vectors => _vectors ??= ToRowMajor(SplitVectors);

        /// <summary>V⁻¹ row-major (made on first use, for the coarse correction).</summary>
        public Complex[] InverseVectors => _inverseVectors ??= ToRowMajor(SplitInverseVectors);

        public static BlockFactors? TryCreate(BlockOperator g)
        {
            int n = g.Rows;
            var dense = Matrix<Complex>.Build.Dense(n, n);
            for (int r = 0; r < n; r++)
                for (int p = g.RowPointers[r]; p < g.RowPointers[r + 1]; p++) dense[r, g.Columns[p]] = g.Values[p];
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
            var (vectors, vectorsAdjoint) = FromColumnMajor(v.AsColumnMajorArray() ?? v.ToColumnMajorArray(), n);
            var (inverseVectors, inverseAdjoint) = FromColumnMajor(inverse.AsColumnMajorArray() ?? inverse.ToColumnMajorArray(), n);
            return new BlockFactors
            {
                Eigenvalues = [.. evd.EigenValues],
                SplitVectors = vectors,
                SplitVectorsAdjoint = vectorsAdjoint,
                SplitInverseVectors = inverseVectors,
                SplitInverseVectorsAdjoint = inverseAdjoint,
            };
        }

        /// <summary>M and M† in split storage from the column-major entries of M.</summary>
        private static (SplitComplexMatrix Matrix, SplitComplexMatrix Adjoint) FromColumnMajor(Complex[] columnMajor, int n)
        {
            var m = new SplitComplexMatrix(n);
            var adjoint = new SplitComplexMatrix(n);
            int stride = m.Stride;
            for (int c = 0; c < n; c++)
                for (int r = 0; r < n; r++)
                {
                    Complex value = columnMajor[(c * n) + r];    // M(r, c)
                    m.Real[(r * stride) + c] = value.Real;
                    m.Imaginary[(r * stride) + c] = value.Imaginary;
                    adjoint.Real[(c * stride) + r] = value.Real;
                    adjoint.Imaginary[(c * stride) + r] = -value.Imaginary;
                }
            return (m, adjoint);
        }

        private static Complex[] ToRowMajor(SplitComplexMatrix m)
        {
            int n = m.Size;
            var values = new Complex[n * n];
            for (int r = 0; r < n; r++)
                for (int c = 0; c < n; c++) values[(r * n) + c] = new Complex(m.Real[(r * m.Stride) + c], m.Imaginary[(r * m.Stride) + c]);
            return values;
        }
    }
}
