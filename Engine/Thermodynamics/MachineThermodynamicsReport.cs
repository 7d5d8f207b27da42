using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Thermodynamics;

/// <summary>
/// What summary.json reports about a thermal machine's thermodynamics: the balance at the run's final state, and the
/// checks (energy conservation, second law) at a steady state.
/// </summary>
/// <param name="Approach">Global or local master equation (decides the energy in the entropy production).</param>
/// <param name="Final">The balance at the run's final moments (a steady state only for a steady-state solve).</param>
/// <param name="SteadyState">The balance with checks at the exact Gaussian steady state, or at the method's own steady
/// state when there is no Gaussian theory; null when neither exists.</param>
public sealed record MachineThermodynamicsReport(SecularApproach Approach, ThermodynamicState Final, ThermodynamicState? SteadyState)
{
    /// <summary>What is conserved at a steady state, in words.</summary>
    public const string ConservedQuantity =
        "⟨H_S⟩ with H_S = Σ_ij H_ij a_i† a_j (the passive system Hamiltonian, without Lamb shift or extra terms): " +
        "d⟨H_S⟩/dt = Σ_n J_n + P with P = i⟨[H, H_S]⟩ the power of the Hamiltonian terms other than H_S " +
        "(0 for no extra terms and a global or absent Lamb shift), so Σ_n J_n + P = 0 at a steady state";

    /// <summary>The definitions of the reported numbers, in words.</summary>
    public const string Definitions =
        "J_n = Tr[H_S 𝒟_n(ρ)] and I_n = Tr[N̂ 𝒟_n(ρ)] (positive: into the system), from ⟨a†a⟩: " +
        "J_n = Tr[H A_n] − Re Tr[H (E_n − A_n) N]; σ = −Σ_n β_n (J_n^G − μ_n I_n) with μ = 0 for spin baths and J_n^G the " +
        "current of the energy bath n thermalises (H_S in the global approach, the party's own H^(n) in the local one)";

    /// <summary>
    /// Evaluates the report for <paramref name="machine"/> (built into <paramref name="model"/>) from the final moments and,
    /// when known, the exact steady-state moments.
    /// </summary>
    /// <param name="machine">The thermal machine description.</param>
    /// <param name="model">Its Lindblad model (<see cref="ThermalMachine.Build"/>).</param>
    /// <param name="final">The run's final moments.</param>
    /// <param name="finalTime">Their time (+∞ for a steady-state solve).</param>
    /// <param name="finalRelativeError">Relative accuracy of the final moments (integrator tolerance, statistics); widens
    /// the checks when the final state is itself the steady state.</param>
    /// <param name="exactSteadyState">The Lyapunov steady state, or null for a non-Gaussian model.</param>
    public static MachineThermodynamicsReport Evaluate(
        ThermalMachineDescription machine, OpenSystemModel model, LadderMoments final, double finalTime, double finalRelativeError,
        LadderMoments? exactSteadyState)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(model);
        var baths = ThermalMachine.BathDissipators(machine);
        bool finalIsSteady = double.IsPositiveInfinity(finalTime);
        double finalTolerance = Math.Max(MachineThermodynamics.RelativeTolerance, finalRelativeError);
        var finalState = MachineThermodynamics.Evaluate(baths, machine.Hamiltonian, model.Hamiltonian, final,
            finalIsSteady ? "the method's steady state" : "the run's final state", finalTime, finalIsSteady, finalTolerance);
        var steady = exactSteadyState is not null
            ? MachineThermodynamics.Evaluate(baths, machine.Hamiltonian, model.Hamiltonian, exactSteadyState,
                "the exact Gaussian (Lyapunov) steady state", double.PositiveInfinity, isSteady: true)
            : finalIsSteady ? finalState : null;
        return new MachineThermodynamicsReport(machine.Approach, finalState, steady);
    }
}
