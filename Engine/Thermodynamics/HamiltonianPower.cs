using System.Numerics;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Thermodynamics;

/// <summary>
/// The rate at which the Hamiltonian changes the system energy: P = d⟨H_S⟩/dt|_unitary = i⟨[H, H_S]⟩, with H the
/// full model Hamiltonian (H_S + Lamb shift + extra terms) and H_S = Σ_kl H_kl a_k† a_l. Only H − H_S contributes; it
/// vanishes for a global Lamb shift (block-diagonal in the eigenspaces of H) and is the power of any extra
/// (non-passive) terms. With the heat currents: d⟨H_S⟩/dt = P + Σ_n J_n.
/// <para>
/// Commutators: [a_i, H_S] = Σ_l H_il a_l and [a_i†, H_S] = −Σ_k H_ki a_k†, applied to each operator of each
/// monomial (a derivation). The expectation needs moments up to the degree of H, so it is available for Hamiltonians
/// of degree ≤ 2 only (from ⟨a⟩, ⟨a†a⟩, ⟨aa⟩).
/// </para>
/// </summary>
public static class HamiltonianPower
{
    /// <summary>P = i⟨[H, H_S]⟩, or null when <paramref name="hamiltonian"/> has a term of degree &gt; 2.</summary>
    /// <param name="hamiltonian">The full Hamiltonian polynomial (<see cref="OpenSystemModel.Hamiltonian"/>).</param>
    /// <param name="systemMatrix">H of H_S = Σ H_kl a_k† a_l.</param>
    /// <param name="moments">First and second moments of the state.</param>
    public static double? Evaluate(Polynomial hamiltonian, Complex[,] systemMatrix, LadderMoments moments)
    {
        ArgumentNullException.ThrowIfNull(hamiltonian);
        ArgumentNullException.ThrowIfNull(systemMatrix);
        ArgumentNullException.ThrowIfNull(moments);
        if (hamiltonian.Degree > 2) return null;
        int d = moments.Modes;
        if (systemMatrix.GetLength(0) != d || systemMatrix.GetLength(1) != d)
            throw new ArgumentException($"H is {systemMatrix.GetLength(0)}×{systemMatrix.GetLength(1)} for {d} modes", nameof(systemMatrix));

        Complex commutator = Complex.Zero;   // ⟨[H, H_S]⟩
        var ops = new LadderOperator[2];
        foreach (var term in hamiltonian.Terms)
        {
            if (term.Coefficient == Complex.Zero) continue;
            int k = term.Degree;
            for (int p = 0; p < k; p++)
            {
                term.Operators.CopyTo(ops);
                var op = term.Operators[p];
                if (op.Mode >= d) throw new ArgumentException($"term {term} acts on mode {op.Mode} of {d}", nameof(hamiltonian));
                for (int m = 0; m < d; m++)
                {
                    // [a_i, H_S] = Σ_m H_im a_m;  [a_i†, H_S] = −Σ_m H_mi a_m†
                    Complex factor = op.Create ? -systemMatrix[m, op.Mode] : systemMatrix[op.Mode, m];
                    if (factor == Complex.Zero) continue;
                    ops[p] = new LadderOperator(m, op.Create);
                    commutator += term.Coefficient * factor * Expectation(ops.AsSpan(0, k), moments);
                }
            }
        }
        return (Complex.ImaginaryOne * commutator).Real;
    }

    /// <summary>⟨O_1 … O_k⟩ for k ≤ 2 ladder operators in the given order, from the moments.</summary>
    internal static Complex Expectation(ReadOnlySpan<LadderOperator> ops, LadderMoments m)
    {
        switch (ops.Length)
        {
            case 0:
                return Complex.One;
            case 1:
                return ops[0].Create ? Complex.Conjugate(m.Mean[ops[0].Mode]) : m.Mean[ops[0].Mode];
            case 2:
                {
                    var (x, y) = (ops[0], ops[1]);
                    return (x.Create, y.Create) switch
                    {
                        (true, false) => m.AdaggerA[x.Mode, y.Mode],
                        (false, true) => m.AdaggerA[y.Mode, x.Mode] + (x.Mode == y.Mode ? Complex.One : Complex.Zero),
                        (false, false) => m.AA[x.Mode, y.Mode],
                        (true, true) => Complex.Conjugate(m.AA[y.Mode, x.Mode]),
                    };
                }
            default:
                throw new ArgumentException($"only products of at most 2 ladder operators, got {ops.Length}", nameof(ops));
        }
    }
}
