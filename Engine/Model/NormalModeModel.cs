using System.Collections.Immutable;
using System.Numerics;

namespace BosonicTrajectories.Model;

/// <summary>
/// A passive model rewritten in its normal modes (ħ = 1). For H = c₀ + Σ_ij h_ij a_i† a_j (h Hermitian d×d)
/// diagonalise h = W Λ W† and set b_k = Σ_i conj(W_ik) a_i, so a_i = Σ_k W_ik b_k and H = c₀ + Σ_k λ_k b_k† b_k. A jump
/// L = c + Σ_i (α_i a_i + β_i a_i†) becomes c + Σ_k (Σ_i α_i W_ik) b_k + (Σ_i β_i conj(W_ik)) b_k†. It is the same
/// Lindblad equation with mode k standing for b_k; for a global master equation (jumps built from matrices that
/// commute with h) each emission or absorption jump becomes a single ladder operator b_k or b_k†.
/// </summary>
/// <param name="Model">
/// The model in normal modes: H' = c₀ + Σ_k λ_k b_k† b_k, the substituted jumps (same labels, same order), the original
/// parties (they keep their meaning only for the local-mode state) and no passive data (that is written in local modes).
/// </param>
/// <param name="Frequencies">The normal-mode frequencies λ_k, ascending.</param>
/// <param name="Modes">W (d×d unitary, row i = local mode, column k = normal mode): a_i = Σ_k W_ik b_k.</param>
public sealed record NormalModeModel(OpenSystemModel Model, ImmutableArray<double> Frequencies, Complex[,] Modes)
{
    /// <summary>
    /// A substituted jump coefficient below this fraction of the jump's largest is the roundoff of W (and of the bath
    /// eigenvectors the jump came from) and is set to exactly 0, so that a global jump is one ladder operator; dropping
    /// it changes ℒ by less than this relative amount.
    /// </summary>
    public const double RoundoffCoefficientCutoff = 1e-12;

    /// <summary>Largest |h_ij − conj(h_ji)|, relative to max(1, max|h|), accepted as a Hermitian h.</summary>
    public const double HermiticityTolerance = 1e-12;

    /// <summary>
    /// The normal-mode form of <paramref name="model"/>, or null when it does not apply: a Hamiltonian term other than a
    /// constant or a_i† a_j (creator first), a jump of degree above 1, a mode index outside the model, or h not Hermitian.
    /// </summary>
    public static NormalModeModel? TryCreate(OpenSystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int d = model.Modes;
        if (!AllModesInside(model)) return null;
        var h = new Complex[d, d];
        Complex constant = 0;
        foreach (var term in model.Hamiltonian.Terms)
        {
            if (term.Degree == 0) constant += term.Coefficient;
            else if (term.Degree == 2 && term.Operators[0].Create && !term.Operators[1].Create)
                h[term.Operators[0].Mode, term.Operators[1].Mode] += term.Coefficient;
            else return null;
        }
        if (model.Jumps.Any(j => j.Operator.Degree > 1)) return null;
        if (HermitianSpectrum.HermiticityDefect(h) > HermiticityTolerance * Math.Max(1, HermitianSpectrum.MaxAbs(h))) return null;

        var (frequencies, vectors) = HermitianSpectrum.Decompose(HermitianSpectrum.HermitianPart(HermitianSpectrum.ToMatrix(h)));
        var w = HermitianSpectrum.ToArray(vectors);
        var hamiltonian = new Polynomial([.. Enumerable.Range(0, d)
            .Where(k => frequencies[k] != 0)
            .Select(k => new Monomial(frequencies[k], [new LadderOperator(k, true), new LadderOperator(k, false)]))]);
        if (constant != Complex.Zero) hamiltonian += Polynomial.Single(constant);
        var jumps = model.Jumps.Select(j => j with { Operator = Substitute(j.Operator, w) }).ToImmutableArray();
        var normal = new OpenSystemModel(d, model.Parties, hamiltonian, jumps, Passive: null, model.Notes);
        return new NormalModeModel(normal, [.. frequencies], w);
    }

    /// <summary>c + Σ_i (α_i a_i + β_i a_i†) → c + Σ_k (Σ_i α_i W_ik) b_k + (Σ_i β_i conj(W_ik)) b_k†, roundoff dropped.</summary>
    private static Polynomial Substitute(Polynomial jump, Complex[,] w)
    {
        int d = w.GetLength(0);
        var annihilate = new Complex[d];
        var create = new Complex[d];
        Complex constant = 0;
        foreach (var term in jump.Terms)
        {
            if (term.Degree == 0)
            {
                constant += term.Coefficient;
                continue;
            }
            var op = term.Operators[0];
            for (int k = 0; k < d; k++)
            {
                if (op.Create) create[k] += term.Coefficient * Complex.Conjugate(w[op.Mode, k]);
                else annihilate[k] += term.Coefficient * w[op.Mode, k];
            }
        }
        double largest = Math.Max(constant.Magnitude, Math.Max(annihilate.Max(c => c.Magnitude), create.Max(c => c.Magnitude)));
        for (int k = 0; k < d; k++)
        {
            if (annihilate[k].Magnitude <= RoundoffCoefficientCutoff * largest) annihilate[k] = Complex.Zero;
            if (create[k].Magnitude <= RoundoffCoefficientCutoff * largest) create[k] = Complex.Zero;
        }
        var linear = Polynomial.Linear(annihilate, create);
        return constant == Complex.Zero ? linear : Polynomial.Single(constant) + linear;
    }

    private static bool AllModesInside(OpenSystemModel model) =>
        model.Jumps.Select(j => j.Operator).Append(model.Hamiltonian)
            .All(p => p.Terms.All(t => t.Operators.All(o => (uint)o.Mode < (uint)model.Modes)));
}
