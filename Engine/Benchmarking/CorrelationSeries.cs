using System.Numerics;

namespace BosonicTrajectories.Benchmarking;

/// <summary>
/// The correlation matrices N(t)_ij = ⟨a_i† a_j⟩ (entry [i, j], as in summary.json's <c>adaggerA</c>) at a list of
/// output times: the quantity every work-precision error is measured on.
/// </summary>
public sealed class CorrelationSeries
{
    private readonly Complex[] _values;

    /// <summary>An all-zero series for <paramref name="times"/> output times and <paramref name="modes"/> modes.</summary>
    public CorrelationSeries(int times, int modes)
    {
        if (times < 1) throw new ArgumentException($"need at least one output time, got {times}", nameof(times));
        if (modes < 1) throw new ArgumentException($"need at least one mode, got {modes}", nameof(modes));
        Times = times;
        Modes = modes;
        _values = new Complex[times * modes * modes];
    }

    public int Times { get; }

    public int Modes { get; }

    /// <summary>⟨a_i† a_j⟩ at output time index <paramref name="time"/>.</summary>
    public Complex this[int time, int i, int j]
    {
        get => _values[Index(time, i, j)];
        set => _values[Index(time, i, j)] = value;
    }

    /// <summary>max over times and entries of |A(t)_ij − B(t)_ij|.</summary>
    /// <exception cref="ArgumentException">The series have different shapes.</exception>
    public static double MaxAbsDifference(CorrelationSeries a, CorrelationSeries b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Times != b.Times || a.Modes != b.Modes)
            throw new ArgumentException($"series of {a.Times} times × {a.Modes} modes and {b.Times} × {b.Modes} cannot be compared", nameof(b));
        double worst = 0;
        for (int k = 0; k < a._values.Length; k++)
        {
            double difference = Complex.Abs(a._values[k] - b._values[k]);
            if (double.IsNaN(difference)) return double.NaN;
            worst = Math.Max(worst, difference);
        }
        return worst;
    }

    /// <summary>max over times and modes of ⟨a_i† a_i⟩ (the scale errors are judged against).</summary>
    public double MaxOccupation()
    {
        double largest = 0;
        for (int t = 0; t < Times; t++)
            for (int i = 0; i < Modes; i++) largest = Math.Max(largest, this[t, i, i].Real);
        return largest;
    }

    private int Index(int time, int i, int j)
    {
        if ((uint)time >= (uint)Times) throw new ArgumentOutOfRangeException(nameof(time), time, $"valid output-time indices are 0..{Times - 1}");
        if ((uint)i >= (uint)Modes || (uint)j >= (uint)Modes)
            throw new ArgumentOutOfRangeException(nameof(i), $"({i}, {j}) is not a mode pair; valid modes are 0..{Modes - 1}");
        return (((time * Modes) + i) * Modes) + j;
    }
}
