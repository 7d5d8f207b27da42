using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Model;

/// <summary>
/// One bath n attached to its party S_n, with the scalar functions the secular master equation needs
/// (SPEC §1): J^n(ω) = J_n(ω) K^n, the absorption rate J_n(ω) p_n(ω), the emission rate J_n(ω)(1 − ξ_n p_n(ω))
/// and the Lamb-shift function Φ_n(ω) = s^(n,1)(ω) + s^(n,2)(ω) per unit of K^n (see <see cref="LambShiftSpectrum"/>).
/// </summary>
internal sealed class BathChannel(int index, BathDescription description, Party party)
{
    public int Index { get; } = index;

    public BathDescription Description { get; } = description;

    public Party Party { get; } = party;

    public Matrix<Complex> Coupling { get; } = HermitianSpectrum.ToMatrix(description.Coupling);

    /// <summary>p_n(ω), with a message naming the bath when a bose bath is evaluated at ω ≤ μ.</summary>
    public double Occupation(double omega)
    {
        var d = Description;
        if (d.Statistics == BathStatistics.Bose && omega <= d.ChemicalPotential)
            throw ThermalMachineValidation.Invalid(
                $"baths[{Index}] (party '{Party.Name}'): a bose bath needs μ < ω at every frequency where it is evaluated, " +
                $"but μ = {d.ChemicalPotential} and the Bohr frequency ω = {omega}; lower the chemical potential");
        return BathOccupation.Occupation(d.Statistics, d.Temperature, d.ChemicalPotential, omega);
    }

    /// <summary>J_n(ω) p_n(ω): the absorption rate per unit of K^n.</summary>
    public double AbsorptionRate(double omega) => Description.SpectralDensity.Evaluate(omega) * Occupation(omega);

    /// <summary>J_n(ω)(1 − ξ_n p_n(ω)): the emission rate per unit of K^n.</summary>
    public double EmissionRate(double omega) =>
        Description.SpectralDensity.Evaluate(omega) * (1.0 - BathOccupation.Xi(Description.Statistics) * Occupation(omega));

    /// <summary>K^n placed in a space of modes (the whole system or one party), zero outside S_n.</summary>
    public Matrix<Complex> CouplingIn(IReadOnlyList<int> spaceModes) => HermitianSpectrum.Embed(Coupling, Party.Modes, spaceModes);
}
