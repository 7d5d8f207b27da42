using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// An operator O seen in the interaction picture of the Fock-diagonal H0 = Σ_i ω_i n_i:
/// O_I(t) = e^{iH0 t} O e^{−iH0 t}, whose entry (r, c) is O_rc e^{i ω·(n_r − n_c) t}.
/// The phase of an entry depends only on the occupation change n_r − n_c, so entries are grouped by that change:
/// one sine/cosine per group and time, then an O(nnz) product. With all ω_i = 0 it is O itself.
/// Immutable; the caller owns the phase buffer (length <see cref="PhaseGroupCount"/>).
/// </summary>
public sealed class InteractionPictureOperator
{
    private readonly int[] _rowPointers;
    private readonly int[] _columns;
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly int[] _group;          // phase group of each entry
    private readonly double[] _frequencies; // ω·Δn of each group
    private readonly bool _static;          // every group frequency is 0

    /// <param name="matrix">The lab-frame operator O.</param>
    /// <param name="space">The Fock space whose occupation vectors give n_r − n_c.</param>
    /// <param name="frameFrequencies">ω_i of H0 = Σ_i ω_i n_i (all zero: no frame change).</param>
    public InteractionPictureOperator(SparseMatrix matrix, FockSpace space, ReadOnlySpan<double> frameFrequencies)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(space);
        if (matrix.Dimension != space.Dimension)
            throw new ArgumentException($"matrix dimension {matrix.Dimension} differs from the space's {space.Dimension}", nameof(matrix));
        if (frameFrequencies.Length != space.Modes)
            throw new ArgumentException($"need {space.Modes} frame frequencies, got {frameFrequencies.Length}", nameof(frameFrequencies));

        Dimension = matrix.Dimension;
        _rowPointers = matrix.RowPointers.ToArray();
        _columns = matrix.ColumnIndices.ToArray();
        var values = matrix.Values;
        _re = new double[values.Length];
        _im = new double[values.Length];
        _group = new int[values.Length];
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var frequencies = new List<double>();
        Span<int> change = stackalloc int[space.Modes];
        for (int row = 0; row < Dimension; row++)
        {
            for (int p = _rowPointers[row]; p < _rowPointers[row + 1]; p++)
            {
                _re[p] = values[p].Real;
                _im[p] = values[p].Imaginary;
                var rowOccupations = space.Occupations(row);
                var columnOccupations = space.Occupations(_columns[p]);
                double frequency = 0;
                for (int i = 0; i < space.Modes; i++)
                {
                    change[i] = rowOccupations[i] - columnOccupations[i];
                    frequency += frameFrequencies[i] * change[i];
                }
                string key = string.Join(',', change.ToArray());
                if (!groups.TryGetValue(key, out int group))
                {
                    group = frequencies.Count;
                    groups.Add(key, group);
                    frequencies.Add(frequency);
                }
                _group[p] = group;
            }
        }
        _frequencies = [.. frequencies];
        _static = _frequencies.All(f => f == 0);
    }

    public int Dimension { get; }

    /// <summary>True when every phase is 1 (no frame, or only entries that keep the occupations' ω-weighted sum).</summary>
    public bool IsTimeIndependent => _static;

    public int NonZeroCount => _re.Length;

    /// <summary>Length of the phase buffer of <see cref="ComputePhases"/>.</summary>
    public int PhaseGroupCount => _frequencies.Length;

    /// <summary>phases[g] = e^{i ω·Δn_g t}: the entry phases at time t.</summary>
    public void ComputePhases(double t, Span<Complex> phases)
    {
        if (phases.Length < _frequencies.Length) throw new ArgumentException("phase buffer too short", nameof(phases));
        for (int g = 0; g < _frequencies.Length; g++)
        {
            double angle = _frequencies[g] * t;
            phases[g] = angle == 0 ? Complex.One : new Complex(Math.Cos(angle), Math.Sin(angle));
        }
    }

    /// <summary>y ← O_I(t) x with the phases of <see cref="ComputePhases"/> at t. x and y must not overlap.</summary>
    public void Multiply(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        if (x.Length != Dimension) throw new ArgumentException($"x has length {x.Length}, expected {Dimension}", nameof(x));
        if (y.Length != Dimension) throw new ArgumentException($"y has length {y.Length}, expected {Dimension}", nameof(y));
        if (phases.Length < _frequencies.Length) throw new ArgumentException("phase buffer too short", nameof(phases));
        if (_static) MultiplyStatic(x, y);
        else MultiplyPhased(phases, x, y);
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

    private void MultiplyPhased(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        var columns = _columns;
        var re = _re;
        var im = _im;
        var group = _group;
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
}
