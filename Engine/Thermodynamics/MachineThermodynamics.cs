using System.Numerics;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Thermodynamics;

/// <summary>
/// The thermodynamics of a thermal machine from a state's second moments: per-bath heat currents
/// J_n = Tr[H_S 𝒟_n(ρ)] and particle currents I_n = Tr[N̂ 𝒟_n(ρ)] (<see cref="HeatCurrents"/>), the energy balance
/// d⟨H_S⟩/dt = Σ_n J_n + P with P the power of the Hamiltonian terms other than H_S (<see cref="HamiltonianPower"/>),
/// and the entropy production σ = −Σ_n β_n (J_n^G − μ_n I_n) (<see cref="EntropyProduction"/>). At a steady state
/// the conserved quantity is ⟨H_S⟩ (H_S = Σ_ij H_ij a_i† a_j, the passive system Hamiltonian without Lamb shift or
/// extra terms): Σ_n J_n = −P, which is 0 in the global approach without extra terms, and also in the local approach
/// without Lamb shift.
/// </summary>
public static class MachineThermodynamics
{
    /// <summary>
    /// Relative tolerance of the balance checks at an exact (Lyapunov) steady state, relative to the gross flows
    /// (<see cref="BathCurrents.Scale"/>): the Lyapunov solution is accurate to ~1e-13 relative; 1e-8 leaves room for
    /// ill-conditioned H without hiding a real current (a physical imbalance is O(1) relative).
    /// </summary>
    public const double RelativeTolerance = 1e-8;

    /// <summary>Evaluates the balance of the state with moments <paramref name="moments"/>.</summary>
    /// <param name="baths">Per-bath dissipators (<see cref="ThermalMachine.BathDissipators"/>).</param>
    /// <param name="systemMatrix">H of H_S = Σ H_ij a_i† a_j.</param>
    /// <param name="hamiltonian">The model's full Hamiltonian (H_S + H_LS + extra terms).</param>
    /// <param name="moments">The state's moments (non-centred ⟨a†a⟩).</param>
    /// <param name="source">Where the moments come from, for the report.</param>
    /// <param name="time">The state's time (+∞ for a steady state).</param>
    /// <param name="isSteady">Whether to apply the steady-state checks.</param>
    /// <param name="relativeTolerance">Tolerance of the checks relative to the gross flows; at least <see cref="RelativeTolerance"/>.</param>
    public static ThermodynamicState Evaluate(
        IReadOnlyList<BathDissipator> baths,
        Complex[,] systemMatrix,
        Polynomial hamiltonian,
        LadderMoments moments,
        string source,
        double time,
        bool isSteady,
        double relativeTolerance = RelativeTolerance)
    {
        if (!(relativeTolerance >= 0)) throw new ArgumentException($"tolerance must be ≥ 0, got {relativeTolerance}", nameof(relativeTolerance));
        var currents = HeatCurrents.ForBaths(baths, systemMatrix, moments);
        double sum = currents.Sum(c => c.HeatCurrent);
        double scale = currents.Sum(c => c.Scale);
        double? power = HamiltonianPower.Evaluate(hamiltonian, systemMatrix, moments);
        var entropy = EntropyProduction.Evaluate(currents, relativeTolerance);
        return new ThermodynamicState(source, time, currents, sum, power, relativeTolerance * scale, entropy, isSteady);
    }
}
