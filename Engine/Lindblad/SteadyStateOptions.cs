namespace BosonicTrajectories.Lindblad;

/// <summary>How <see cref="SteadyStateSolver"/> solves each block of its preconditioner (alone, or inside the block sweeps of <see cref="SteadyStateOptions.BlockSweeps"/>).</summary>
public enum SteadyStatePreconditioner
{
    /// <summary>Exact no-jump (Sylvester) solve per block when every block is at most <see cref="SteadyStateOptions.MaxDenseBlock"/>; otherwise Jacobi.</summary>
    Auto,

    /// <summary>X ↦ 𝒮⁻¹X with 𝒮X = −i(H_eff X − X H_eff†), by diagonalising H_eff on each block (O(Σ size³) per application).</summary>
    Sylvester,

    /// <summary>The Fock-basis diagonal of 𝒮 only (cheap, weak when hoppings are large).</summary>
    Jacobi,
}

/// <summary>Options of <see cref="SteadyStateSolver"/>.</summary>
/// <param name="Tolerance">GMRES stops when ‖b − 𝒜ρ‖ ≤ Tolerance·‖b‖ for the trace-augmented system 𝒜ρ = b.</param>
/// <param name="MaxIterations">Total GMRES iterations (matrix-vector products) before giving up.</param>
/// <param name="Restart">Krylov subspace size between restarts (memory: up to Restart + 1 real vectors of the unknowns,
/// taken from the shared array pool as the iteration reaches them).</param>
/// <param name="UseExcitationStructure">Solve on the coherence-order-zero blocks only when the model conserves excitations.</param>
/// <param name="Preconditioner">Which preconditioner to use.</param>
/// <param name="MaxDenseBlock">Largest block that <see cref="SteadyStatePreconditioner.Auto"/> diagonalises densely.</param>
/// <param name="BlockSweeps">Precondition with symmetric block Gauss–Seidel sweeps over the excitation blocks (two
/// block solves per iteration; 296 → 41 and 173 → 32 iterations on the two targets of <paramref name="SweepRelaxation"/>
/// compared with the no-jump solve alone). Ignored with one block.</param>
/// <param name="PopulationCorrection">Add the coarse correction on eigenstate populations (a Pauli rate equation) after each
/// preconditioner application. Off by default: with the no-jump solve alone it saved only ~5% of the iterations on the
/// hot/cold machine for ~1.5× the work each, and with the block sweeps it costs iterations (42 → 95 on the three-mode
/// chain of configs/three-mode-steadystate.jsonc).</param>
/// <param name="SweepRelaxation">Over-relaxation factor ω ∈ (0, 2) of the jump terms in the block sweeps (symmetric SOR).
/// GMRES iterations to 1e-12 on the default hot/cold config (cutoff 20) / the three-mode chain of
/// configs/three-mode-steadystate.jsonc (cutoff 12): 57 / 40 at ω = 1, 41 / 32 at ω = 1.3; near ω = 1.6 the three-mode
/// count jumps back above 60, so 1.3 keeps a margin.</param>
public sealed record SteadyStateOptions(
    double Tolerance = 1e-12,
    int MaxIterations = 2000,
    int Restart = 60,
    bool UseExcitationStructure = true,
    SteadyStatePreconditioner Preconditioner = SteadyStatePreconditioner.Auto,
    int MaxDenseBlock = 800,
    bool PopulationCorrection = false,
    bool BlockSweeps = true,
    double SweepRelaxation = 1.3);
