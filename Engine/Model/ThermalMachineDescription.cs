using System.Collections.Immutable;
using System.Numerics;

namespace BosonicTrajectories.Model;

/// <summary>Bath statistics: Bose (ξ = −1, exchanges energy and particles) or Fermi/spin (ξ = +1, energy only).</summary>
public enum BathStatistics { Bose, Fermi }

/// <summary>Global (strong inter-party coupling) or local (weak) secular master equation.</summary>
public enum SecularApproach { Global, Local }

/// <summary>A spectral density J(ω) ≥ 0 (SPEC §2).</summary>
public abstract record SpectralDensity
{
    public abstract double Evaluate(double omega);
}

/// <summary>J(ω) = κ.</summary>
public sealed record FlatSpectralDensity(double Kappa) : SpectralDensity
{
    public override double Evaluate(double omega) => Kappa;
}

/// <summary>J(ω) = κ (ω/ω_c)^s e^{−ω/ω_c} for ω ≥ 0, 0 for ω &lt; 0.</summary>
public sealed record OhmicSpectralDensity(double Kappa, double Cutoff, double Exponent) : SpectralDensity
{
    public override double Evaluate(double omega) =>
        omega <= 0 ? 0 : Kappa * Math.Pow(omega / Cutoff, Exponent) * Math.Exp(-omega / Cutoff);
}

/// <summary>
/// One thermal bath attached to one party. <see cref="Coupling"/> is K^n over the party's modes (in the order of
/// <see cref="Party.Modes"/>), Hermitian positive semidefinite. Temperature 0 means occupation 0.
/// </summary>
public sealed record BathDescription(
    string Party,
    BathStatistics Statistics,
    double Temperature,
    double ChemicalPotential,
    SpectralDensity SpectralDensity,
    Complex[,] Coupling,
    bool PositionLike);

/// <summary>The seed paper's thermal machine, as described by a config (SPEC §1, model kind <c>thermalMachine</c>).</summary>
public sealed record ThermalMachineDescription(
    int Modes,
    ImmutableArray<Party> Parties,
    Complex[,] Hamiltonian,
    ImmutableArray<BathDescription> Baths,
    SecularApproach Approach,
    bool LambShift,
    Polynomial ExtraTerms) : ModelDescription(Modes, Parties);
