using System.Collections.Immutable;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Fock;

/// <summary>
/// A truncated multi-mode Fock space: its basis is a list of occupation vectors n = (n_0, …, n_{d−1}).
/// <para>
/// Ordering of the basis (the meaning of a basis index):
/// <list type="bullet">
/// <item><see cref="PerModeTruncation"/> with levels c_i (|0⟩..|c_i − 1⟩ on mode i): mixed radix with mode 0
/// most significant, index(n) = Σ_i n_i s_i with s_{d−1} = 1 and s_i = s_{i+1} c_{i+1}. A product state is
/// then the Kronecker product of its one-mode vectors in mode order. Total-excitation sectors are not
/// contiguous here; <see cref="Sectors"/> lists their indices.</item>
/// <item><see cref="TotalExcitationTruncation"/> with bound K (all n with Σ n_i ≤ K): ordered by total
/// excitation number N = Σ n_i ascending, and within one N lexicographically ascending with mode 0 most
/// significant (for two modes and N = 1: (0,1) then (1,0)). Every U(1) sector is a contiguous index range
/// starting at C(N − 1 + d, d).</item>
/// </list>
/// </para>
/// </summary>
public sealed class FockSpace
{
    private readonly int[] _occupations;      // Dimension × Modes, row-major
    private readonly int[] _totals;           // Σ_i n_i per basis index
    private readonly int[] _maxLevels;        // highest occupation of each mode in the basis
    private readonly int[] _strides;          // per-mode kind: mixed-radix strides
    private readonly int[,]? _compositions;   // total kind: _compositions[m, s] = #vectors of m modes summing to s
    private readonly int[]? _sectorOffsets;   // total kind: first index of sector N

    /// <summary>Builds the truncated space of <paramref name="modes"/> modes.</summary>
    /// <param name="truncation">Per-mode levels (one entry per mode, or a single entry used for every mode)
    /// or a bound on the total excitation number.</param>
    /// <param name="modes">Number of modes d ≥ 1.</param>
    public FockSpace(Truncation truncation, int modes)
    {
        ArgumentNullException.ThrowIfNull(truncation);
        if (modes < 1) throw new ArgumentException($"need at least one mode, got {modes}", nameof(modes));
        Truncation = truncation;
        Modes = modes;
        _maxLevels = new int[modes];
        _strides = new int[modes];
        switch (truncation)
        {
            case PerModeTruncation perMode:
                {
                    if (perMode.Levels.Length != modes && perMode.Levels.Length != 1)
                        throw new ArgumentException($"per-mode truncation has {perMode.Levels.Length} levels for {modes} modes", nameof(truncation));
                    long dimension = 1;
                    for (int i = modes - 1; i >= 0; i--)
                    {
                        int levels = perMode.Levels.Length == 1 ? perMode.Levels[0] : perMode.Levels[i];
                        if (levels < 1) throw new ArgumentException($"mode {i} needs at least one level, got {levels}", nameof(truncation));
                        _maxLevels[i] = levels - 1;
                        _strides[i] = (int)dimension;
                        dimension *= levels;
                        if (IsTooLarge(dimension, modes)) throw new ArgumentException(TooLargeMessage(modes), nameof(truncation));
                    }
                    Dimension = (int)dimension;
                    MaxTotalExcitations = _maxLevels.Sum();
                    break;
                }
            case TotalExcitationTruncation total:
                {
                    int k = total.MaxTotal;
                    if (k < 0) throw new ArgumentException($"the total-excitation bound must be ≥ 0, got {k}", nameof(truncation));
                    _compositions = CompositionCounts(modes, k);
                    _sectorOffsets = new int[k + 2];
                    long dimension = 0;
                    for (int n = 0; n <= k; n++)
                    {
                        _sectorOffsets[n] = (int)dimension;
                        dimension += _compositions[modes, n];
                        if (IsTooLarge(dimension, modes)) throw new ArgumentException(TooLargeMessage(modes), nameof(truncation));
                    }
                    _sectorOffsets[k + 1] = (int)dimension;
                    Dimension = (int)dimension;
                    Array.Fill(_maxLevels, k);
                    MaxTotalExcitations = k;
                    break;
                }
            default:
                throw new ArgumentException($"unknown truncation kind {truncation.GetType().Name}", nameof(truncation));
        }

        _occupations = new int[Dimension * modes];
        _totals = new int[Dimension];
        EnumerateBasis();
        Sectors = BuildSectors();
    }

    /// <summary>The truncation this space was built from.</summary>
    public Truncation Truncation { get; }

    /// <summary>Number of modes d.</summary>
    public int Modes { get; }

    /// <summary>Number of basis states.</summary>
    public int Dimension { get; }

    /// <summary>The largest total excitation number N present in the basis.</summary>
    public int MaxTotalExcitations { get; }

    /// <summary>True for a <see cref="TotalExcitationTruncation"/> (sectors are contiguous index ranges).</summary>
    public bool IsTotalExcitationTruncated => _compositions is not null;

    /// <summary>
    /// Basis indices grouped by total excitation number: <c>Sectors[N]</c> lists, ascending, every index with
    /// Σ n_i = N, for N = 0..<see cref="MaxTotalExcitations"/>.
    /// </summary>
    public ImmutableArray<ImmutableArray<int>> Sectors { get; }

    /// <summary>Occupation n_mode of basis state <paramref name="index"/>.</summary>
    public int Occupation(int index, int mode) => _occupations[(index * Modes) + CheckMode(mode)];

    /// <summary>The whole occupation vector of basis state <paramref name="index"/>.</summary>
    public ReadOnlySpan<int> Occupations(int index) => _occupations.AsSpan(index * Modes, Modes);

    /// <summary>Σ_i n_i of basis state <paramref name="index"/>.</summary>
    public int TotalExcitations(int index) => _totals[index];

    /// <summary>The U(1) sector (total excitation number) of basis state <paramref name="index"/>.</summary>
    public int SectorOf(int index) => _totals[index];

    /// <summary>The highest occupation of <paramref name="mode"/> in the basis (c_i − 1, or K).</summary>
    public int MaxLevel(int mode) => _maxLevels[CheckMode(mode)];

    /// <summary>
    /// True when a_mode† takes basis state <paramref name="index"/> out of the truncated space: the top Fock
    /// level n_mode = c_mode − 1 for per-mode truncation, and Σ n_i = K (for any mode) for total-excitation
    /// truncation. The population of these states is the tail population that measures truncation error.
    /// </summary>
    public bool IsTopLevel(int index, int mode) =>
        IsTotalExcitationTruncated
            ? _totals[index] == MaxTotalExcitations
            : _occupations[(index * Modes) + CheckMode(mode)] == _maxLevels[mode];

    /// <summary>The basis index of occupation vector <paramref name="occupations"/>, or −1 when it lies outside the truncated space.</summary>
    public int IndexOf(ReadOnlySpan<int> occupations)
    {
        if (occupations.Length != Modes)
            throw new ArgumentException($"expected {Modes} occupations, got {occupations.Length}", nameof(occupations));
        int total = 0;
        for (int i = 0; i < Modes; i++)
        {
            int n = occupations[i];
            if (n < 0 || n > _maxLevels[i]) return -1;
            total += n;
        }
        if (_compositions is null)
        {
            int index = 0;
            for (int i = 0; i < Modes; i++) index += occupations[i] * _strides[i];
            return index;
        }
        return total > MaxTotalExcitations ? -1 : _sectorOffsets![total] + RankInSector(occupations, total);
    }

    /// <summary>True when <paramref name="occupations"/> is a basis state.</summary>
    public bool Contains(ReadOnlySpan<int> occupations) => IndexOf(occupations) >= 0;

    public override string ToString() => IsTotalExcitationTruncated
        ? $"FockSpace({Modes} modes, Σn ≤ {MaxTotalExcitations}, dimension {Dimension})"
        : $"FockSpace({Modes} modes, levels [{string.Join(", ", _maxLevels.Select(m => m + 1))}], dimension {Dimension})";

    private int CheckMode(int mode) =>
        (uint)mode < (uint)Modes ? mode : throw new ArgumentOutOfRangeException(nameof(mode), mode, $"the space has {Modes} modes");

    private static bool IsTooLarge(long dimension, int modes) => dimension * modes > Array.MaxLength;

    private static string TooLargeMessage(int modes) => $"the truncated space has more than {Array.MaxLength / modes} states; lower the cutoff";

    /// <summary>Table of C(s + m − 1, m − 1): the number of occupation vectors of m modes with Σ n = s.</summary>
    private static int[,] CompositionCounts(int modes, int maxTotal)
    {
        var counts = new int[modes + 1, maxTotal + 1];
        counts[0, 0] = 1;
        for (int m = 1; m <= modes; m++)
        {
            long running = 0;
            for (int s = 0; s <= maxTotal; s++)
            {
                running += counts[m - 1, s];   // Σ_{v ≤ s} counts[m − 1, s − v]
                running = Math.Min(running, Array.MaxLength + 1L);   // saturate; IsTooLarge rejects the space
                counts[m, s] = (int)running;
            }
        }
        return counts;
    }

    /// <summary>Lexicographic rank (mode 0 most significant) of n among vectors with Σ n = total.</summary>
    private int RankInSector(ReadOnlySpan<int> occupations, int total)
    {
        int rank = 0, remaining = total;
        for (int i = 0; i < Modes - 1; i++)
        {
            int rest = Modes - i - 1;
            for (int v = 0; v < occupations[i]; v++) rank += _compositions![rest, remaining - v];
            remaining -= occupations[i];
        }
        return rank;
    }

    private void EnumerateBasis()
    {
        var n = new int[Modes];
        if (_compositions is null)
        {
            for (int index = 0; index < Dimension; index++)
            {
                int rest = index, total = 0;
                for (int i = 0; i < Modes; i++)
                {
                    n[i] = rest / _strides[i];
                    rest -= n[i] * _strides[i];
                    total += n[i];
                }
                n.CopyTo(_occupations, index * Modes);
                _totals[index] = total;
            }
            return;
        }

        int next = 0;
        for (int total = 0; total <= MaxTotalExcitations; total++)
            next = EnumerateSector(n, 0, total, total, next);
    }

    /// <summary>Writes, in lexicographic order, every vector with n_0..n_{mode−1} fixed and Σ_{i ≥ mode} n_i = remaining.</summary>
    private int EnumerateSector(int[] n, int mode, int remaining, int total, int next)
    {
        if (mode == Modes - 1)
        {
            n[mode] = remaining;
            n.CopyTo(_occupations, next * Modes);
            _totals[next] = total;
            return next + 1;
        }
        for (int v = 0; v <= remaining; v++)
        {
            n[mode] = v;
            next = EnumerateSector(n, mode + 1, remaining - v, total, next);
        }
        return next;
    }

    private ImmutableArray<ImmutableArray<int>> BuildSectors()
    {
        var lists = new List<int>[MaxTotalExcitations + 1];
        for (int s = 0; s < lists.Length; s++) lists[s] = [];
        for (int index = 0; index < Dimension; index++) lists[_totals[index]].Add(index);
        return [.. lists.Select(l => l.ToImmutableArray())];
    }
}
