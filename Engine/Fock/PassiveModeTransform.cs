using System.Numerics;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Fock;

/// <summary>
/// The Fock-space matrix T of the passive unitary taking local modes a_i to normal modes b_k = Σ_i conj(W_ik) a_i
/// (W unitary d×d, a_i = Σ_k W_ik b_k, see <see cref="NormalModeModel"/>): column n of T is the normal-mode Fock state
/// |n⟩_b = Π_k (b_k†)^{n_k}/√(n_k!) |0⟩, b_k† = Σ_i W_ik a_i†, written in the local Fock basis.
/// <para>
/// The passive unitary conserves the total excitation number, so on a total-excitation truncation (Σ n_i ≤ K, an
/// invariant space) T is exactly unitary and block diagonal by sector, T = ⊕_N T_N, and every truncated operator
/// transforms covariantly: T† (a_i)_trunc T = Σ_k W_ik (b_k)_trunc, with (b_k)_trunc the usual truncated ladder matrix of
/// mode k. A matrix X written in the normal-mode basis is T X T† in the local one, and ρ_b = T† ρ T.
/// </para>
/// <para>
/// T_N is built column by column from T_{N−1}: T|n⟩ = (1/√n_k) B_k† T|n − e_k⟩ with k the first mode with n_k &gt; 0,
/// applying the truncated creation operators (<see cref="FockOperators.Creation"/>) of sector N − 1; the cost is
/// d·|N|² per sector. Immutable; the transforms take a caller-owned workspace of <see cref="WorkspaceLength"/> entries.
/// </para>
/// </summary>
public sealed class PassiveModeTransform
{
    /// <summary>Largest |(W†W − 1)_kl| accepted for W (its columns come from a Hermitian eigensolver).</summary>
    public const double UnitarityTolerance = 1e-10;

    private readonly Complex[][] _blocks;          // T_N, row-major |N|×|N|
    private readonly Complex[][] _adjointBlocks;   // T_N†, row-major
    private readonly int[] _sectorStarts;          // first basis index of sector N (contiguous ranges)

    private PassiveModeTransform(FockSpace space, Complex[][] blocks)
    {
        Space = space;
        _blocks = blocks;
        _adjointBlocks = [.. blocks.Select((t, n) => Adjoint(t, space.Sectors[n].Length))];
        _sectorStarts = [.. space.Sectors.Select(s => s.IsEmpty ? 0 : s[0])];
        LargestSector = space.Sectors.Max(s => s.Length);
    }

    /// <summary>The truncated space (total-excitation truncation).</summary>
    public FockSpace Space { get; }

    /// <summary>The size of the largest sector, max_N |N|.</summary>
    public int LargestSector { get; }

    /// <summary>Entries of the workspace the transforms need: 3 · (max_N |N|)².</summary>
    public int WorkspaceLength => 3 * LargestSector * LargestSector;

    /// <summary>T_N (row-major |N|×|N|; rows and columns in the order of <see cref="FockSpace.Sectors"/>[N]).</summary>
    public ReadOnlySpan<Complex> Block(int sector) => _blocks[sector];

    /// <summary>T for the normal modes given by the columns of <paramref name="modes"/> (W, unitary d×d) on <paramref name="space"/>.</summary>
    public static PassiveModeTransform Build(FockSpace space, Complex[,] modes)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(modes);
        int d = space.Modes;
        if (!space.IsTotalExcitationTruncated)
            throw new ArgumentException("the normal-mode transform needs a total-excitation truncation (the only one the passive unitary leaves invariant)", nameof(space));
        if (modes.GetLength(0) != d || modes.GetLength(1) != d)
            throw new ArgumentException($"expected a {d}×{d} mode matrix, got {modes.GetLength(0)}×{modes.GetLength(1)}", nameof(modes));
        if (UnitarityDefect(modes) is var defect && defect > UnitarityTolerance)
            throw new ArgumentException($"the mode matrix is not unitary (largest |(W†W − 1)_kl| = {defect:G3})", nameof(modes));

        var creators = Enumerable.Range(0, d).Select(i => FockOperators.Creation(space, i)).ToArray();
        var blocks = new Complex[space.MaxTotalExcitations + 1][];
        blocks[0] = [Complex.One];
        var occupations = new int[d];
        for (int n = 1; n < blocks.Length; n++)
        {
            int start = space.Sectors[n][0], size = space.Sectors[n].Length;
            int previousStart = space.Sectors[n - 1][0], previousSize = space.Sectors[n - 1].Length;
            var (sources, amplitudes) = Raising(creators, start, size, previousStart);
            var previous = blocks[n - 1];
            var block = new Complex[size * size];
            for (int column = 0; column < size; column++)
            {
                space.Occupations(start + column).CopyTo(occupations);
                int k = Array.FindIndex(occupations, x => x > 0);
                double scale = 1 / Math.Sqrt(occupations[k]);
                occupations[k]--;
                int parent = space.IndexOf(occupations) - previousStart;
                for (int row = 0; row < size; row++)
                {
                    Complex sum = 0;
                    for (int i = 0; i < d; i++)
                    {
                        int source = sources[(row * d) + i];
                        if (source >= 0) sum += modes[i, k] * amplitudes[(row * d) + i] * previous[(source * previousSize) + parent];
                    }
                    block[(row * size) + column] = scale * sum;
                }
            }
            blocks[n] = block;
        }
        return new PassiveModeTransform(space, blocks);
    }

    /// <summary>local ← T_N X T_{N'}† for the block X = <paramref name="normal"/> (row-major |N|×|N'|) of sectors (N, N').</summary>
    public void ToLocalModes(int rowSector, int columnSector, ReadOnlySpan<Complex> normal, Span<Complex> local, Span<Complex> workspace) =>
        Sandwich(_blocks[rowSector], _adjointBlocks[columnSector], rowSector, columnSector, normal, local, workspace);

    /// <summary>normal ← T_N† Y T_{N'} for the block Y = <paramref name="local"/> (row-major |N|×|N'|) of sectors (N, N').</summary>
    public void ToNormalModes(int rowSector, int columnSector, ReadOnlySpan<Complex> local, Span<Complex> normal, Span<Complex> workspace) =>
        Sandwich(_adjointBlocks[rowSector], _blocks[columnSector], rowSector, columnSector, local, normal, workspace);

    /// <summary>local ← T X T† for a whole row-major D×D matrix X = <paramref name="normal"/>, block by block.</summary>
    public void ToLocalModes(ReadOnlySpan<Complex> normal, Span<Complex> local, Span<Complex> workspace) =>
        TransformWhole(normal, local, workspace, toLocal: true);

    /// <summary>normal ← T† Y T for a whole row-major D×D matrix Y = <paramref name="local"/>, block by block.</summary>
    public void ToNormalModes(ReadOnlySpan<Complex> local, Span<Complex> normal, Span<Complex> workspace) =>
        TransformWhole(local, normal, workspace, toLocal: false);

    /// <summary>
    /// destination ← left · X · right for one block, with left |N|×|N|, right |N'|×|N'|; the first product goes to the
    /// workspace, so source and destination may be the same span.
    /// </summary>
    private void Sandwich(Complex[] left, Complex[] right, int rowSector, int columnSector, ReadOnlySpan<Complex> source, Span<Complex> destination, Span<Complex> workspace)
    {
        int rows = Space.Sectors[rowSector].Length, columns = Space.Sectors[columnSector].Length;
        if (source.Length != rows * columns || destination.Length != rows * columns)
            throw new ArgumentException($"block ({rowSector}, {columnSector}) has {rows * columns} entries, got {source.Length} and {destination.Length}", nameof(source));
        if (workspace.Length < rows * columns) throw new ArgumentException($"need a workspace of {rows * columns} entries, got {workspace.Length}", nameof(workspace));
        var product = workspace[..(rows * columns)];
        ComplexMatrixProduct.Multiply(left, source, product, rows, rows, columns);
        ComplexMatrixProduct.Multiply(product, right, destination, rows, columns, columns);
    }

    private void TransformWhole(ReadOnlySpan<Complex> source, Span<Complex> destination, Span<Complex> workspace, bool toLocal)
    {
        int dimension = Space.Dimension, largest = LargestSector * LargestSector;
        if (source.Length != dimension * dimension) throw new ArgumentException($"expected a {dimension}×{dimension} matrix, got {source.Length} entries", nameof(source));
        if (destination.Length != dimension * dimension) throw new ArgumentException($"expected a {dimension}×{dimension} matrix, got {destination.Length} entries", nameof(destination));
        if (workspace.Length < WorkspaceLength) throw new ArgumentException($"need a workspace of {WorkspaceLength} entries, got {workspace.Length}", nameof(workspace));
        var input = workspace[..largest];
        var output = workspace.Slice(largest, largest);
        var scratch = workspace.Slice(2 * largest, largest);
        for (int n = 0; n < _blocks.Length; n++)
        {
            for (int m = 0; m < _blocks.Length; m++)
            {
                int rows = Space.Sectors[n].Length, columns = Space.Sectors[m].Length, size = rows * columns;
                for (int r = 0; r < rows; r++)
                    source.Slice(((_sectorStarts[n] + r) * dimension) + _sectorStarts[m], columns).CopyTo(input.Slice(r * columns, columns));
                if (toLocal) ToLocalModes(n, m, input[..size], output[..size], scratch);
                else ToNormalModes(n, m, input[..size], output[..size], scratch);
                for (int r = 0; r < rows; r++)
                    output.Slice(r * columns, columns).CopyTo(destination.Slice(((_sectorStarts[n] + r) * dimension) + _sectorStarts[m], columns));
            }
        }
    }

    /// <summary>
    /// For each row of sector N (start <paramref name="start"/>, <paramref name="size"/> states) and mode i: the position in
    /// sector N − 1 of the state that a_i† raises to it (−1 when none) and the amplitude √n_i, read from the truncated
    /// creation matrices (each row of a_i† has at most one entry).
    /// </summary>
    private static (int[] Sources, double[] Amplitudes) Raising(SparseMatrix[] creators, int start, int size, int previousStart)
    {
        int d = creators.Length;
        var sources = new int[size * d];
        var amplitudes = new double[size * d];
        Array.Fill(sources, -1);
        for (int row = 0; row < size; row++)
        {
            for (int i = 0; i < d; i++)
            {
                var creator = creators[i];
                int p = creator.RowPointers[start + row];
                if (p == creator.RowPointers[start + row + 1]) continue;
                sources[(row * d) + i] = creator.ColumnIndices[p] - previousStart;
                amplitudes[(row * d) + i] = creator.Values[p].Real;
            }
        }
        return (sources, amplitudes);
    }

    private static Complex[] Adjoint(Complex[] block, int size)
    {
        var adjoint = new Complex[size * size];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++) adjoint[(c * size) + r] = Complex.Conjugate(block[(r * size) + c]);
        return adjoint;
    }

    /// <summary>max_kl |(W†W − 1)_kl|.</summary>
    private static double UnitarityDefect(Complex[,] w)
    {
        int d = w.GetLength(0);
        double worst = 0;
        for (int k = 0; k < d; k++)
        {
            for (int l = 0; l < d; l++)
            {
                Complex sum = 0;
                for (int i = 0; i < d; i++) sum += Complex.Conjugate(w[i, k]) * w[i, l];
                worst = Math.Max(worst, (sum - (k == l ? 1 : 0)).Magnitude);
            }
        }
        return worst;
    }
}
