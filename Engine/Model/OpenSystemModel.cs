using System.Collections.Immutable;

namespace BosonicTrajectories.Model;

/// <summary>
/// The Lindblad model every solver consumes (ħ = 1):
/// dρ/dt = −i[H, ρ] + Σ_k ( L_k ρ L_k† − ½{L_k† L_k, ρ} ).
/// Rates are folded into the jump operators (L_k = √γ_k O_k). Built from a thermal machine
/// (<see cref="ThermalMachine"/>) or from an explicit <c>lindblad</c> config.
/// </summary>
/// <param name="Modes">Number of bosonic modes d.</param>
/// <param name="Parties">The partition of the modes into parties.</param>
/// <param name="Hamiltonian">The full Hamiltonian (system, Lamb shift and any extra terms). Hermitian.</param>
/// <param name="Jumps">Jump operators, each with a label that says where it came from.</param>
/// <param name="Passive">For a thermal machine: the passive quadratic data (H, E, A, H_LS); null otherwise.</param>
/// <param name="Notes">Human-readable remarks the engine reports (e.g. outside the theorem's hypotheses).</param>
public sealed record OpenSystemModel(
    int Modes,
    ImmutableArray<Party> Parties,
    Polynomial Hamiltonian,
    ImmutableArray<JumpOperator> Jumps,
    PassiveQuadraticData? Passive,
    ImmutableArray<string> Notes)
{
    /// <summary>True when every Hamiltonian term has degree ≤ 2 and every jump is linear (Gaussian dynamics).</summary>
    public bool IsQuadratic => Hamiltonian.Degree <= 2 && Jumps.All(j => j.Operator.Degree <= 1);

    /// <summary>
    /// True when H conserves the total excitation number and every jump changes it by a fixed amount
    /// (a weak U(1) symmetry: the steady state is block diagonal in the excitation number).
    /// </summary>
    public bool ConservesExcitations =>
        Hamiltonian.Terms.All(t => t.ExcitationChange == 0) &&
        Jumps.All(j => j.Operator.Terms.Select(t => t.ExcitationChange).Distinct().Count() <= 1);
}

/// <summary>A jump operator L = √γ O with a label naming its origin (bath, channel).</summary>
public sealed record JumpOperator(string Label, Polynomial Operator);
