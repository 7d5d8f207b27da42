using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// An operator O seen in the interaction picture of a Fock-diagonal H0 = diag(E0):
/// O_I(t) = e^{iH0 t} O e^{−iH0 t}, whose entry (r, c) is O_rc e^{i(E0_r − E0_c)t}. Two ways to get the phases:
/// <list type="bullet">
/// <item>E0 = ω·n (<see cref="TrajectoryFrame.NumberTerms"/>): the phase depends only on the occupation change
/// n_r − n_c, so entries are grouped by it; <see cref="ComputePhases"/> fills one phase per group.</item>
/// <item>General E0 (<see cref="TrajectoryFrame.FockDiagonal"/>): <see cref="ComputePhases"/> fills u_r = e^{iE0_r t}
/// per basis state and an entry's phase is u_r conj(u_c).</item>
/// </list>
/// Immutable; the caller owns the phase buffer (length <see cref="PhaseBufferLength"/>).
/// </summary>
public sealed class InteractionPictureOperator
{
    private readonly int[] _rowPointers;
    private readonly int[] _columns;
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly int[]? _group;          // phase group of each entry (number-term frame)
    private readonly double[]? _frequencies; // ω·Δn of each group
    private readonly double[]? _energies;    // E0_r (Fock-diagonal frame)
    private readonly PhasedDiagonals? _diagonals; // the same entries by (diagonal, phase group), when that layout is dense

    private InteractionPictureOperator(SparseMatrix matrix, int[]? group, double[]? frequencies, double[]? energies, bool timeIndependent)
    {
        Dimension = matrix.Dimension;
        _rowPointers = matrix.RowPointers.ToArray();
        _columns = matrix.ColumnIndices.ToArray();
        var values = matrix.Values;
        _re = new double[values.Length];
        _im = new double[values.Length];
        for (int p = 0; p < values.Length; p++)
        {
            _re[p] = values[p].Real;
            _im[p] = values[p].Imaginary;
        }
        _group = group;
        _frequencies = frequencies;
        _energies = energies;
        IsTimeIndependent = timeIndependent;
        if (group is not null && !timeIndependent) _diagonals = PhasedDiagonals.TryBuild(matrix, group);
    }

    /// <summary>O in the frame of H0 = Σ_i ω_i n_i (all ω_i = 0: O itself, time independent).</summary>
    public static InteractionPictureOperator WithModeFrequencies(SparseMatrix matrix, FockSpace space, ReadOnlySpan<double> frequencies)
    {
        Check(matrix, space);
        if (frequencies.Length != space.Modes)
            throw new ArgumentException($"need {space.Modes} frame frequencies, got {frequencies.Length}", nameof(frequencies));
        var rows = matrix.RowPointers;
        var columns = matrix.ColumnIndices;
        var group = new int[matrix.NonZeroCount];
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupFrequencies = new List<double>();
        var change = new int[space.Modes];
        for (int row = 0; row < matrix.Dimension; row++)
        {
            for (int p = rows[row]; p < rows[row + 1]; p++)
            {
                double frequency = 0;
                for (int i = 0; i < space.Modes; i++)
                {
                    change[i] = space.Occupation(row, i) - space.Occupation(columns[p], i);
                    frequency += frequencies[i] * change[i];
                }
                string key = string.Join(',', change);
                if (!groups.TryGetValue(key, out int g))
                {
                    g = groupFrequencies.Count;
                    groups.Add(key, g);
                    groupFrequencies.Add(frequency);
                }
                group[p] = g;
            }
        }
        return new InteractionPictureOperator(matrix, group, [.. groupFrequencies], null, groupFrequencies.All(f => f == 0));
    }

    /// <summary>O in the frame of H0 = diag(<paramref name="energies"/>).</summary>
    public static InteractionPictureOperator WithBasisEnergies(SparseMatrix matrix, FockSpace space, ReadOnlySpan<double> energies)
    {
        Check(matrix, space);
        if (energies.Length != space.Dimension)
            throw new ArgumentException($"need {space.Dimension} frame energies, got {energies.Length}", nameof(energies));
        bool timeIndependent = true;
        for (int row = 0; row < matrix.Dimension && timeIndependent; row++)
            for (int p = matrix.RowPointers[row]; p < matrix.RowPointers[row + 1]; p++)
                if (energies[row] != energies[matrix.ColumnIndices[p]]) { timeIndependent = false; break; }
        return new InteractionPictureOperator(matrix, null, null, energies.ToArray(), timeIndependent);
    }

    public int Dimension { get; }

    public int NonZeroCount => _re.Length;

    /// <summary>True when every entry phase is 1 at all times (the operator commutes with H0 entry by entry).</summary>
    public bool IsTimeIndependent { get; }

    /// <summary>True when <see cref="Multiply"/> runs over diagonal stretches (see <see cref="PhasedDiagonals"/>).</summary>
    internal bool UsesDiagonalStretches => _diagonals is not null;

    /// <summary>Length of the phase buffer of <see cref="ComputePhases"/>: the number of groups, or D.</summary>
    public int PhaseBufferLength => _energies?.Length ?? _frequencies!.Length;

    /// <summary>The phases at time t: e^{iω·Δn_g t} per group, or e^{iE0_r t} per basis state.</summary>
    public void ComputePhases(double t, Span<Complex> phases)
    {
        var arguments = (ReadOnlySpan<double>)(_energies ?? _frequencies!);
        if (phases.Length < arguments.Length) throw new ArgumentException("phase buffer too short", nameof(phases));
        for (int g = 0; g < arguments.Length; g++)
        {
            double angle = arguments[g] * t;
            phases[g] = angle == 0 ? Complex.One : new Complex(Math.Cos(angle), Math.Sin(angle));
        }
    }

    /// <summary>y ← O_I(t) x with the phases of <see cref="ComputePhases"/> at t. x and y must not overlap.</summary>
    public void Multiply(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        if (x.Length != Dimension) throw new ArgumentException($"x has length {x.Length}, expected {Dimension}", nameof(x));
        if (y.Length != Dimension) throw new ArgumentException($"y has length {y.Length}, expected {Dimension}", nameof(y));
        if (phases.Length < PhaseBufferLength) throw new ArgumentException("phase buffer too short", nameof(phases));
        if (IsTimeIndependent) MultiplyStatic(x, y);
        else if (_energies is not null) MultiplyBasisPhased(phases, x, y);
        else if (_diagonals is not null) _diagonals.Multiply(phases, x, y);
        else MultiplyGroupPhased(phases, x, y);
    }

    private static void Check(SparseMatrix matrix, FockSpace space)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(space);
        if (matrix.Dimension != space.Dimension)
            throw new ArgumentException($"matrix dimension {matrix.Dimension} differs from the space's {space.Dimension}", nameof(matrix));
    }

    private void MultiplyStatic(ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        var columns = _columns;
        var re = _re;
        var im = _im;
        for (int row = 0; row < Dimension; row++)
        {
            double sumRe = 0, sumIm = 0;
            for (int p = _rowPointers[row]; p < _rowPointers[row + 1]; p++)
            {
                Complex v = x[columns[p]];
                sumRe += (re[p] * v.Real) - (im[p] * v.Imaginary);
                sumIm += (re[p] * v.Imaginary) + (im[p] * v.Real);
            }
            y[row] = new Complex(sumRe, sumIm);
        }
    }

    private void MultiplyGroupPhased(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        var columns = _columns;
        var re = _re;
        var im = _im;
        var group = _group!;
        for (int row = 0; row < Dimension; row++)
        {
            double sumRe = 0, sumIm = 0;
            for (int p = _rowPointers[row]; p < _rowPointers[row + 1]; p++)
            {
                Complex phase = phases[group[p]];
                double aRe = (re[p] * phase.Real) - (im[p] * phase.Imaginary);
                double aIm = (re[p] * phase.Imaginary) + (im[p] * phase.Real);
                Complex v = x[columns[p]];
                sumRe += (aRe * v.Real) - (aIm * v.Imaginary);
                sumIm += (aRe * v.Imaginary) + (aIm * v.Real);
            }
            y[row] = new Complex(sumRe, sumIm);
        }
    }

    /// <summary>y_r = u_r Σ_c O_rc conj(u_c) x_c.</summary>
    private void MultiplyBasisPhased(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        var columns = _columns;
        var re = _re;
        var im = _im;
        for (int row = 0; row < Dimension; row++)
        {
            double sumRe = 0, sumIm = 0;
            for (int p = _rowPointers[row]; p < _rowPointers[row + 1]; p++)
            {
                int c = columns[p];
                Complex u = phases[c];
                Complex v = x[c];
                double wRe = (u.Real * v.Real) + (u.Imaginary * v.Imaginary);   // conj(u_c) x_c
                double wIm = (u.Real * v.Imaginary) - (u.Imaginary * v.Real);
                sumRe += (re[p] * wRe) - (im[p] * wIm);
                sumIm += (re[p] * wIm) + (im[p] * wRe);
            }
            y[row] = phases[row] * new Complex(sumRe, sumIm);
        }
    }

    /// <summary>
    /// The entries stored along diagonals c − r = offset, one stretch per (offset, phase group), so that a whole stretch
    /// shares one phase: y_r += e^{iω·Δn t} O_{r,r+offset} x_{r+offset}. Short rows (a single mode's tridiagonal drive,
    /// hopping between a few modes) then cost a streaming loop per stretch instead of an indexed gather per entry.
    /// Used only when the stretches hold at most <see cref="MaxFill"/> times the nonzeros (gaps are stored as zeros).
    /// </summary>
    private sealed class PhasedDiagonals
    {
        private const double MaxFill = 1.25;

        private readonly int[] _offset;
        private readonly int[] _group;
        private readonly int[] _firstRow;
        private readonly int[] _start;      // into _re/_im; stretch k has _start[k + 1] − _start[k] rows
        private readonly double[] _re;
        private readonly double[] _im;

        private PhasedDiagonals(int[] offset, int[] group, int[] firstRow, int[] start, double[] re, double[] im)
        {
            _offset = offset;
            _group = group;
            _firstRow = firstRow;
            _start = start;
            _re = re;
            _im = im;
        }

        public static PhasedDiagonals? TryBuild(SparseMatrix matrix, int[] group)
        {
            var rows = matrix.RowPointers;
            var columns = matrix.ColumnIndices;
            var values = matrix.Values;
            var stretches = new Dictionary<(int Offset, int Group), (int First, int Last)>();
            for (int row = 0; row < matrix.Dimension; row++)
            {
                for (int p = rows[row]; p < rows[row + 1]; p++)
                {
                    var key = (columns[p] - row, group[p]);
                    stretches[key] = stretches.TryGetValue(key, out var range) ? (range.First, row) : (row, row);
                }
            }
            long stored = stretches.Values.Sum(r => (long)(r.Last - r.First + 1));
            if (stored > MaxFill * Math.Max(1, values.Length)) return null;

            var keys = stretches.Keys.OrderBy(k => k.Offset).ThenBy(k => k.Group).ToArray();
            var index = new Dictionary<(int, int), int>(keys.Length);
            var start = new int[keys.Length + 1];
            var firstRow = new int[keys.Length];
            for (int k = 0; k < keys.Length; k++)
            {
                index[keys[k]] = k;
                var (first, last) = stretches[keys[k]];
                firstRow[k] = first;
                start[k + 1] = start[k] + (last - first + 1);
            }
            var re = new double[start[^1]];
            var im = new double[start[^1]];
            for (int row = 0; row < matrix.Dimension; row++)
            {
                for (int p = rows[row]; p < rows[row + 1]; p++)
                {
                    int k = index[(columns[p] - row, group[p])];
                    int at = start[k] + (row - firstRow[k]);
                    re[at] = values[p].Real;
                    im[at] = values[p].Imaginary;
                }
            }
            return new PhasedDiagonals([.. keys.Select(k => k.Offset)], [.. keys.Select(k => k.Group)], firstRow, start, re, im);
        }

        /// <summary>y ← Σ_stretches phase_g · diag(O) ⊙ shifted x.</summary>
        public void Multiply(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> x, Span<Complex> y)
        {
            y.Clear();
            ref Complex x0 = ref MemoryMarshal.GetReference(x);
            ref Complex y0 = ref MemoryMarshal.GetReference(y);
            ref double re0 = ref MemoryMarshal.GetArrayDataReference(_re);
            ref double im0 = ref MemoryMarshal.GetArrayDataReference(_im);
            for (int k = 0; k < _offset.Length; k++)
            {
                Complex phase = phases[_group[k]];
                double pRe = phase.Real, pIm = phase.Imaginary;
                int first = _firstRow[k], begin = _start[k], count = _start[k + 1] - begin;
                // Every index below stays inside x, y and the stretch: the stretch was built from entries (r, r + offset)
                // of this D×D matrix with first ≤ r < first + count, and the caller checked x and y have length D.
                ref Complex xs = ref Unsafe.Add(ref x0, first + _offset[k]);
                ref Complex ys = ref Unsafe.Add(ref y0, first);
                ref double cRe = ref Unsafe.Add(ref re0, begin);
                ref double cIm = ref Unsafe.Add(ref im0, begin);
                for (int i = 0; i < count; i++)
                {
                    double aRe = (Unsafe.Add(ref cRe, i) * pRe) - (Unsafe.Add(ref cIm, i) * pIm);
                    double aIm = (Unsafe.Add(ref cRe, i) * pIm) + (Unsafe.Add(ref cIm, i) * pRe);
                    Complex v = Unsafe.Add(ref xs, i);
                    ref Complex target = ref Unsafe.Add(ref ys, i);
                    target = new Complex(
                        target.Real + (aRe * v.Real) - (aIm * v.Imaginary),
                        target.Imaginary + (aRe * v.Imaginary) + (aIm * v.Real));
                }
            }
        }
    }
}
