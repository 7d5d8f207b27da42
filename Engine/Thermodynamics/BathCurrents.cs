using BosonicTrajectories.Model;

namespace BosonicTrajectories.Thermodynamics;

/// <summary>
/// The currents into the system from one bath n (positive: from the bath into the system), for a state ρ:
/// heat current J_n = Tr[H_S 𝒟_n(ρ)], particle current I_n = Tr[N̂ 𝒟_n(ρ)], and the current of the energy the bath
/// thermalises, J_n^G = Tr[H_G 𝒟_n(ρ)] with H_G = Σ_ij (G_n)_ij a_i† a_j (<see cref="BathDissipator.GibbsMatrix"/>:
/// equal to J_n in the global approach, the party's local energy in the local approach).
/// </summary>
/// <param name="Dissipator">The bath's share of the dissipator.</param>
/// <param name="HeatCurrent">J_n.</param>
/// <param name="ParticleCurrent">I_n (reported for every bath; a spin bath has μ = 0, so it carries no chemical work).</param>
/// <param name="GibbsHeatCurrent">J_n^G.</param>
/// <param name="Scale">
/// A bound on the gross flows whose difference is J_n (gain term + bound on the loss term, see <see cref="HeatCurrents"/>):
/// round-off and moment errors of J_n are relative to this, not to J_n (which vanishes at equilibrium).
/// </param>
public sealed record BathCurrents(BathDissipator Dissipator, double HeatCurrent, double ParticleCurrent, double GibbsHeatCurrent, double Scale)
{
    /// <summary>μ_n as it enters the entropy production: the bath's chemical potential for bose, 0 for a spin (fermi) bath.</summary>
    public double ChemicalPotential =>
        Dissipator.Bath.Statistics == BathStatistics.Bose ? Dissipator.Bath.ChemicalPotential : 0.0;

    /// <summary>J_n^G − μ_n I_n: the heat flow that enters the bath's entropy balance, −β_n (J_n^G − μ_n I_n).</summary>
    public double GrandHeatCurrent => GibbsHeatCurrent - (ChemicalPotential * ParticleCurrent);
}
