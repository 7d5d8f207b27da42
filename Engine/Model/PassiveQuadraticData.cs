using System.Numerics;

namespace BosonicTrajectories.Model;

/// <summary>
/// The passive quadratic structure of a thermal machine (SPEC §1): system matrix H (H_S = Σ H_ij a_i† a_j),
/// Lamb-shift matrix H_LS, emission matrix E and absorption matrix A (all d×d Hermitian), and the validity
/// diagnostics. The master equation is
/// dρ/dt = −i[H_S + H_LS, ρ] + Σ_ij E_ij (a_j ρ a_i† − ½{a_i† a_j, ρ}) + Σ_ij A_ij (a_i† ρ a_j − ½{a_j a_i†, ρ}).
/// </summary>
public sealed record PassiveQuadraticData(
    Complex[,] SystemMatrix,
    Complex[,] LambShiftMatrix,
    Complex[,] EmissionMatrix,
    Complex[,] AbsorptionMatrix,
    ThermalMachineDiagnostics Diagnostics);

/// <summary>
/// Validity diagnostics: the secular margin (smallest gap between distinct Bohr frequencies over the largest
/// rate), whether E − A is positive definite (unique steady state), and warnings to show the user.
/// </summary>
public sealed record ThermalMachineDiagnostics(
    double SecularMargin,
    double MinEigenvalueEmissionMinusAbsorption,
    bool UniqueSteadyState,
    IReadOnlyList<string> Warnings);
