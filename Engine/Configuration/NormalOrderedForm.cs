using System.Globalization;
using System.Numerics;
using System.Text;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// A canonical form of a <see cref="Polynomial"/> used to compare operators exactly: operators on different modes
/// commute, and on each mode a word in a, a† is normal-ordered with a a† = a† a + 1, so each monomial becomes a sum
/// of Π_i (a_i†)^{k_i} (a_i)^{l_i} with combinatorial weights. The form maps a key "i:k,l;…" to its coefficient.
/// </summary>
internal static class NormalOrderedForm
{
    /// <summary>One normal-ordered monomial Π_i (a_i†)^k_i (a_i)^l_i, as (mode, k, l) with k + l &gt; 0, sorted by mode.</summary>
    public readonly record struct Key(string Text)
    {
        public override string ToString() => Text;
    }

    public static Dictionary<Key, Complex> Of(Polynomial polynomial)
    {
        var result = new Dictionary<Key, Complex>();
        foreach (var term in polynomial.Terms)
            foreach (var (factors, weight) in NormalOrder(term.Operators))
            {
                var key = MakeKey(factors);
                result[key] = result.GetValueOrDefault(key) + term.Coefficient * weight;
            }
        return result;
    }

    /// <summary>The key of the adjoint monomial: (a†^k a^l)† = a†^l a^k on every mode.</summary>
    public static Key Adjoint(Key key)
    {
        if (key.Text.Length == 0) return key;
        var factors = key.Text.Split(';').Select(f =>
        {
            var parts = f.Split(':', ',');
            return (Mode: int.Parse(parts[0], CultureInfo.InvariantCulture),
                    K: int.Parse(parts[2], CultureInfo.InvariantCulture),
                    L: int.Parse(parts[1], CultureInfo.InvariantCulture));
        });
        return MakeKey(factors.ToList());
    }

    /// <summary>Readable form of a key, e.g. "ad0 ad0 a1" (empty key: "1").</summary>
    public static string Describe(Key key)
    {
        if (key.Text.Length == 0) return "1";
        var sb = new StringBuilder();
        foreach (var f in key.Text.Split(';'))
        {
            var parts = f.Split(':', ',');
            int k = int.Parse(parts[1], CultureInfo.InvariantCulture), l = int.Parse(parts[2], CultureInfo.InvariantCulture);
            for (int n = 0; n < k; n++) sb.Append(" ad").Append(parts[0]);
            for (int n = 0; n < l; n++) sb.Append(" a").Append(parts[0]);
        }
        return sb.ToString().Trim();
    }

    private static Key MakeKey(IReadOnlyList<(int Mode, int K, int L)> factors) =>
        new(string.Join(';', factors.Where(f => f.K + f.L > 0).OrderBy(f => f.Mode)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Mode}:{f.K},{f.L}"))));

    /// <summary>The normal-ordered expansion of one operator product: list of (per-mode powers, weight).</summary>
    private static List<(List<(int Mode, int K, int L)> Factors, double Weight)> NormalOrder(IReadOnlyList<LadderOperator> operators)
    {
        var combined = new List<(List<(int, int, int)>, double)> { ([], 1.0) };
        foreach (var group in operators.GroupBy(o => o.Mode).OrderBy(g => g.Key))
        {
            var single = NormalOrderSingleMode(group.Select(o => o.Create));
            var next = new List<(List<(int, int, int)>, double)>();
            foreach (var (factors, weight) in combined)
                foreach (var ((k, l), w) in single)
                    next.Add(([.. factors, (group.Key, k, l)], weight * w));
            combined = next;
        }
        return combined;
    }

    /// <summary>
    /// Normal-orders a one-mode word, multiplying on the right: (a†^k a^l) a = a†^k a^{l+1} and
    /// (a†^k a^l) a† = a†^{k+1} a^l + l a†^k a^{l−1}.
    /// </summary>
    private static Dictionary<(int K, int L), double> NormalOrderSingleMode(IEnumerable<bool> creates)
    {
        var current = new Dictionary<(int K, int L), double> { [(0, 0)] = 1.0 };
        foreach (bool create in creates)
        {
            var next = new Dictionary<(int K, int L), double>();
            foreach (var ((k, l), w) in current)
            {
                if (!create)
                {
                    next[(k, l + 1)] = next.GetValueOrDefault((k, l + 1)) + w;
                    continue;
                }
                next[(k + 1, l)] = next.GetValueOrDefault((k + 1, l)) + w;
                if (l > 0) next[(k, l - 1)] = next.GetValueOrDefault((k, l - 1)) + l * w;
            }
            current = next;
        }
        return current;
    }
}
