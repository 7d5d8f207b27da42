using System.Numerics;

namespace BosonicTrajectories.Model;

/// <summary>
/// The share of one bath n in the passive dissipator (SPEC §1): its emission and absorption matrices E_n, A_n with
/// Σ_n E_n = E and Σ_n A_n = A, so that the bath's dissipator is
/// 𝒟_n(ρ) = Σ_ij (E_n)_ij (a_j ρ a_i† − ½{a_i† a_j, ρ}) + Σ_ij (A_n)_ij (a_i† ρ a_j − ½{a_j a_i†, ρ}).
/// <see cref="GibbsMatrix"/> is the matrix G of the quadratic Hamiltonian Σ_ij G_ij a_i† a_j whose grand-canonical
/// state exp(−β_n(Σ G_ij a_i† a_j − μ_n N̂)) 𝒟_n leaves invariant: the whole H in the global approach, the party's
/// own block H^(n) (embedded, zero elsewhere) in the local approach. It is the energy the bath's KMS condition refers
/// to, and so the one in Spohn's inequality (second law per bath).
/// </summary>
/// <param name="Index">The bath's index in the description's <c>baths</c> list.</param>
/// <param name="Bath">The bath's description (party, statistics, T, μ).</param>
/// <param name="EmissionMatrix">E_n (d×d Hermitian positive semidefinite).</param>
/// <param name="AbsorptionMatrix">A_n (d×d Hermitian positive semidefinite).</param>
/// <param name="GibbsMatrix">G_n (d×d Hermitian), see above.</param>
public sealed record BathDissipator(
    int Index,
    BathDescription Bath,
    Complex[,] EmissionMatrix,
    Complex[,] AbsorptionMatrix,
    Complex[,] GibbsMatrix);
