using System.Collections.Immutable;
using System.Numerics;

namespace BosonicTrajectories.Model;

/// <summary>
/// A coefficient times an ordered product of ladder operators, applied right to left as written
/// left to right: <c>c · O_1 O_2 … O_k</c> (so "ad0 a1" is c a_0† a_1).
/// </summary>
public sealed record Monomial(Complex Coefficient, ImmutableArray<LadderOperator> Operators)
{
    public int Degree => Operators.Length;

    /// <summary>Net change of the total excitation number: (#creators − #annihilators).</summary>
    public int ExcitationChange => Operators.Count(o => o.Create) - Operators.Count(o => !o.Create);

    /// <summary>(c O_1 … O_k)† = c* O_k† … O_1†.</summary>
    public Monomial Adjoint() =>
        new(Complex.Conjugate(Coefficient), Operators.Reverse().Select(o => o.Adjoint()).ToImmutableArray());

    public override string ToString() => $"({Coefficient.Real:G6}{(Coefficient.Imaginary >= 0 ? "+" : "")}{Coefficient.Imaginary:G6}i) {string.Join(' ', Operators)}";

    public bool Equals(Monomial? other) =>
        other is not null && Coefficient == other.Coefficient && Operators.SequenceEqual(other.Operators);

    public override int GetHashCode() => HashCode.Combine(Coefficient, Operators.Length);
}
