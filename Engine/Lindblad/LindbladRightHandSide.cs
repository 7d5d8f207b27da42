using System.Numerics;
using System.Runtime.InteropServices;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// Evaluates the working-frame right-hand side of a <see cref="LindbladProblem"/> on a row-major Hermitian D×D
/// density matrix, without allocating:
/// dρ_I/dt = G(t) ρ_I + ρ_I G(t)† + Σ_k L_k(t) ρ_I L_k(t)†, with G = −i(H_eff − H0) and every operator entry (r, c)
/// multiplied by e^{i(E0_r − E0_c)t} (no phases and H0 = 0 when the frame is off). The phased values are recomputed in
/// O(nnz) when t changes. ρ is assumed Hermitian (as every density matrix and every integrator stage built from
/// one is): only the upper triangle is computed, row by row, and mirrored, so dρ/dt is exactly Hermitian.
/// Not thread-safe: one instance per evolution.
/// </summary>
public sealed class LindbladRightHandSide
{
    private readonly LindbladProblem _problem;
    private readonly int _dimension;
    private readonly PhasedOperator _coherent;
    private readonly PhasedOperator[] _jumps;
    private readonly PhasedDiagonals? _coherentDiagonals;     // the same operators by diagonals, when they have few
    private readonly PhasedDiagonals[]? _jumpDiagonals;
    private readonly Complex[] _phases;
    private readonly Complex[] _scratchRow;
    private double _phaseTime = double.NaN;

    internal LindbladRightHandSide(LindbladProblem problem, bool allowDiagonalStorage = true)
    {
        _problem = problem;
        _dimension = problem.Dimension;
        _coherent = new PhasedOperator(problem.CoherentGenerator);
        _jumps = [.. problem.Jumps.Select(j => new PhasedOperator(j))];
        var coherentDiagonals = PhasedDiagonals.TryCreate(problem.CoherentGenerator);
        var jumpDiagonals = problem.Jumps.Select(PhasedDiagonals.TryCreate).ToArray();
        if (allowDiagonalStorage && coherentDiagonals is not null && jumpDiagonals.All(j => j is not null))
        {
            _coherentDiagonals = coherentDiagonals;
            _jumpDiagonals = jumpDiagonals!;
        }
        _phases = new Complex[_dimension];
        _scratchRow = new Complex[_dimension];
        AsRealRightHandSide = EvaluateReal;
    }

    /// <summary>The problem this evaluator belongs to.</summary>
    public LindbladProblem Problem => _problem;

    /// <summary>True when the operators are stored by diagonals (few distinct offsets, e.g. per-mode truncation).</summary>
    internal bool UsesDiagonalStorage => _coherentDiagonals is not null;

    /// <summary>Number of evaluations since construction.</summary>
    public long Evaluations { get; private set; }

    /// <summary>This evaluator as an integrator right-hand side over the interleaved (re, im) view of ρ.</summary>
    public RightHandSide AsRealRightHandSide { get; }

    /// <summary>Writes dρ_I/dt at time <paramref name="t"/> for the working-frame ρ_I (both row-major D×D).</summary>
    public void Evaluate(double t, ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        int d = _dimension;
        if (rho.Length != d * d) throw new ArgumentException($"expected a {d}×{d} density matrix, got {rho.Length} entries", nameof(rho));
        if (derivative.Length != d * d) throw new ArgumentException($"expected {d * d} entries, got {derivative.Length}", nameof(derivative));
        Evaluations++;
        UpdatePhases(t);
        if (_coherentDiagonals is not null) EvaluateByDiagonals(rho, derivative);
        else EvaluateByRows(rho, derivative);
        MirrorUpperTriangle(derivative, d);
    }

    /// <summary>Upper triangle of the derivative from the CSR operators (any basis ordering).</summary>
    private void EvaluateByRows(ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        int d = _dimension;
        var coherent = _coherent;
        for (int r = 0; r < d; r++)
        {
            var output = derivative.Slice((r * d) + r, d - r);      // columns c ≥ r of row r
            var rhoRow = rho.Slice(r * d, d);
            output.Clear();
            // (G ρ)(r, c) and (ρ G†)(r, c)
            ComplexRowKernels.AddOperatorTimesMatrixRow(coherent.RowPointers, coherent.Columns, coherent.Current, r, rho, d, r, output);
            ComplexRowKernels.AddRowTimesAdjoint(rhoRow, coherent.RowPointers, coherent.Columns, coherent.Current, r, output);
            // (L ρ L†)(r, c) = Σ_m (L ρ)(r, m) conj(L(c, m))
            foreach (var jump in _jumps)
            {
                int first = jump.FirstColumnFromRow[r];
                if (first >= d) continue;
                var window = _scratchRow.AsSpan(first, d - first);
                window.Clear();
                ComplexRowKernels.AddOperatorTimesMatrixRow(jump.RowPointers, jump.Columns, jump.Current, r, rho, d, first, window);
                ComplexRowKernels.AddRowTimesAdjoint(_scratchRow, jump.RowPointers, jump.Columns, jump.Current, r, output);
            }
            output[0] = output[0].Real;     // the diagonal of a Hermitian derivative is real
        }
    }

    /// <summary>
    /// Upper triangle of the derivative from operators stored by diagonals (A(r, r + o) at index r): every product is
    /// a vectorised axpy (A ρ) or an elementwise product with a conjugated diagonal (ρ A†) on contiguous row windows.
    /// </summary>
    private void EvaluateByDiagonals(ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        int d = _dimension;
        var coherent = _coherentDiagonals!;
        for (int r = 0; r < d; r++)
        {
            var output = derivative.Slice((r * d) + r, d - r);
            var rhoRow = rho.Slice(r * d, d);
            output.Clear();
            coherent.AddLeftProductRow(r, rho, d, r, output);
            coherent.AddRowTimesAdjoint(rhoRow, r, output);
            foreach (var jump in _jumpDiagonals!)
            {
                if (jump.Offsets.Length == 1)
                {
                    jump.AddSandwichRow(rho, r, output);
                    continue;
                }
                int first = Math.Max(0, r + jump.MinOffset);
                if (first >= d) continue;
                var window = _scratchRow.AsSpan(first, d - first);
                window.Clear();
                jump.AddLeftProductRow(r, rho, d, first, window);
                jump.AddRowTimesAdjoint(_scratchRow, r, output);
            }
            output[0] = output[0].Real;
        }
    }

    /// <summary>
    /// ‖dρ/dt‖_F in the lab frame from the working-frame state and derivative at time t: the Frobenius norm is
    /// unitarily invariant, so it equals ‖dρ_I/dt − i[H0, ρ_I]‖_F, entry (r, c): dρ_I(r, c) − i(E0_r − E0_c) ρ_I(r, c).
    /// </summary>
    public double LabFrameDerivativeNorm(ReadOnlySpan<Complex> rho, ReadOnlySpan<Complex> derivative)
    {
        int d = _dimension;
        var energies = _problem.FrameEnergies;
        double sum = 0;
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                int k = (r * d) + c;
                Complex value = derivative[k] - (Complex.ImaginaryOne * (energies[r] - energies[c]) * rho[k]);
                sum += (value.Real * value.Real) + (value.Imaginary * value.Imaginary);
            }
        }
        return Math.Sqrt(sum);
    }

    private void EvaluateReal(double t, ReadOnlySpan<double> y, Span<double> dydt) =>
        Evaluate(t, MemoryMarshal.Cast<double, Complex>(y), MemoryMarshal.Cast<double, Complex>(dydt));

    private void UpdatePhases(double t)
    {
        if (!_problem.UsesInteractionPicture || t == _phaseTime) return;
        InteractionFrame.ComputePhases(_problem.FrameEnergies, t, _phases);
        if (_coherentDiagonals is not null)
        {
            _coherentDiagonals.Apply(_phases);
            foreach (var jump in _jumpDiagonals!) jump.Apply(_phases);
        }
        else
        {
            _coherent.Apply(_phases);
            foreach (var jump in _jumps) jump.Apply(_phases);
        }
        _phaseTime = t;
    }

    private static void MirrorUpperTriangle(Span<Complex> matrix, int d)
    {
        const int Tile = 32;      // cache-sized tiles for the transposed writes
        for (int r0 = 0; r0 < d; r0 += Tile)
        {
            int r1 = Math.Min(r0 + Tile, d);
            for (int c0 = r0; c0 < d; c0 += Tile)
            {
                int c1 = Math.Min(c0 + Tile, d);
                for (int r = r0; r < r1; r++)
                    for (int c = Math.Max(c0, r + 1); c < c1; c++)
                        matrix[(c * d) + r] = Complex.Conjugate(matrix[(r * d) + c]);
            }
        }
    }

    /// <summary>A CSR operator whose values are re-phased in place: Current[p] = Base[p] φ_r conj(φ_c).</summary>
    private sealed class PhasedOperator
    {
        private readonly Complex[] _base;

        public PhasedOperator(SparseMatrix matrix)
        {
            RowPointers = matrix.RowPointers.ToArray();
            Columns = matrix.ColumnIndices.ToArray();
            _base = matrix.Values.ToArray();
            Current = (Complex[])_base.Clone();
            int d = matrix.Dimension;
            // FirstColumnFromRow[r] = smallest column stored in any row c ≥ r (d when none): the part of the row
            // (L ρ)(r, ·) that the upper-triangle product needs.
            FirstColumnFromRow = new int[d + 1];
            FirstColumnFromRow[d] = d;
            for (int r = d - 1; r >= 0; r--)
            {
                int first = RowPointers[r] < RowPointers[r + 1] ? Columns[RowPointers[r]] : d;
                FirstColumnFromRow[r] = Math.Min(first, FirstColumnFromRow[r + 1]);
            }
        }

        public int[] RowPointers { get; }

        public int[] Columns { get; }

        public Complex[] Current { get; }

        public int[] FirstColumnFromRow { get; }

        public void Apply(ReadOnlySpan<Complex> phases)
        {
            for (int r = 0; r < RowPointers.Length - 1; r++)
            {
                Complex left = phases[r];
                for (int p = RowPointers[r]; p < RowPointers[r + 1]; p++)
                    Current[p] = _base[p] * left * Complex.Conjugate(phases[Columns[p]]);
            }
        }
    }

    /// <summary>
    /// An operator stored by diagonals: Current[k][r] = A(r, r + Offsets[k]) φ_r conj(φ_{r+o}) (zero outside the
    /// matrix). Per-mode Fock operators of monomials are single diagonals in the mixed-radix basis, so a model has few.
    /// </summary>
    private sealed class PhasedDiagonals
    {
        private const int MaxDiagonals = 32;
        private readonly Complex[][] _base;

        private PhasedDiagonals(int[] offsets, Complex[][] values)
        {
            Offsets = offsets;
            _base = values;
            Current = [.. values.Select(v => (Complex[])v.Clone())];
            MinOffset = offsets.Length == 0 ? 0 : offsets.Min();
        }

        public int[] Offsets { get; }

        public Complex[][] Current { get; }

        public int MinOffset { get; }

        public static PhasedDiagonals? TryCreate(SparseMatrix matrix)
        {
            int d = matrix.Dimension;
            var byOffset = new SortedDictionary<int, Complex[]>();
            for (int r = 0; r < d; r++)
            {
                for (int p = matrix.RowPointers[r]; p < matrix.RowPointers[r + 1]; p++)
                {
                    int offset = matrix.ColumnIndices[p] - r;
                    if (!byOffset.TryGetValue(offset, out var diagonal))
                    {
                        if (byOffset.Count == MaxDiagonals) return null;
                        byOffset[offset] = diagonal = new Complex[d];
                    }
                    diagonal[r] = matrix.Values[p];
                }
            }
            return new PhasedDiagonals([.. byOffset.Keys], [.. byOffset.Values]);
        }

        /// <summary>y += (A ρ)(r, [first, first + y.Length)) = Σ_o A(r, r + o) ρ(r + o, window).</summary>
        public void AddLeftProductRow(int r, ReadOnlySpan<Complex> rho, int d, int first, Span<Complex> y)
        {
            for (int k = 0; k < Offsets.Length; k++)
            {
                int source = r + Offsets[k];
                Complex value = Current[k][r];
                if ((uint)source < (uint)d && value != Complex.Zero)
                    ComplexSpan.Axpy(value, rho.Slice((source * d) + first, y.Length), y);
            }
        }

        /// <summary>y[c − r] += Σ_o x[c + o] conj(A(c, c + o)) for c ≥ r: row r of X A† for the row x of X.</summary>
        public void AddRowTimesAdjoint(ReadOnlySpan<Complex> x, int r, Span<Complex> y)
        {
            int d = x.Length;
            for (int k = 0; k < Offsets.Length; k++)
            {
                int o = Offsets[k];
                int c0 = Math.Max(r, -o), c1 = Math.Min(d, d - o);
                if (c1 <= c0) continue;
                ComplexRowKernels.AddConjugateProduct(x.Slice(c0 + o, c1 - c0), Current[k].AsSpan(c0, c1 - c0), y.Slice(c0 - r, c1 - c0));
            }
        }

        /// <summary>
        /// y[c − r] += (A ρ A†)(r, c) for c ≥ r, for an operator with one diagonal o:
        /// A(r, r + o) ρ(r + o, c + o) conj(A(c, c + o)), in one pass.
        /// </summary>
        public void AddSandwichRow(ReadOnlySpan<Complex> rho, int r, Span<Complex> y)
        {
            int d = y.Length + r, o = Offsets[0];
            Complex left = (uint)(r + o) < (uint)d ? Current[0][r] : Complex.Zero;
            int c0 = Math.Max(r, -o), c1 = Math.Min(d, d - o);
            if (left == Complex.Zero || c1 <= c0) return;
            ComplexRowKernels.AddScaledConjugateProduct(left, rho.Slice(((r + o) * d) + c0 + o, c1 - c0), Current[0].AsSpan(c0, c1 - c0), y.Slice(c0 - r, c1 - c0));
        }

        public void Apply(ReadOnlySpan<Complex> phases)
        {
            int d = phases.Length;
            for (int k = 0; k < Offsets.Length; k++)
            {
                int o = Offsets[k];
                var source = _base[k];
                var target = Current[k];
                for (int r = Math.Max(0, -o); r < Math.Min(d, d - o); r++)
                    target[r] = source[r] * phases[r] * Complex.Conjugate(phases[r + o]);
            }
        }
    }
}
