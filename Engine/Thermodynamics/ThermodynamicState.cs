namespace BosonicTrajectories.Thermodynamics;

/// <summary>
/// The energy and entropy balance of a thermal machine in one state.
/// </summary>
/// <param name="Source">Where the moments came from ("Gaussian Lyapunov steady state", "final state", …).</param>
/// <param name="Time">Time of the state (+∞ for a steady state).</param>
/// <param name="Baths">Per-bath currents J_n, I_n, J_n^G.</param>
/// <param name="HeatCurrentSum">Σ_n J_n.</param>
/// <param name="HamiltonianPower">P = i⟨[H, H_S]⟩ (<see cref="Thermodynamics.HamiltonianPower"/>); null for a Hamiltonian of degree &gt; 2.</param>
/// <param name="EnergyTolerance">Tolerance of the steady-state energy balance |Σ_n J_n + P| (relative tolerance × Σ_n scale_n).</param>
/// <param name="Entropy">σ = −Σ_n β_n (J_n^G − μ_n I_n); the entropy production at a steady state, the entropy flow otherwise.</param>
/// <param name="IsSteady">Whether the state is a steady state (the checks below apply only then).</param>
public sealed record ThermodynamicState(
    string Source,
    double Time,
    IReadOnlyList<BathCurrents> Baths,
    double HeatCurrentSum,
    double? HamiltonianPower,
    double EnergyTolerance,
    EntropyProductionResult Entropy,
    bool IsSteady)
{
    /// <summary>d⟨H_S⟩/dt = Σ_n J_n + P (null when P is unavailable): zero at a steady state.</summary>
    public double? EnergyChangeRate => HamiltonianPower is { } p ? HeatCurrentSum + p : null;

    /// <summary>At a steady state: |Σ_n J_n + P| ≤ <see cref="EnergyTolerance"/>; null when P is unavailable or the state is not steady.</summary>
    public bool? EnergyConserved => IsSteady && EnergyChangeRate is { } rate ? Math.Abs(rate) <= EnergyTolerance : null;

    /// <summary>At a steady state: σ ≥ −tolerance; null when the state is not steady.</summary>
    public bool? SecondLawHolds => IsSteady ? Entropy.SecondLawHolds : null;
}
