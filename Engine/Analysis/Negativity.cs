using System.Buffers;
using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// Entanglement of a density matrix across a bipartition A|B from the partial transpose ρ^{T_B}:
/// 𝒩 = (‖ρ^{T_B}‖₁ − 1)/2 and E_N = ln ‖ρ^{T_B}‖₁ (SPEC §1), ‖X‖₁ = Σ |λ(X)| for Hermitian X.
/// </summary>
/// <param name="Negativity">𝒩 = (‖ρ^{T_B}‖₁ − 1)/2.</param>
/// <param name="LogNegativity">E_N = ln ‖ρ^{T_B}‖₁.</param>
/// <param name="TraceNorm">‖ρ^{T_B}‖₁ / Tr ρ, clamped below at 1 (its exact minimum; only rounding goes lower).</param>
/// <param name="Blocks">Number of independent blocks of ρ^{T_B} that were diagonalised.</param>
/// <param name="LargestBlock">Dimension of the largest of them.</param>
/// <param name="TraceNormErrorBound">Bound on the change of ‖ρ^{T_B}‖₁ from the entries treated as zero when
/// finding the blocks: √P ‖dropped‖_F (P the product dimension).</param>
public sealed record NegativityResult(double Negativity, double LogNegativity, double TraceNorm, int Blocks, int LargestBlock, double TraceNormErrorBound);

/// <summary>Partial transpose and negativity of Fock-space density matrices (row-major ρ, see <see cref="DensityMatrixAnalysis"/>).</summary>
public static class DensityMatrixEntanglement
{
    /// <summary>
    /// Entries with |ρ_nm| at most this are ignored when looking for block structure (ρ has unit trace, so this is
    /// absolute); they change ‖ρ^{T_B}‖₁ by at most <see cref="NegativityResult.TraceNormErrorBound"/>.
    /// </summary>
    public const double DefaultEntryTolerance = 1e-12;

    /// <summary>
    /// ρ^{T_B} in the product basis of <paramref name="basis"/> (row-major P×P, P = basis.Dimension):
    /// ρ^{T_B}[(a_n, b_m), (a_m, b_n)] = ρ[n, m].
    /// </summary>
    public static Complex[] PartialTranspose(ReadOnlySpan<Complex> rho, BipartiteProductBasis basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        int d = basis.Space.Dimension, p = basis.Dimension, db = basis.SideB.Dimension;
        ComplexSpan.CheckSameLength(d * d, rho.Length, nameof(rho));
        var transposed = new Complex[(long)p * p];
        for (int n = 0; n < d; n++)
        {
            int an = basis.LocalA(n), bn = basis.LocalB(n);
            for (int m = 0; m < d; m++)
            {
                int row = (an * db) + basis.LocalB(m), column = (basis.LocalA(m) * db) + bn;
                transposed[((long)row * p) + column] = rho[(n * d) + m];
            }
        }
        return transposed;
    }

    /// <summary>ρ^{T_B} for side B = <paramref name="sideB"/> (modes), in the product basis <see cref="BipartiteProductBasis"/>.</summary>
    public static Complex[] PartialTranspose(ReadOnlySpan<Complex> rho, FockSpace space, IReadOnlyCollection<int> sideB) =>
        PartialTranspose(rho, new BipartiteProductBasis(space, sideB));

    /// <summary>Negativity and log-negativity across (all modes not in <paramref name="sideB"/>) | <paramref name="sideB"/>.</summary>
    public static NegativityResult Negativity(ReadOnlySpan<Complex> rho, FockSpace space, IReadOnlyCollection<int> sideB,
        bool useBlocks = true, double entryTolerance = DefaultEntryTolerance) =>
        Negativity(rho, new BipartiteProductBasis(space, sideB), useBlocks, entryTolerance);

    /// <summary>
    /// ‖ρ^{T_B}‖₁ from Hermitian eigendecompositions. With <paramref name="useBlocks"/>, ρ^{T_B} is split into
    /// the connected components of its nonzero pattern, where entries of at most <paramref name="entryTolerance"/>
    /// may be dropped when they would bridge blocks of larger entries (the bound of the change is reported), and
    /// each block is diagonalised alone. For a ρ block diagonal in the total excitation number N, ρ^{T_B} is block
    /// diagonal in N_A − N_B (row (n_A, m_B) and column (m_A, n_B) have n_A + n_B = m_A + m_B), so one large
    /// eigenproblem becomes many small ones; pure states with few Schmidt terms split further.
    /// Without it, the whole P×P matrix is diagonalised.
    /// </summary>
    public static NegativityResult Negativity(ReadOnlySpan<Complex> rho, BipartiteProductBasis basis, bool useBlocks = true, double entryTolerance = DefaultEntryTolerance)
    {
        ArgumentNullException.ThrowIfNull(basis);
        int d = basis.Space.Dimension, p = basis.Dimension;
        ComplexSpan.CheckSameLength(d * d, rho.Length, nameof(rho));
        if (!(entryTolerance >= 0)) throw new ArgumentException("the entry tolerance must be ≥ 0", nameof(entryTolerance));
        double trace = DensityMatrixAnalysis.Trace(rho).Real;
        if (!(trace > 0)) throw new ArgumentException($"Tr ρ = {trace} is not positive", nameof(rho));

        List<int[]> blocks;
        double droppedSquared = 0;
        if (useBlocks)
        {
            (blocks, droppedSquared) = FindBlocks(rho, basis, entryTolerance);
        }
        else
        {
            blocks = [Enumerable.Range(0, p).ToArray()];
        }

        double traceNorm = 0;
        foreach (var block in blocks) traceNorm += BlockTraceNorm(rho, basis, block);
        traceNorm = Math.Max(1, traceNorm / trace);
        return new NegativityResult(
            (traceNorm - 1) / 2,
            Math.Log(traceNorm),
            traceNorm,
            blocks.Count,
            blocks.Count == 0 ? 0 : blocks.Max(b => b.Length),
            Math.Sqrt(p) * Math.Sqrt(droppedSquared) / trace);
    }

    /// <summary>
    /// The blocks of ρ^{T_B} (product indices). Tier 1: the connected components of the entries larger than the
    /// tolerance. Tier 2: every smaller nonzero entry is kept when it lies inside one tier-1 component or joins
    /// nodes untouched by tier 1 (then it merges only such nodes); an entry that would bridge a tier-1 component
    /// to anything else is dropped, and its |·|² is added to the returned sum.
    /// </summary>
    private static (List<int[]> Blocks, double DroppedSquared) FindBlocks(ReadOnlySpan<Complex> rho, BipartiteProductBasis basis, double entryTolerance)
    {
        int d = basis.Space.Dimension, p = basis.Dimension, db = basis.SideB.Dimension;
        var components = new DisjointSets(p);
        var large = new bool[p];
        var present = new bool[p];
        // (n, m) and (m, n) are the same undirected edge of ρ^{T_B}; visit m ≥ n with the larger of the two magnitudes.
        double tolerance2 = entryTolerance * entryTolerance;
        for (int tier = 1; tier <= 2; tier++)
        {
            for (int n = 0; n < d; n++)
            {
                int an = basis.LocalA(n), bn = basis.LocalB(n);
                for (int m = n; m < d; m++)
                {
                    double magnitude2 = EdgeMagnitudeSquared(rho, d, n, m);
                    if (magnitude2 == 0 || (tier == 1) != (magnitude2 > tolerance2)) continue;
                    int row = (an * db) + basis.LocalB(m), column = (basis.LocalA(m) * db) + bn;
                    present[row] = present[column] = true;
                    if (tier == 1)
                    {
                        large[row] = large[column] = true;
                        components.Union(row, column);
                    }
                    else if (!large[row] && !large[column])
                    {
                        components.Union(row, column);
                    }
                }
            }
        }

        double droppedSquared = 0;
        for (int n = 0; n < d; n++)
        {
            int an = basis.LocalA(n), bn = basis.LocalB(n);
            for (int m = n; m < d; m++)
            {
                double magnitude2 = EdgeMagnitudeSquared(rho, d, n, m);
                if (magnitude2 == 0 || magnitude2 > tolerance2) continue;
                int row = (an * db) + basis.LocalB(m), column = (basis.LocalA(m) * db) + bn;
                if (components.Find(row) != components.Find(column)) droppedSquared += (n == m ? 1 : 2) * magnitude2;
            }
        }
        var blocks = Enumerable.Range(0, p).Where(i => present[i]).GroupBy(components.Find).Select(g => g.ToArray()).ToList();
        return (blocks, droppedSquared);
    }

    /// <summary>Σ|λ| of the Hermitian part of ρ^{T_B} restricted to <paramref name="block"/> (product indices).</summary>
    private static double BlockTraceNorm(ReadOnlySpan<Complex> rho, BipartiteProductBasis basis, int[] block)
    {
        int d = basis.Space.Dimension, db = basis.SideB.Dimension;
        int size = block.Length;
        // A pooled buffer: at D = 400 a fresh one per block and output time cost page faults (BENCHMARKS.md).
        var matrix = ArrayPool<Complex>.Shared.Rent(size * size);
        try
        {
            matrix.AsSpan(0, size * size).Clear();
            for (int r = 0; r < size; r++)
            {
                int ar = block[r] / db, br = block[r] % db;
                for (int c = 0; c < size; c++)
                {
                    int ac = block[c] / db, bc = block[c] % db;
                    // ρ^{T_B}[(a_r, b_r), (a_c, b_c)] = ρ[(a_r, b_c), (a_c, b_r)]
                    int n = basis.SpaceIndex(ar, bc), m = basis.SpaceIndex(ac, br);
                    if (n >= 0 && m >= 0) matrix[(r * size) + c] = rho[(n * d) + m];
                }
            }
            if (size == 1) return Math.Abs(matrix[0].Real);
            for (int r = 0; r < size; r++)      // the Hermitian part, in the lower triangle the eigensolver reads
                for (int c = 0; c < r; c++)
                {
                    // (L + conj(U)) / 2 per component (the same bits as the Complex operators, without their calls)
                    Complex lower = matrix[(r * size) + c], upper = matrix[(c * size) + r];
                    matrix[(r * size) + c] = new Complex(0.5 * (lower.Real + upper.Real), 0.5 * (lower.Imaginary - upper.Imaginary));
                }
            double sum = 0;
            foreach (double eigenvalue in HermitianEigenvalues.Compute(matrix, size)) sum += Math.Abs(eigenvalue);
            return sum;
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(matrix);
        }
    }

    /// <summary>max(|ρ_nm|², |ρ_mn|²): the weight of the edge between the two product indices that (n, m) joins.</summary>
    private static double EdgeMagnitudeSquared(ReadOnlySpan<Complex> rho, int d, int n, int m)
    {
        Complex upper = rho[(n * d) + m], lower = rho[(m * d) + n];
        return Math.Max((upper.Real * upper.Real) + (upper.Imaginary * upper.Imaginary), (lower.Real * lower.Real) + (lower.Imaginary * lower.Imaginary));
    }

    /// <summary>Union-find with path halving and union by size.</summary>
    private sealed class DisjointSets
    {
        private readonly int[] _parent;
        private readonly int[] _size;

        public DisjointSets(int count)
        {
            _parent = [.. Enumerable.Range(0, count)];
            _size = Enumerable.Repeat(1, count).ToArray();
        }

        public int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }
            return x;
        }

        public void Union(int x, int y)
        {
            int rx = Find(x), ry = Find(y);
            if (rx == ry) return;
            if (_size[rx] < _size[ry]) (rx, ry) = (ry, rx);
            _parent[ry] = rx;
            _size[rx] += _size[ry];
        }
    }
}
