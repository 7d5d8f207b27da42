using System.Collections.Immutable;
using System.Numerics;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// Running sums over a set of trajectory indices; memory does not grow with the number of trajectories.
/// <para>
/// Kept per output time and tracked observable x (<see cref="TrackedObservables"/>): Σx and Σx²; per observable: Σ and Σ²
/// of the per-trajectory time averages over the steady-state window; per density-matrix time and jackknife group g:
/// Σ|ψ⟩⟨ψ| (upper triangle, r ≤ c) over the trajectories of that group. Trajectory k belongs to group
/// (k / ChunkSize) mod G.
/// </para>
/// <para>
/// Exactness: every addend is accumulated in 128-bit fixed point (<see cref="FixedPointSum"/>), so sums do not depend
/// on the order of addition. Merging the sums of disjoint index sets gives the same bits as one run over their union,
/// whatever the thread counts and however the indices were split into shards (no alignment needed).
/// Serialised by <see cref="WriteTo"/> (binary, little endian, every number bit-exact).
/// </para>
/// </summary>
public sealed class EnsembleSums
{
    private const string Magic = "BTENSUM1";
    private const int FormatVersion = 1;

    private readonly List<IndexRange> _ranges = [];
    private readonly Int128[] _observableSums;
    private readonly Int128[] _observableSquares;
    private readonly Int128[] _windowSums;
    private readonly Int128[] _windowSquares;
    private readonly long[] _groupCounts;
    private readonly Int128[]?[,] _density; // [slot, group] → 2·P entries (re, im) of the packed upper triangle
    private readonly long[] _jumpsPerChannel;

    private EnsembleSums(
        int modes, int dimension, ImmutableArray<double> outputTimes, int channels, int chunkSize, int groups,
        ImmutableArray<int> densityTimes, int windowStartIndex, ulong seed, string tag)
    {
        Modes = modes;
        Dimension = dimension;
        OutputTimes = outputTimes;
        Channels = channels;
        ChunkSize = chunkSize;
        JackknifeGroups = groups;
        DensityTimes = densityTimes;
        WindowStartIndex = windowStartIndex;
        Seed = seed;
        Tag = tag;
        ObservableCount = TrackedObservables.Count(modes);
        _observableSums = new Int128[outputTimes.Length * ObservableCount];
        _observableSquares = new Int128[outputTimes.Length * ObservableCount];
        _windowSums = new Int128[ObservableCount];
        _windowSquares = new Int128[ObservableCount];
        _groupCounts = new long[groups];
        _density = new Int128[densityTimes.Length, groups][];
        _jumpsPerChannel = new long[channels];
    }

    /// <summary>Empty sums for <paramref name="problem"/> run with <paramref name="settings"/>.</summary>
    /// <param name="tag">Free identity text (e.g. a config hash); merging requires equal tags.</param>
    public static EnsembleSums Create(TrajectoryProblem problem, TrajectorySettings settings, string tag = "")
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tag);
        settings.Validate(problem);
        return new EnsembleSums(
            problem.Modes, problem.Dimension, problem.OutputTimes, problem.Jumps.Length, settings.ChunkSize,
            settings.JackknifeGroups, settings.DensityTimes, settings.WindowStartIndex(problem), settings.Seed, tag);
    }

    // ---- identity ----
    public int Modes { get; }
    public int Dimension { get; }
    public ImmutableArray<double> OutputTimes { get; }
    public int ObservableCount { get; }
    public int Channels { get; }
    public int ChunkSize { get; }
    public int JackknifeGroups { get; }
    public ImmutableArray<int> DensityTimes { get; }
    public int WindowStartIndex { get; }
    public ulong Seed { get; }
    public string Tag { get; }

    // ---- contents ----

    /// <summary>The trajectory indices included, as sorted disjoint ranges.</summary>
    public IReadOnlyList<IndexRange> TrajectoryRanges => _ranges;

    /// <summary>Number of trajectories included.</summary>
    public long Count { get; private set; }

    public long TotalJumps { get; private set; }

    public IReadOnlyList<long> JumpsPerChannel => _jumpsPerChannel;

    public long AcceptedSteps { get; private set; }

    public long RejectedSteps { get; private set; }

    public long RhsEvaluations { get; private set; }

    /// <summary>Why the run that produced these sums stopped (for merged sums: the first reason other than Completed).</summary>
    public EnsembleStopReason StopReason { get; internal set; }

    /// <summary>Trajectories in jackknife group g.</summary>
    public long GroupCount(int group) => _groupCounts[group];

    /// <summary>Jackknife group of trajectory <paramref name="index"/>.</summary>
    public int GroupOf(long index) => (int)(index / ChunkSize % JackknifeGroups);

    /// <summary>Mean of observable k at output time t.</summary>
    public double Mean(int timeIndex, int observable) =>
        FixedPointSum.Mean(_observableSums[Offset(timeIndex, observable)], Count);

    /// <summary>Standard error of the mean of observable k at output time t (sample std / √n).</summary>
    public double StandardError(int timeIndex, int observable)
    {
        int o = Offset(timeIndex, observable);
        return FixedPointSum.StandardError(_observableSums[o], _observableSquares[o], Count);
    }

    /// <summary>The largest standard error over every tracked observable and output time (NaN below 2 trajectories).</summary>
    public double MaxStandardError()
    {
        if (Count < 2) return double.NaN;
        double max = 0;
        for (int o = 0; o < _observableSums.Length; o++)
            max = Math.Max(max, FixedPointSum.StandardError(_observableSums[o], _observableSquares[o], Count));
        return max;
    }

    /// <summary>Mean over trajectories of the per-trajectory window averages of observable k.</summary>
    public double WindowMean(int observable) => FixedPointSum.Mean(_windowSums[observable], Count);

    /// <summary>Standard error of <see cref="WindowMean"/> across trajectories (independent, so honest under time correlation).</summary>
    public double WindowStandardError(int observable) =>
        FixedPointSum.StandardError(_windowSums[observable], _windowSquares[observable], Count);

    /// <summary>
    /// The ensemble density matrix (1/n) Σ|ψ⟩⟨ψ| at density slot <paramref name="slot"/>, row-major D×D, optionally
    /// leaving out jackknife group <paramref name="excludedGroup"/> (then divided by n − n_g).
    /// </summary>
    public Complex[] DensityMatrix(int slot, int excludedGroup = -1)
    {
        if (slot < 0 || slot >= DensityTimes.Length)
            throw new ArgumentOutOfRangeException(nameof(slot), $"density slot {slot}; this run has {DensityTimes.Length}");
        int packed = PackedLength(Dimension);
        var total = new Int128[2 * packed];
        long count = 0;
        for (int g = 0; g < JackknifeGroups; g++)
        {
            if (g == excludedGroup) continue;
            count += _groupCounts[g];
            if (_density[slot, g] is { } sums) FixedPointSum.Merge(total, sums);
        }
        int d = Dimension;
        var rho = new Complex[d * d];
        if (count == 0) return rho;
        for (int r = 0, p = 0; r < d; r++)
        {
            for (int c = r; c < d; c++, p++)
            {
                var value = new Complex(FixedPointSum.ToDouble(total[2 * p]), FixedPointSum.ToDouble(total[(2 * p) + 1])) / count;
                rho[(r * d) + c] = value;
                rho[(c * d) + r] = Complex.Conjugate(value);
            }
        }
        for (int r = 0; r < d; r++) rho[(r * d) + r] = new Complex(rho[(r * d) + r].Real, 0);
        return rho;
    }

    /// <summary>Adds one trajectory's record (index <see cref="TrajectoryRecord.TrajectoryIndex"/>).</summary>
    internal void Add(TrajectoryRecord record)
    {
        long index = record.TrajectoryIndex;
        AppendIndex(index);
        FixedPointSum.Add(_observableSums, record.ObservableValues);
        FixedPointSum.AddSquares(_observableSquares, record.ObservableValues);
        if (WindowStartIndex >= 0)
        {
            FixedPointSum.Add(_windowSums, record.WindowAverageValues);
            FixedPointSum.AddSquares(_windowSquares, record.WindowAverageValues);
        }
        int group = GroupOf(index);
        _groupCounts[group]++;
        for (int slot = 0; slot < DensityTimes.Length; slot++)
            AddOuterProduct(_density[slot, group] ??= new Int128[2 * PackedLength(Dimension)], record.DensityState(slot));
        for (int k = 0; k < Channels; k++) _jumpsPerChannel[k] += record.JumpsPerChannel[k];
        TotalJumps += record.JumpCount;
        AcceptedSteps += record.AcceptedSteps;
        RejectedSteps += record.RejectedSteps;
        RhsEvaluations += record.RhsEvaluations;
    }

    /// <summary>
    /// Adds the sums of a disjoint set of trajectory indices of the same problem and settings. Exact: the result is
    /// bit-identical to a single run over the union. Throws <see cref="ArgumentException"/> when the identities differ
    /// or the index sets overlap.
    /// </summary>
    public void Merge(EnsembleSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        string? mismatch = IdentityMismatch(other);
        if (mismatch is not null) throw new ArgumentException($"cannot merge ensemble sums: {mismatch}", nameof(other));
        foreach (var range in other._ranges) InsertRange(range);
        Count += other.Count;
        FixedPointSum.Merge(_observableSums, other._observableSums);
        FixedPointSum.Merge(_observableSquares, other._observableSquares);
        FixedPointSum.Merge(_windowSums, other._windowSums);
        FixedPointSum.Merge(_windowSquares, other._windowSquares);
        for (int g = 0; g < JackknifeGroups; g++) _groupCounts[g] += other._groupCounts[g];
        for (int slot = 0; slot < DensityTimes.Length; slot++)
            for (int g = 0; g < JackknifeGroups; g++)
                if (other._density[slot, g] is { } source)
                    FixedPointSum.Merge(_density[slot, g] ??= new Int128[source.Length], source);
        for (int k = 0; k < Channels; k++) _jumpsPerChannel[k] += other._jumpsPerChannel[k];
        TotalJumps += other.TotalJumps;
        AcceptedSteps += other.AcceptedSteps;
        RejectedSteps += other.RejectedSteps;
        RhsEvaluations += other.RhsEvaluations;
        if (StopReason == EnsembleStopReason.Completed) StopReason = other.StopReason;
    }

    /// <summary>Empties the sums (keeps the identity and, for reuse as a chunk accumulator, the allocated buffers).</summary>
    internal void Clear()
    {
        _ranges.Clear();
        Count = TotalJumps = AcceptedSteps = RejectedSteps = RhsEvaluations = 0;
        StopReason = EnsembleStopReason.Completed;
        Array.Clear(_observableSums);
        Array.Clear(_observableSquares);
        Array.Clear(_windowSums);
        Array.Clear(_windowSquares);
        Array.Clear(_groupCounts);
        Array.Clear(_jumpsPerChannel);
        foreach (var array in _density) if (array is not null) Array.Clear(array);
    }

    /// <summary>
    /// Prepares a chunk accumulator for a chunk of <paramref name="group"/>: empties it and moves any density buffers it
    /// already owns to that group, so a reused accumulator holds one group's D² sums, not G.
    /// </summary>
    internal void ResetForGroup(int group)
    {
        Clear();
        for (int slot = 0; slot < DensityTimes.Length; slot++)
        {
            if (_density[slot, group] is not null) continue;
            for (int g = 0; g < JackknifeGroups; g++)
            {
                if (_density[slot, g] is { } array)
                {
                    _density[slot, group] = array;
                    _density[slot, g] = null;
                    break;
                }
            }
        }
    }

    /// <summary>A copy (for the sums of a finished prefix while a run continues).</summary>
    public EnsembleSums Clone()
    {
        var copy = new EnsembleSums(Modes, Dimension, OutputTimes, Channels, ChunkSize, JackknifeGroups, DensityTimes, WindowStartIndex, Seed, Tag);
        copy.Merge(this);
        copy.StopReason = StopReason;
        return copy;
    }

    internal static int PackedLength(int dimension) => dimension * (dimension + 1) / 2;

    private int Offset(int timeIndex, int observable)
    {
        if (timeIndex < 0 || timeIndex >= OutputTimes.Length) throw new ArgumentOutOfRangeException(nameof(timeIndex));
        if (observable < 0 || observable >= ObservableCount) throw new ArgumentOutOfRangeException(nameof(observable));
        return (timeIndex * ObservableCount) + observable;
    }

    private static void AddOuterProduct(Int128[] sums, ReadOnlySpan<Complex> psi)
    {
        int d = psi.Length;
        for (int r = 0, p = 0; r < d; r++)
        {
            Complex left = psi[r];
            for (int c = r; c < d; c++, p++)
            {
                // (|ψ⟩⟨ψ|)_rc = ψ_r conj(ψ_c)
                Complex right = psi[c];
                double re = (left.Real * right.Real) + (left.Imaginary * right.Imaginary);
                double im = (left.Imaginary * right.Real) - (left.Real * right.Imaginary);
                sums[2 * p] = checked(sums[2 * p] + FixedPointSum.FromDouble(re));
                sums[(2 * p) + 1] = checked(sums[(2 * p) + 1] + FixedPointSum.FromDouble(im));
            }
        }
    }

    private void AppendIndex(long index)
    {
        if (_ranges.Count > 0 && _ranges[^1].End == index) _ranges[^1] = _ranges[^1] with { End = index + 1 };
        else InsertRange(new IndexRange(index, index + 1));
        Count++;
    }

    private void InsertRange(IndexRange range)
    {
        int position = 0;
        while (position < _ranges.Count && _ranges[position].Start < range.Start) position++;
        if ((position > 0 && _ranges[position - 1].End > range.Start) || (position < _ranges.Count && _ranges[position].Start < range.End))
            throw new ArgumentException($"trajectory indices {range} are already included", nameof(range));
        _ranges.Insert(position, range);
        // coalesce neighbours
        if (position + 1 < _ranges.Count && _ranges[position].End == _ranges[position + 1].Start)
        {
            _ranges[position] = _ranges[position] with { End = _ranges[position + 1].End };
            _ranges.RemoveAt(position + 1);
        }
        if (position > 0 && _ranges[position - 1].End == _ranges[position].Start)
        {
            _ranges[position - 1] = _ranges[position - 1] with { End = _ranges[position].End };
            _ranges.RemoveAt(position);
        }
    }

    private string? IdentityMismatch(EnsembleSums other)
    {
        if (Modes != other.Modes || Dimension != other.Dimension) return "modes or Hilbert dimension differ";
        if (!OutputTimes.SequenceEqual(other.OutputTimes)) return "output times differ";
        if (Channels != other.Channels) return "jump channel counts differ";
        if (ChunkSize != other.ChunkSize) return $"chunk sizes differ ({ChunkSize} vs {other.ChunkSize})";
        if (JackknifeGroups != other.JackknifeGroups) return "jackknife group counts differ";
        if (!DensityTimes.SequenceEqual(other.DensityTimes)) return "density-matrix times differ";
        if (WindowStartIndex != other.WindowStartIndex) return "steady-state windows differ";
        if (Seed != other.Seed) return $"seeds differ ({Seed} vs {other.Seed})";
        if (!string.Equals(Tag, other.Tag, StringComparison.Ordinal)) return $"tags differ ('{Tag}' vs '{other.Tag}')";
        return null;
    }

    // ---- serialisation ----

    /// <summary>Writes the sums in a compact little-endian binary form; every double and Int128 is written bit-exactly.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic.ToCharArray());
        w.Write(FormatVersion);
        w.Write(Modes); w.Write(Dimension); w.Write(Channels); w.Write(ChunkSize); w.Write(JackknifeGroups);
        w.Write(WindowStartIndex); w.Write(Seed); w.Write(Tag);
        w.Write(OutputTimes.Length); foreach (double t in OutputTimes) w.Write(t);
        w.Write(DensityTimes.Length); foreach (int i in DensityTimes) w.Write(i);
        w.Write((int)StopReason);
        w.Write(Count); w.Write(TotalJumps); w.Write(AcceptedSteps); w.Write(RejectedSteps); w.Write(RhsEvaluations);
        w.Write(_ranges.Count); foreach (var r in _ranges) { w.Write(r.Start); w.Write(r.End); }
        WriteAll(w, _observableSums); WriteAll(w, _observableSquares); WriteAll(w, _windowSums); WriteAll(w, _windowSquares);
        foreach (long c in _groupCounts) w.Write(c);
        foreach (long c in _jumpsPerChannel) w.Write(c);
        for (int slot = 0; slot < DensityTimes.Length; slot++)
        {
            for (int g = 0; g < JackknifeGroups; g++)
            {
                var array = _density[slot, g];
                w.Write(array is not null);
                if (array is not null) WriteAll(w, array);
            }
        }
    }

    /// <summary>Reads sums written by <see cref="WriteTo"/>. Throws <see cref="InvalidDataException"/> on a malformed stream.</summary>
    public static EnsembleSums ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (new string(r.ReadChars(Magic.Length)) != Magic) throw new InvalidDataException("not an ensemble-sums file (bad magic)");
        int version = r.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"ensemble-sums format {version}; this build reads {FormatVersion}");
        int modes = r.ReadInt32(), dimension = r.ReadInt32(), channels = r.ReadInt32(), chunk = r.ReadInt32(), groups = r.ReadInt32();
        int window = r.ReadInt32();
        ulong seed = r.ReadUInt64();
        string tag = r.ReadString();
        var times = ImmutableArray.CreateRange(Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadDouble()));
        var densityTimes = ImmutableArray.CreateRange(Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadInt32()));
        var sums = new EnsembleSums(modes, dimension, times, channels, chunk, groups, densityTimes, window, seed, tag)
        {
            StopReason = (EnsembleStopReason)r.ReadInt32(),
            Count = r.ReadInt64(),
            TotalJumps = r.ReadInt64(),
            AcceptedSteps = r.ReadInt64(),
            RejectedSteps = r.ReadInt64(),
            RhsEvaluations = r.ReadInt64(),
        };
        int rangeCount = r.ReadInt32();
        for (int i = 0; i < rangeCount; i++) sums._ranges.Add(new IndexRange(r.ReadInt64(), r.ReadInt64()));
        ReadAll(r, sums._observableSums); ReadAll(r, sums._observableSquares); ReadAll(r, sums._windowSums); ReadAll(r, sums._windowSquares);
        for (int g = 0; g < groups; g++) sums._groupCounts[g] = r.ReadInt64();
        for (int k = 0; k < channels; k++) sums._jumpsPerChannel[k] = r.ReadInt64();
        for (int slot = 0; slot < densityTimes.Length; slot++)
        {
            for (int g = 0; g < groups; g++)
            {
                if (!r.ReadBoolean()) continue;
                var array = new Int128[2 * PackedLength(dimension)];
                ReadAll(r, array);
                sums._density[slot, g] = array;
            }
        }
        return sums;
    }

    private static void WriteAll(BinaryWriter w, Int128[] values)
    {
        foreach (var v in values)
        {
            w.Write((ulong)(v & ulong.MaxValue));
            w.Write((ulong)(v >> 64));
        }
    }

    private static void ReadAll(BinaryReader r, Int128[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            ulong lower = r.ReadUInt64();
            ulong upper = r.ReadUInt64();
            values[i] = new Int128(upper, lower);
        }
    }
}
