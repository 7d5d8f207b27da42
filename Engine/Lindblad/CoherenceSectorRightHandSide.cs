using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// The working-frame Lindblad right-hand side of an excitation-conserving <see cref="LindbladProblem"/> on the
/// blocks stored by a <see cref="CoherenceSectorLayout"/>. For every stored block X = ρ_{N,N'} (N = N' + k):
/// dX/dt = G_N X + X G_{N'}† + Σ_j L_j^{(N)} ρ_{N−δ_j, N'−δ_j} L_j^{(N')†},
/// with G = −i(H_eff − H0) restricted to sector N, δ_j the excitation change of jump j and L_j^{(N)} its block from
/// sector N − δ_j to N (entries phased by e^{i(E0_r − E0_c)t} in the interaction picture, as in
/// <see cref="LindbladRightHandSide"/>). This is exactly the general right-hand side read on the stored blocks: the
/// source block of every term lies in the same coherence order. Order-0 derivative blocks are made exactly Hermitian
/// ((X + X†)/2). No allocation per evaluation; not thread-safe.
/// </summary>
internal sealed class CoherenceSectorRightHandSide
{
    private readonly LindbladProblem _problem;
    private readonly CoherenceSectorLayout _layout;
    private readonly SectorOperator _coherent;              // G without its diagonal
    private readonly Complex[] _coherentDiagonal;           // G_rr (unchanged by the frame phases)
    private readonly Complex[] _coherentDiagonalConjugate;  // conj(G_rr) in sector order (sector N at SectorStart(N))
    private readonly SectorOperator[] _jumps;               // jumps evaluated one by one
    private readonly JumpFamily[] _families;                // jumps evaluated together through their common monomials
    private readonly int[][] _jumpSources;          // [jump][stored block] → stored source block, −1 when none
    private readonly LadderJumps? _ladders;         // all jumps at once when G is diagonal and every jump is a ladder
    private readonly ShiftedTerms? _shifted;        // every term at once when every operator splits into shift components
    private readonly Complex[] _phases;
    private readonly Complex[][] _scratch;          // one per chunk of blocks
    private readonly int[] _chunkStarts;            // chunk c evaluates the stored blocks [_chunkStarts[c], _chunkStarts[c + 1])
    private readonly ChunkedWork? _work;            // the chunks on the thread pool, when there is more than one
    private double _phaseTime = double.NaN;
    private unsafe Complex* _input, _output;        // the arguments of the running Evaluate, pinned, for the chunks

    /// <summary>
    /// The right-hand side of <paramref name="problem"/> on the blocks of <paramref name="layout"/>. With
    /// <paramref name="threads"/> &gt; 1 an evaluation splits the stored blocks into that many contiguous chunks of
    /// about equal size, run on the calling thread and the thread pool (<see cref="ChunkedWork"/>); every block is
    /// computed by the same code either way, so the result does not depend on the number of threads. The blocks are
    /// computed by the first kernel that applies (<see cref="Kernel"/>); <paramref name="shiftedTerms"/> = false skips
    /// <see cref="ShiftedTerms"/> (to compare it with the sparse block code).
    /// </summary>
    public CoherenceSectorRightHandSide(LindbladProblem problem, CoherenceSectorLayout layout, int threads = 1, bool shiftedTerms = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(layout);
        if (!problem.ConservesExcitations)
            throw new ArgumentException("the model does not conserve excitations; use LindbladRightHandSide", nameof(problem));
        if (layout.Dimension != problem.Dimension)
            throw new ArgumentException($"the layout is for D = {layout.Dimension}, the problem has D = {problem.Dimension}", nameof(layout));
        _problem = problem;
        _layout = layout;
        var sectorOf = new int[problem.Dimension];
        var local = new int[problem.Dimension];
        for (int n = 0; n < layout.States.Length; n++)
            for (int i = 0; i < layout.States[n].Length; i++) (sectorOf[layout.States[n][i]], local[layout.States[n][i]]) = (n, i);
        _coherentDiagonal = new Complex[problem.Dimension];
        var generator = problem.CoherentGenerator;
        for (int r = 0; r < problem.Dimension; r++) _coherentDiagonal[r] = generator[r, r];
        var offDiagonal = generator.Add(SparseMatrix.Diagonal(_coherentDiagonal), -Complex.One);
        _coherentDiagonalConjugate = new Complex[problem.Dimension];
        for (int n = 0, k = 0; n < layout.States.Length; n++)
            foreach (int state in layout.States[n]) _coherentDiagonalConjugate[k++] = Complex.Conjugate(_coherentDiagonal[state]);
        _coherent = new SectorOperator(offDiagonal, sectorOf, local, layout.States);
        if (_coherent.Shift != 0) throw new ArgumentException("H_eff changes the excitation number", nameof(problem));
        if (offDiagonal.Values.IndexOfAnyExcept(Complex.Zero) < 0) _ladders = LadderJumps.TryCreate(problem, _coherentDiagonal, layout, sectorOf, local);
        if (_ladders is null && shiftedTerms) _shifted = ShiftedTerms.TryCreate(problem, _coherentDiagonal, offDiagonal, layout, sectorOf, local);
        var single = new List<SparseMatrix>();
        var families = new List<JumpFamily>();
        // The sparse block operators, only when no one-pass kernel applies.
        var sparse = _ladders is null && _shifted is null ? problem.Jumps.Where(j => j.NonZeroCount > 0) : [];
        foreach (var group in sparse.GroupBy(j => ShiftOf(j, sectorOf)))
        {
            var family = group.Count() > 1 ? JumpFamily.TryCreate([.. group], problem.Space, sectorOf, local, layout) : null;
            if (family is not null) families.Add(family);
            else single.AddRange(group);
        }
        _families = [.. families];
        _jumps = [.. single.Select(j => new SectorOperator(j, sectorOf, local, layout.States))];
        _jumpSources = [.. _jumps.Select(j => layout.Blocks.Select(b => layout.BlockIndex(b.RowSector - j.Shift, b.ColumnSector - j.Shift)).ToArray())];
        int components = families.Count == 0 ? 0 : families.Max(f => f.Components.Length);
        _phases = new Complex[problem.Dimension];
        int largest = Math.Max(1, layout.States.Max(s => s.Length));
        _chunkStarts = ChunkStarts(layout, Math.Max(1, Math.Min(threads, layout.Blocks.Length)));
        _scratch = [.. Enumerable.Range(0, _chunkStarts.Length - 1).Select(_ => new Complex[largest * largest * Math.Max(1, components)])];
        _work = _chunkStarts.Length > 2 ? new ChunkedWork(_chunkStarts.Length - 1, EvaluateChunk) : null;
        AsRealRightHandSide = EvaluateReal;
    }

    /// <summary>The storage this evaluator works on.</summary>
    public CoherenceSectorLayout Layout => _layout;

    /// <summary>Number of jump families evaluated through common components (see <see cref="JumpFamily"/>).</summary>
    internal int JumpFamilyCount => _families.Length;

    /// <summary>Shifted terms per entry besides the diagonal when the blocks are computed by <see cref="ShiftedTerms"/>, else 0.</summary>
    internal int ShiftedTermCount => _shifted?.Count ?? 0;

    /// <summary>The kernel that computes the blocks (see <see cref="SectorKernel"/>).</summary>
    public SectorKernel Kernel => _ladders is not null ? SectorKernel.Ladders : _shifted is not null ? SectorKernel.ShiftedTerms : SectorKernel.SparseBlocks;

    /// <summary>Number of chunks of blocks an evaluation is split into (the threads it can use).</summary>
    public int Threads => _chunkStarts.Length - 1;

    /// <summary>Number of evaluations since construction.</summary>
    public long Evaluations { get; private set; }

    /// <summary>This evaluator as an integrator right-hand side over the interleaved (re, im) view of the stored blocks.</summary>
    public RightHandSide AsRealRightHandSide { get; }

    /// <summary>Writes the stored blocks of dρ_I/dt at time <paramref name="t"/> from the stored blocks of ρ_I.</summary>
    public void Evaluate(double t, ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        if (rho.Length != _layout.Length) throw new ArgumentException($"expected {_layout.Length} stored entries, got {rho.Length}", nameof(rho));
        if (derivative.Length != _layout.Length) throw new ArgumentException($"expected {_layout.Length} stored entries, got {derivative.Length}", nameof(derivative));
        Evaluations++;
        UpdatePhases(t);
        if (_work is null)
        {
            EvaluateBlocks(0, rho, derivative);
            return;
        }
        unsafe
        {
            fixed (Complex* input = rho, output = derivative)
            {
                _input = input;
                _output = output;
                try
                {
                    _work.Run();
                }
                finally
                {
                    _input = null;
                    _output = null;
                }
            }
        }
    }

    private unsafe void EvaluateChunk(int chunk) =>
        EvaluateBlocks(chunk, new ReadOnlySpan<Complex>(_input, _layout.Length), new Span<Complex>(_output, _layout.Length));

    /// <summary>The stored blocks of one chunk, with that chunk's scratch.</summary>
    private void EvaluateBlocks(int chunk, ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        var blocks = _layout.Blocks;
        for (int b = _chunkStarts[chunk]; b < _chunkStarts[chunk + 1]; b++)
        {
            var block = blocks[b];
            EvaluateBlock(b, block, rho, derivative, _scratch[chunk]);
            // The ladder kernel's order-0 blocks are Hermitian by construction (see LadderJumps).
            if (block.RowSector == block.ColumnSector && _ladders is null) MakeHermitian(derivative.Slice(block.Offset, block.Rows * block.Rows), block.Rows);
        }
    }

    /// <summary>Boundaries of <paramref name="chunks"/> contiguous runs of stored blocks with about equal numbers of entries.</summary>
    private static int[] ChunkStarts(CoherenceSectorLayout layout, int chunks)
    {
        var starts = new List<int> { 0 };
        long done = 0;
        for (int b = 0; b < layout.Blocks.Length && starts.Count < chunks; b++)
        {
            done += (long)layout.Blocks[b].Rows * layout.Blocks[b].Columns;
            if (done * chunks >= (long)starts.Count * layout.Length) starts.Add(b + 1);
        }
        starts.Add(layout.Blocks.Length);
        return [.. starts];
    }

    /// <summary>
    /// ‖dρ/dt‖_F in the lab frame (see <see cref="LindbladRightHandSide.LabFrameDerivativeNorm"/>) from the stored
    /// blocks: order-k &gt; 0 blocks count twice (they stand for their conjugate transposes too).
    /// </summary>
    public double LabFrameDerivativeNorm(ReadOnlySpan<Complex> rho, ReadOnlySpan<Complex> derivative)
    {
        var energies = _problem.FrameEnergies;
        double sum = 0;
        foreach (var block in _layout.Blocks)
        {
            int[] rows = _layout.States[block.RowSector], columns = _layout.States[block.ColumnSector];
            double weight = block.RowSector == block.ColumnSector ? 1 : 2;
            for (int i = 0; i < rows.Length; i++)
            {
                for (int j = 0; j < columns.Length; j++)
                {
                    int k = block.Offset + (i * columns.Length) + j;
                    Complex value = derivative[k] - (Complex.ImaginaryOne * (energies[rows[i]] - energies[columns[j]]) * rho[k]);
                    sum += weight * ((value.Real * value.Real) + (value.Imaginary * value.Imaginary));
                }
            }
        }
        return Math.Sqrt(sum);
    }

    /// <summary>
    /// One stored block of the derivative. Every index below was derived from the layout at construction (local columns
    /// of sector N − δ, runs inside sector N'), so the loops run on references without bounds checks.
    /// </summary>
    private void EvaluateBlock(int b, StoredBlock block, ReadOnlySpan<Complex> rho, Span<Complex> derivative, Complex[] scratchArray)
    {
        if (_ladders is not null)
        {
            _ladders.EvaluateBlock(b, block, _layout, rho, derivative);
            return;
        }
        if (_shifted is not null)
        {
            _shifted.EvaluateBlock(b, block, rho, derivative);
            return;
        }
        int[] rows = _layout.States[block.RowSector];
        int m = block.Rows, w = block.Columns;
        ref Complex x = ref MemoryMarshal.GetReference(rho.Slice(block.Offset, m * w));
        ref Complex y = ref MemoryMarshal.GetReference(derivative.Slice(block.Offset, m * w));

        // (diag G)_r X_rc + X_rc conj((diag G)_c): the diagonal of G carries no frame phase.
        ref Complex right = ref _coherentDiagonalConjugate[_layout.SectorStart(block.ColumnSector)];
        for (int i = 0; i < m; i++)
            ShiftedProduct(_coherentDiagonal[rows[i]], ref right, ref Unsafe.Add(ref x, i * w), ref Unsafe.Add(ref y, i * w), w);
        _coherent.AddBlockProduct(rows, ref x, w, ref y, w);
        _coherent.AddBlockTimesAdjoint(ref x, w, m, block.ColumnSector, _layout.States[block.ColumnSector], ref y, w);

        ref Complex scratch = ref MemoryMarshal.GetArrayDataReference(scratchArray);
        foreach (var family in _families)
        {
            int source = family.Sources[b];
            if (source < 0) continue;
            var from = _layout.Blocks[source];
            ref Complex xs = ref MemoryMarshal.GetReference(rho.Slice(from.Offset, from.Rows * from.Columns));
            var components = family.Components;
            // U_q = X⁺ M_q^{(N')†} (source rows × w), then Y += Σ_pq C_pq M_p^{(N)} U_q.
            int size = from.Rows * w;
            scratchArray.AsSpan(0, components.Length * size).Clear();
            for (int q = 0; q < components.Length; q++)
                components[q].AddBlockTimesAdjoint(ref xs, from.Columns, from.Rows, block.ColumnSector, _layout.States[block.ColumnSector], ref Unsafe.Add(ref scratch, q * size), w);
            for (int p = 0; p < components.Length; p++)
                for (int q = 0; q < components.Length; q++)
                    if (family.Coefficients[p, q] != Complex.Zero)
                        components[p].AddBlockProduct(rows, ref Unsafe.Add(ref scratch, q * size), w, ref y, w, family.Coefficients[p, q]);
        }
        for (int j = 0; j < _jumps.Length; j++)
        {
            int source = _jumpSources[j][b];
            if (source < 0) continue;
            var jump = _jumps[j];
            var from = _layout.Blocks[source];
            int ws = from.Columns;
            scratchArray.AsSpan(0, m * ws).Clear();
            jump.AddBlockProduct(rows, ref MemoryMarshal.GetReference(rho.Slice(from.Offset, from.Rows * ws)), ws, ref scratch, ws);
            jump.AddBlockTimesAdjoint(ref scratch, ws, m, block.ColumnSector, _layout.States[block.ColumnSector], ref y, w, rows);
        }
    }

    /// <summary>y[0..n) = (a + b[0..n)) · x[0..n) (complex, elementwise).</summary>
    private static void ShiftedProduct(Complex a, ref Complex b, ref Complex x, ref Complex y, int n)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double br = ref Unsafe.As<Complex, double>(ref b);
            ref double xr = ref Unsafe.As<Complex, double>(ref x);
            ref double yr = ref Unsafe.As<Complex, double>(ref y);
            var shift = Vector256.Create(a.Real, a.Imaginary, a.Real, a.Imaginary);
            var sign = Vector256.Create(-1.0, 1.0, -1.0, 1.0);
            int end = (n * 2) & ~3;
            for (int i = 0; i < end; i += 4)
            {
                var f = shift + Vector256.LoadUnsafe(ref br, (nuint)i);
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
                // (fr + i fi)(xr + i xi) = (fr xr − fi xi) + i(fr xi + fi xr)
                var product = Vector256.Shuffle(f, Vector256.Create(0L, 0L, 2L, 2L)) * xv;
                product = Vector256.FusedMultiplyAdd(Vector256.Shuffle(f, Vector256.Create(1L, 1L, 3L, 3L)) * sign, Vector256.Shuffle(xv, Vector256.Create(1L, 0L, 3L, 2L)), product);
                product.StoreUnsafe(ref yr, (nuint)i);
            }
            k = end / 2;
        }
        for (; k < n; k++)
        {
            Complex factor = a + Unsafe.Add(ref b, k), xv = Unsafe.Add(ref x, k);
            Unsafe.Add(ref y, k) = new Complex(
                (factor.Real * xv.Real) - (factor.Imaginary * xv.Imaginary),
                (factor.Real * xv.Imaginary) + (factor.Imaginary * xv.Real));
        }
    }

    /// <summary>X ← (X + X†)/2 for a square row-major block (the order-0 derivative of a Hermitian ρ is Hermitian).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MakeHermitian(Span<Complex> block, int n)
    {
        ref Complex x = ref MemoryMarshal.GetReference(block);
        for (int i = 0; i < n; i++)
        {
            ref Complex diagonal = ref Unsafe.Add(ref x, (i * n) + i);
            diagonal = diagonal.Real;
            for (int j = i + 1; j < n; j++)
            {
                ref Complex upper = ref Unsafe.Add(ref x, (i * n) + j);
                ref Complex lower = ref Unsafe.Add(ref x, (j * n) + i);
                double re = 0.5 * (upper.Real + lower.Real), im = 0.5 * (upper.Imaginary - lower.Imaginary);
                upper = new Complex(re, im);
                lower = new Complex(re, -im);
            }
        }
    }

    private void EvaluateReal(double t, ReadOnlySpan<double> y, Span<double> dydt) =>
        Evaluate(t, MemoryMarshal.Cast<double, Complex>(y), MemoryMarshal.Cast<double, Complex>(dydt));

    private void UpdatePhases(double t)
    {
        _shifted?.SetTime(t);
        if (!_problem.UsesInteractionPicture || t == _phaseTime || _ladders is not null || _shifted is not null) return;
        InteractionFrame.ComputePhases(_problem.FrameEnergies, t, _phases);
        _coherent.Apply(_phases);
        foreach (var jump in _jumps) jump.Apply(_phases);
        foreach (var family in _families)
            foreach (var component in family.Components) component.Apply(_phases);
        _phaseTime = t;
    }

    /// <summary>Row sector − column sector of the entries of a jump (the constructor of <see cref="SectorOperator"/> checks it is one value).</summary>
    internal static int ShiftOf(SparseMatrix jump, int[] sectorOf)
    {
        for (int r = 0; r < jump.Dimension; r++)
            if (jump.RowPointers[r] < jump.RowPointers[r + 1]) return sectorOf[r] - sectorOf[jump.ColumnIndices[jump.RowPointers[r]]];
        return 0;
    }
}

/// <summary>How a <see cref="CoherenceSectorRightHandSide"/> computes its blocks (the first that applies, in this order).</summary>
public enum SectorKernel
{
    /// <summary><see cref="LadderJumps"/>: G real diagonal and every jump a single-mode ladder (normal modes, uncoupled modes).</summary>
    Ladders,

    /// <summary><see cref="ShiftedTerms"/>: every operator splits into shift components (passive quadratic models in the local modes).</summary>
    ShiftedTerms,

    /// <summary>Sparse products block by block (Kerr frame energies, jumps whose parts have different phases, …).</summary>
    SparseBlocks,
}
