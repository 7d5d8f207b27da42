using System.Numerics;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Fock;

/// <summary>
/// Sparse matrices of ladder-operator polynomials on a truncated <see cref="FockSpace"/>.
/// <para>
/// Truncation rule: each monomial c O_1 … O_k is applied right to left to every basis state, with
/// a_i|n⟩ = √n_i |n − e_i⟩ and a_i†|n⟩ = √(n_i + 1) |n + e_i⟩; a state that leaves the truncated space
/// at any step (a creator on a top level) is dropped. The result is therefore exactly the product of the
/// truncated single-operator matrices P O_1 P · … · P O_k P, so a_i† a_i = diag(n_i) but
/// [a_i, a_i†] = 1 only on states from which a_i† stays inside the space.
/// </para>
/// </summary>
public static class FockOperators
{
    /// <summary>The matrix of Σ_t c_t O_{t,1} … O_{t,k} on <paramref name="space"/> (truncation rule above).</summary>
    public static SparseMatrix Build(FockSpace space, Polynomial polynomial)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(polynomial);
        foreach (var term in polynomial.Terms) CheckModes(space, term, nameof(polynomial));

        var entries = new List<(int, int, Complex)>();
        var occupations = new int[space.Modes];
        for (int column = 0; column < space.Dimension; column++)
        {
            foreach (var term in polynomial.Terms)
            {
                if (term.Coefficient == Complex.Zero) continue;
                space.Occupations(column).CopyTo(occupations);
                double amplitude = Apply(space, term, occupations);
                if (amplitude != 0) entries.Add((space.IndexOf(occupations), column, term.Coefficient * amplitude));
            }
        }
        return SparseMatrix.FromTriplets(space.Dimension, entries);
    }

    /// <summary>The matrix of one monomial.</summary>
    public static SparseMatrix Build(FockSpace space, Monomial monomial) => Build(space, new Polynomial([monomial]));

    /// <summary>a_mode.</summary>
    public static SparseMatrix Annihilation(FockSpace space, int mode) =>
        Build(space, Polynomial.Single(Complex.One, new LadderOperator(mode, false)));

    /// <summary>a_mode† (truncated: the top level is mapped to zero).</summary>
    public static SparseMatrix Creation(FockSpace space, int mode) =>
        Build(space, Polynomial.Single(Complex.One, new LadderOperator(mode, true)));

    /// <summary>n_mode = a_mode† a_mode = diag(n_mode).</summary>
    public static SparseMatrix Number(FockSpace space, int mode) =>
        Build(space, Polynomial.Single(Complex.One, new LadderOperator(mode, true), new LadderOperator(mode, false)));

    /// <summary>
    /// Applies the operators of <paramref name="term"/> right to left to the occupation vector in place and
    /// returns the real amplitude Π √n (without the coefficient); 0 when the state is annihilated or leaves
    /// the truncated space.
    /// </summary>
    private static double Apply(FockSpace space, Monomial term, int[] occupations)
    {
        double amplitude = 1;
        int total = 0;
        foreach (int n in occupations) total += n;
        for (int k = term.Operators.Length - 1; k >= 0; k--)
        {
            var op = term.Operators[k];
            int n = occupations[op.Mode];
            if (op.Create)
            {
                if (n == space.MaxLevel(op.Mode) || total == space.MaxTotalExcitations) return 0;
                occupations[op.Mode] = n + 1;
                total++;
                amplitude *= Math.Sqrt(n + 1);
            }
            else
            {
                if (n == 0) return 0;
                occupations[op.Mode] = n - 1;
                total--;
                amplitude *= Math.Sqrt(n);
            }
        }
        return amplitude;
    }

    private static void CheckModes(FockSpace space, Monomial term, string argument)
    {
        foreach (var op in term.Operators)
        {
            if ((uint)op.Mode >= (uint)space.Modes)
                throw new ArgumentException($"term {term} acts on mode {op.Mode}, but the space has {space.Modes} modes", argument);
        }
    }
}
