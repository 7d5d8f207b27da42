using System.Collections.Immutable;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Analysis;

/// <summary>A split of the parties into two non-empty sides; <see cref="ModesB"/> are the modes partially transposed.</summary>
public sealed record Bipartition(ImmutableArray<string> SideA, ImmutableArray<string> SideB, ImmutableArray<int> ModesA, ImmutableArray<int> ModesB)
{
    public string Label => string.Join('+', SideA) + "|" + string.Join('+', SideB);

    /// <summary>
    /// The bipartitions the analysis reports. <see cref="BipartitionChoice.Parties"/>: each party against the rest
    /// (a split and its mirror image are the same split, so two parties give one); <see cref="BipartitionChoice.All"/>:
    /// every split of the parties into two non-empty sets (2^(N−1) − 1 of them). Party order is kept; the side holding
    /// the first party is side A.
    /// </summary>
    public static ImmutableArray<Bipartition> Enumerate(IReadOnlyList<Party> parties, BipartitionChoice choice)
    {
        int n = parties.Count;
        var result = ImmutableArray.CreateBuilder<Bipartition>();
        if (n < 2) return result.ToImmutable();
        var seen = new HashSet<long>();
        IEnumerable<long> masks = choice == BipartitionChoice.All
            ? Enumerable.Range(1, (1 << (n - 1)) - 1).Select(m => (long)m << 1)   // side B never holds party 0
            : Enumerable.Range(0, n).Select(k => 1L << k);
        foreach (long raw in masks)
        {
            long maskB = (raw & 1) != 0 ? ~raw & ((1L << n) - 1) : raw;        // normalise: party 0 on side A
            if (maskB == 0 || !seen.Add(maskB)) continue;
            var a = Enumerable.Range(0, n).Where(k => (maskB >> k & 1) == 0).ToList();
            var b = Enumerable.Range(0, n).Where(k => (maskB >> k & 1) != 0).ToList();
            result.Add(new Bipartition(
                [.. a.Select(k => parties[k].Name)], [.. b.Select(k => parties[k].Name)],
                [.. a.SelectMany(k => parties[k].Modes).Order()], [.. b.SelectMany(k => parties[k].Modes).Order()]));
        }
        return result.ToImmutable();
    }

    public bool Equals(Bipartition? other) => other is not null && ModesB.SequenceEqual(other.ModesB) && ModesA.SequenceEqual(other.ModesA);

    public override int GetHashCode() => ModesB.Length;
}
