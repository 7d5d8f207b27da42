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
    private readonly Complex[] _phases;
    private readonly Complex[] _scratchRow;
    private double _phaseTime = double.NaN;

    internal LindbladRightHandSide(LindbladProblem problem)
    {
        _problem = problem;
        _dimension = problem.Dimension;
        _coherent = new PhasedOperator(problem.CoherentGenerator);
        _jumps = [.. problem.Jumps.Select(j => new PhasedOperator(j))];
        _phases = new Complex[_dimension];
        _scratchRow = new Complex[_dimension];
        AsRealRightHandSide = EvaluateReal;
    }

    /// <summary>The problem this evaluator belongs to.</summary>
    public LindbladProblem Problem => _problem;

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
        MirrorUpperTriangle(derivative, d);
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
        _coherent.Apply(_phases);
        foreach (var jump in _jumps) jump.Apply(_phases);
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
}
