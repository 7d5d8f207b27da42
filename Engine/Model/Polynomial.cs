using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace BosonicTrajectories.Model;

/// <summary>
/// An operator written as a sum of <see cref="Monomial"/>s in the ladder operators. Used for Hamiltonians
/// and jump operators of every model kind; the Gaussian backend reads its terms of degree ≤ 2, the Fock
/// engine builds any degree.
/// </summary>
public sealed record Polynomial(ImmutableArray<Monomial> Terms)
{
    public static readonly Polynomial Zero = new(ImmutableArray<Monomial>.Empty);

    public int Degree => Terms.IsEmpty ? 0 : Terms.Max(t => t.Degree);

    public bool IsZero => Terms.All(t => t.Coefficient == Complex.Zero);

    public Polynomial Adjoint() => new(Terms.Select(t => t.Adjoint()).ToImmutableArray());

    public static Polynomial operator +(Polynomial x, Polynomial y) => new(x.Terms.AddRange(y.Terms));

    public Polynomial Scale(Complex factor) =>
        new(Terms.Select(t => t with { Coefficient = t.Coefficient * factor }).ToImmutableArray());

    /// <summary>Σ_ij M_ij a_i† a_j (a passive quadratic form); entries with |M_ij| = 0 are skipped.</summary>
    public static Polynomial FromHoppingMatrix(Complex[,] matrix)
    {
        var terms = ImmutableArray.CreateBuilder<Monomial>();
        for (int i = 0; i < matrix.GetLength(0); i++)
            for (int j = 0; j < matrix.GetLength(1); j++)
                if (matrix[i, j] != Complex.Zero)
                    terms.Add(new Monomial(matrix[i, j], [new(i, true), new(j, false)]));
        return new Polynomial(terms.ToImmutable());
    }

    /// <summary>Σ_i u_i a_i + Σ_i v_i a_i† (a linear operator, e.g. a jump).</summary>
    public static Polynomial Linear(IReadOnlyList<Complex> annihilate, IReadOnlyList<Complex> create)
    {
        var terms = ImmutableArray.CreateBuilder<Monomial>();
        for (int i = 0; i < annihilate.Count; i++)
            if (annihilate[i] != Complex.Zero) terms.Add(new Monomial(annihilate[i], [new(i, false)]));
        for (int i = 0; i < create.Count; i++)
            if (create[i] != Complex.Zero) terms.Add(new Monomial(create[i], [new(i, true)]));
        return new Polynomial(terms.ToImmutable());
    }

    public static Polynomial Single(Complex coefficient, params LadderOperator[] operators) =>
        new([new Monomial(coefficient, [.. operators])]);

    /// <summary>
    /// Parses the SPEC's <c>ops</c> string: whitespace-separated <c>a&lt;i&gt;</c> / <c>ad&lt;i&gt;</c>, left to right.
    /// Returns null and sets <paramref name="error"/> when a token is not of that form.
    /// </summary>
    public static ImmutableArray<LadderOperator>? ParseOperators(string text, out string? error)
    {
        var ops = ImmutableArray.CreateBuilder<LadderOperator>();
        foreach (string token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            bool create = token.StartsWith("ad", StringComparison.Ordinal);
            string digits = create ? token[2..] : token.StartsWith('a') ? token[1..] : "";
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) ||
                !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int mode))
            {
                error = $"'{token}' is not a ladder operator; write a<i> (annihilate mode i) or ad<i> (create mode i)";
                return null;
            }
            ops.Add(new LadderOperator(mode, create));
        }
        if (ops.Count == 0)
        {
            error = "an empty product; write e.g. \"ad0 a1\"";
            return null;
        }
        error = null;
        return ops.ToImmutable();
    }

    public override string ToString() => Terms.IsEmpty ? "0" : string.Join(" + ", Terms);

    public bool Equals(Polynomial? other) => other is not null && Terms.SequenceEqual(other.Terms);

    public override int GetHashCode() => Terms.Length;
}
