using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// Jumps with the same excitation change that are combinations of common components:
/// L_j = Σ_p c_jp M_p, where M_p holds the entries whose occupation change n(r) − n(c) is the p-th vector
/// (for linear jumps Σ_i v_i a_i, M_p is a_i). Then Σ_j L_j X L_j† = Σ_pq C_pq M_p X M_q† with
/// C_pq = Σ_j c_jp conj(c_jq), evaluated as U_q = X M_q† then Σ_pq C_pq M_p U_q: P + P² products per entry instead
/// of 2 Σ_j nnz-per-row(L_j) (6 instead of 8 for the two-mode hot/cold emission or absorption pair).
/// </summary>
internal sealed class JumpFamily
{
    // Two components are proportional when they differ by less than this relative to their size (rounding of c_j v_i).
    private const double ProportionalityTolerance = 1e-13;

    private JumpFamily(SectorOperator[] components, Complex[,] coefficients, int[] sources)
    {
        Components = components;
        Coefficients = coefficients;
        Sources = sources;
    }

    public SectorOperator[] Components { get; }

    /// <summary>C_pq = Σ_j c_jp conj(c_jq).</summary>
    public Complex[,] Coefficients { get; }

    /// <summary>[stored block] → stored source block ρ_{N−δ, N'−δ}, −1 when none.</summary>
    public int[] Sources { get; }

    /// <summary>The family of <paramref name="jumps"/> (same shift), or null when they are not combinations of common components.</summary>
    public static JumpFamily? TryCreate(SparseMatrix[] jumps, FockSpace space, int[] sectorOf, int[] local, CoherenceSectorLayout layout)
    {
        // Split every jump by the occupation change of its entries.
        var split = jumps.Select(j => SplitByOccupationChange(j, space)).ToArray();
        var keys = split.SelectMany(x => x.Keys).Distinct().ToArray();
        if (keys.Length + 1 >= 2 * jumps.Length) return null;     // no saving: P + P² ≥ 2 J P, what J jumps of P components cost one by one
        var references = new SparseMatrix[keys.Length];
        var c = new Complex[jumps.Length, keys.Length];
        for (int p = 0; p < keys.Length; p++)
        {
            int first = Array.FindIndex(split, x => x.ContainsKey(keys[p]));
            var reference = split[first][keys[p]];
            references[p] = SparseMatrix.FromTriplets(space.Dimension, reference.Select(e => (e.Row, e.Column, e.Value)));
            for (int j = 0; j < jumps.Length; j++)
            {
                if (!split[j].TryGetValue(keys[p], out var entries)) continue;
                if (ProportionalityRatio(entries, reference) is not { } ratio) return null;
                c[j, p] = ratio;
            }
        }
        var coefficients = new Complex[keys.Length, keys.Length];
        for (int p = 0; p < keys.Length; p++)
            for (int q = 0; q < keys.Length; q++)
                for (int j = 0; j < jumps.Length; j++) coefficients[p, q] += c[j, p] * Complex.Conjugate(c[j, q]);
        var components = references.Select(m => new SectorOperator(m, sectorOf, local, layout.States)).ToArray();
        int shift = components[0].Shift;
        int[] sources = [.. layout.Blocks.Select(b => layout.BlockIndex(b.RowSector - shift, b.ColumnSector - shift))];
        return new JumpFamily(components, coefficients, sources);
    }

    /// <summary>
    /// r with part = r · reference entry by entry (same rows and columns, values within the rounding of the products),
    /// or null.
    /// </summary>
    internal static Complex? ProportionalityRatio(List<(int Row, int Column, Complex Value)> part, List<(int Row, int Column, Complex Value)> reference)
    {
        if (part.Count != reference.Count) return null;
        Complex ratio = part[0].Value / reference[0].Value;
        for (int e = 0; e < part.Count; e++)
        {
            if (part[e].Row != reference[e].Row || part[e].Column != reference[e].Column) return null;
            if ((part[e].Value - (ratio * reference[e].Value)).Magnitude > ProportionalityTolerance * part[e].Value.Magnitude) return null;
        }
        return ratio;
    }

    /// <summary>The entries of <paramref name="matrix"/> by occupation change n(r) − n(c), each list in CSR order.</summary>
    internal static Dictionary<string, List<(int Row, int Column, Complex Value)>> SplitByOccupationChange(SparseMatrix matrix, FockSpace space)
    {
        var parts = new Dictionary<string, List<(int, int, Complex)>>();
        var change = new int[space.Modes];
        for (int r = 0; r < matrix.Dimension; r++)
        {
            for (int p = matrix.RowPointers[r]; p < matrix.RowPointers[r + 1]; p++)
            {
                int col = matrix.ColumnIndices[p];
                for (int i = 0; i < change.Length; i++) change[i] = space.Occupation(r, i) - space.Occupation(col, i);
                string key = string.Join(',', change);
                if (!parts.TryGetValue(key, out var list)) parts[key] = list = [];
                list.Add((r, col, matrix.Values[p]));
            }
        }
        return parts;
    }
}
