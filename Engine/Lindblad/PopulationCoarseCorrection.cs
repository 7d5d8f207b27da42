using System.Numerics;
using BosonicTrajectories.Kernels;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// Coarse-space correction for the steady-state GMRES: the slow modes the no-jump preconditioner misses are the
/// populations of the eigenstates v_a of G = −iH_eff (the jump chain between them is a classical rate equation).
/// With prolongation P p = ⊕_N V_N diag(p_N) V_N† and restriction R X = ⊕_N diag(V_N⁻¹ X_N V_N⁻†), the Galerkin
/// coarse operator R𝒜P is the Pauli rate matrix T_ab = 2 Re μ_a δ_ab + Σ_k |(V⁻¹ L_k V)_ab|² plus the rank-one
/// trace term (R x) tᵀ, t_b = ‖v_b‖². T is block-tridiagonal in the blocks (each jump moves N by at most one), so it
/// is factorised by block LU; the rank-one term by Sherman–Morrison after shifting T by a tiny −δ (T itself is
/// singular: probability is conserved). Used multiplicatively after the no-jump solve:
/// z = z₁ + P T⁻¹ R (r − 𝒜 z₁).
/// </summary>
internal sealed class PopulationCoarseCorrection
{
    private readonly BlockLiouvillian _liouvillian;
    private readonly NoJumpPreconditioner.BlockFactors[] _factors;
    private readonly int[] _coarseOffsets;
    private readonly Complex[][] _pivotInverses;    // (T_NN − L_N C_{N−1})⁻¹
    private readonly Complex[][] _upperSolved;      // C_N = pivot⁻¹ U_N
    private readonly Complex[][] _lower;            // L_N = T_{N,N−1}
    private readonly Complex[] _traceWeights;       // t
    private readonly Complex[] _anchorSolved;       // T⁻¹ u
    private readonly Complex _shermanDenominator;   // 1 + tᵀ T⁻¹ u
    private readonly Complex[] _coarse;
    private readonly Complex[] _coarseWork;
    private readonly Complex[] _blockWork;

    private PopulationCoarseCorrection(BlockLiouvillian liouvillian, NoJumpPreconditioner.BlockFactors[] factors, Complex[] anchor, Complex[,][] blocks)
    {
        _liouvillian = liouvillian;
        _factors = factors;
        int count = factors.Length;
        _coarseOffsets = new int[count + 1];
        for (int b = 0; b < count; b++) _coarseOffsets[b + 1] = _coarseOffsets[b] + factors[b].Eigenvalues.Length;
        int n = _coarseOffsets[^1];
        _coarse = new Complex[n];
        _coarseWork = new Complex[n];
        int largest = liouvillian.Blocks.Max(x => x.Length);
        _blockWork = new Complex[largest * largest];

        // Block LU of the tridiagonal T.
        _pivotInverses = new Complex[count][];
        _upperSolved = new Complex[count][];
        _lower = new Complex[count][];
        Matrix<Complex>? previousUpperSolved = null;
        for (int b = 0; b < count; b++)
        {
            int size = factors[b].Eigenvalues.Length;
            var pivot = Matrix<Complex>.Build.DenseOfRowMajor(size, size, blocks[b, 1]);
            if (b > 0)
            {
                var lower = Matrix<Complex>.Build.DenseOfRowMajor(size, factors[b - 1].Eigenvalues.Length, blocks[b, 0]);
                pivot -= lower * previousUpperSolved!;
                _lower[b] = blocks[b, 0];
            }
            var inverse = pivot.Inverse();
            _pivotInverses[b] = inverse.ToRowMajorArray();
            if (b + 1 < count)
            {
                var upper = Matrix<Complex>.Build.DenseOfRowMajor(size, factors[b + 1].Eigenvalues.Length, blocks[b, 2]);
                previousUpperSolved = inverse * upper;
                _upperSolved[b] = previousUpperSolved.ToRowMajorArray();
            }
        }

        _traceWeights = new Complex[n];
        for (int b = 0; b < count; b++)
        {
            int size = factors[b].Eigenvalues.Length;
            for (int a = 0; a < size; a++)
            {
                double norm = 0;
                for (int i = 0; i < size; i++) norm += Complex.Abs(factors[b].Vectors[(i * size) + a]) * Complex.Abs(factors[b].Vectors[(i * size) + a]);
                _traceWeights[_coarseOffsets[b] + a] = norm;
            }
        }
        _anchorSolved = new Complex[n];
        Restrict(anchor, _anchorSolved);
        SolveTridiagonal(_anchorSolved);
        _shermanDenominator = 1 + Dot(_traceWeights, _anchorSolved);
    }

    /// <summary>Builds the correction, or returns null when a block has no eigendecomposition or a jump skips a block.</summary>
    public static PopulationCoarseCorrection? TryCreate(BlockLiouvillian liouvillian, NoJumpPreconditioner preconditioner, Complex[] anchor)
    {
        if (preconditioner.Factors.Any(f => f is null)) return null;
        var factors = preconditioner.Factors.Select(f => f!).ToArray();
        int count = factors.Length;
        // blocks[b, 0|1|2] = T_{b,b−1}, T_{b,b}, T_{b,b+1} (row-major).
        var blocks = new Complex[count, 3][];
        double scale = 0;
        for (int b = 0; b < count; b++)
        {
            int size = factors[b].Eigenvalues.Length;
            blocks[b, 1] = new Complex[size * size];
            if (b > 0) blocks[b, 0] = new Complex[size * factors[b - 1].Eigenvalues.Length];
            if (b + 1 < count) blocks[b, 2] = new Complex[size * factors[b + 1].Eigenvalues.Length];
            for (int a = 0; a < size; a++)
            {
                double rate = 2 * factors[b].Eigenvalues[a].Real;
                blocks[b, 1][(a * size) + a] = rate;
                scale = Math.Max(scale, Math.Abs(rate));
            }
        }
        foreach (var (target, source, jump) in liouvillian.JumpBlocks)
        {
            int slot = source - target + 1;
            if (slot is < 0 or > 2) return null;
            int rows = factors[target].Eigenvalues.Length, columns = factors[source].Eigenvalues.Length;
            // L̃ = V_target⁻¹ L V_source
            var lv = new Complex[rows * columns];
            var dense = jump.ToDense();
            ComplexMatrixProduct.Multiply(dense, factors[source].Vectors, lv, rows, columns, columns);
            var transformed = new Complex[rows * columns];
            ComplexMatrixProduct.Multiply(factors[target].InverseVectors, lv, transformed, rows, rows, columns);
            var block = blocks[target, slot];
            for (int k = 0; k < block.Length; k++)
                block[k] += transformed[k].Real * transformed[k].Real + (transformed[k].Imaginary * transformed[k].Imaginary);
        }
        // T is singular (probability conservation); −δ makes the block LU well defined, Sherman–Morrison handles the
        // trace row, and the O(δ) error only affects the quality of the preconditioner.
        double delta = 1e-9 * Math.Max(scale, 1e-300);
        for (int b = 0; b < count; b++)
        {
            int size = factors[b].Eigenvalues.Length;
            for (int a = 0; a < size; a++) blocks[b, 1][(a * size) + a] -= delta;
        }
        try
        {
            return new PopulationCoarseCorrection(liouvillian, factors, anchor, blocks);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>z ← z + P W⁻¹ R r for the coarse operator W = T + (R x) tᵀ.</summary>
    public void AddCorrection(ReadOnlySpan<Complex> residual, Span<Complex> z)
    {
        Restrict(residual, _coarse);
        SolveTridiagonal(_coarse);
        Complex factor = Dot(_traceWeights, _coarse) / _shermanDenominator;
        for (int i = 0; i < _coarse.Length; i++) _coarse[i] -= factor * _anchorSolved[i];
        Prolongate(_coarse, z);
    }

    private static Complex Dot(Complex[] t, Complex[] x)
    {
        Complex sum = 0;
        for (int i = 0; i < t.Length; i++) sum += t[i] * x[i];
        return sum;
    }

    /// <summary>coarse_a = (V⁻¹ X V⁻†)_aa per block.</summary>
    private void Restrict(ReadOnlySpan<Complex> x, Span<Complex> coarse)
    {
        for (int b = 0; b < _factors.Length; b++)
        {
            int size = _factors[b].Eigenvalues.Length;
            var work = _blockWork.AsSpan(0, size * size);
            var inverse = _factors[b].InverseVectors;
            ComplexMatrixProduct.Multiply(inverse, x.Slice(_liouvillian.Offsets[b], size * size), work, size, size, size);
            for (int a = 0; a < size; a++)
            {
                Complex sum = 0;
                for (int j = 0; j < size; j++) sum += work[(a * size) + j] * Complex.Conjugate(inverse[(a * size) + j]);
                coarse[_coarseOffsets[b] + a] = sum;
            }
        }
    }

    /// <summary>X_N += V diag(p) V† per block.</summary>
    private void Prolongate(ReadOnlySpan<Complex> coarse, Span<Complex> x)
    {
        for (int b = 0; b < _factors.Length; b++)
        {
            int size = _factors[b].Eigenvalues.Length;
            var v = _factors[b].Vectors;
            var target = x.Slice(_liouvillian.Offsets[b], size * size);
            var scaled = _blockWork.AsSpan(0, size * size);
            for (int i = 0; i < size; i++)
                for (int a = 0; a < size; a++) scaled[(i * size) + a] = v[(i * size) + a] * coarse[_coarseOffsets[b] + a];
            for (int i = 0; i < size; i++)
            {
                var row = target.Slice(i * size, size);
                for (int a = 0; a < size; a++)
                {
                    Complex factor = scaled[(i * size) + a];
                    if (factor == Complex.Zero) continue;
                    for (int j = 0; j < size; j++) row[j] += factor * Complex.Conjugate(v[(j * size) + a]);
                }
            }
        }
    }

    /// <summary>x ← T_δ⁻¹ x by the stored block LU.</summary>
    private void SolveTridiagonal(Span<Complex> x)
    {
        int count = _factors.Length;
        for (int b = 0; b < count; b++)
        {
            int size = _factors[b].Eigenvalues.Length;
            var rhs = _coarseWork.AsSpan(0, size);
            x.Slice(_coarseOffsets[b], size).CopyTo(rhs);
            if (b > 0)
            {
                int previous = _factors[b - 1].Eigenvalues.Length;
                var lower = _lower[b];
                var solved = x.Slice(_coarseOffsets[b - 1], previous);
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < previous; j++) rhs[i] -= lower[(i * previous) + j] * solved[j];
            }
            var inverse = _pivotInverses[b];
            var output = x.Slice(_coarseOffsets[b], size);
            for (int i = 0; i < size; i++)
            {
                Complex sum = 0;
                for (int j = 0; j < size; j++) sum += inverse[(i * size) + j] * rhs[j];
                output[i] = sum;
            }
        }
        for (int b = count - 2; b >= 0; b--)
        {
            int size = _factors[b].Eigenvalues.Length, next = _factors[b + 1].Eigenvalues.Length;
            var upper = _upperSolved[b];
            var following = x.Slice(_coarseOffsets[b + 1], next);
            var output = x.Slice(_coarseOffsets[b], size);
            for (int i = 0; i < size; i++)
            {
                Complex sum = 0;
                for (int j = 0; j < next; j++) sum += upper[(i * next) + j] * following[j];
                output[i] -= sum;
            }
        }
    }
}
