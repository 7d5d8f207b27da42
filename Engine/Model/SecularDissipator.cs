using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Model;

/// <summary>
/// The full-secular dissipator of a set of baths acting on a space of modes (the whole system for the global
/// approach, one party for the local approach), with that space's Hamiltonian block Σ_λ ω_λ P_λ
/// (seed paper eqs. 29–34 and 36–41, written in the mode basis):
/// A = Σ_λ P_λ [Σ_n J_n(ω_λ) p_n(ω_λ) K^n] P_λ,
/// E = Σ_λ P_λ [Σ_n J_n(ω_λ)(1 − ξ_n p_n(ω_λ)) K^n] P_λ,
/// H_LS = Σ_λ P_λ [Σ_n Φ_n(ω_λ) K^n + η_n Φ_n(−ω_λ) (K^n)ᵀ] P_λ,
/// where Φ_n = s^(n,1) + s^(n,2) (<see cref="LambShiftSpectrum"/>). In eq. (34) the η-term carries
/// s_ji^(n,1)(−ω) + s_ij^(n,2)(−ω) = K_ji Φ_n(−ω), hence the transpose.
/// </summary>
internal sealed record SecularDissipator(
    Matrix<Complex> Absorption,
    Matrix<Complex> Emission,
    Matrix<Complex> LambShift,
    IReadOnlyList<double> BohrFrequencies)
{
    /// <summary>Builds A, E (and H_LS when <paramref name="lambShift"/>) on <paramref name="spaceModes"/>.</summary>
    public static SecularDissipator Build(
        Matrix<Complex> hamiltonianBlock,
        IReadOnlyList<int> spaceModes,
        IReadOnlyList<BathChannel> baths,
        bool lambShift,
        double degeneracyTolerance)
    {
        int m = spaceModes.Count;
        var spaces = HermitianSpectrum.Eigenspaces(hamiltonianBlock, degeneracyTolerance);
        var absorption = Matrix<Complex>.Build.Dense(m, m);
        var emission = Matrix<Complex>.Build.Dense(m, m);
        var shift = Matrix<Complex>.Build.Dense(m, m);
        var couplings = baths.Select(b => b.CouplingIn(spaceModes)).ToArray();

        foreach (var space in spaces)
        {
            double omega = space.Frequency;
            var p = space.Projector;
            var gain = Matrix<Complex>.Build.Dense(m, m);
            var loss = Matrix<Complex>.Build.Dense(m, m);
            var lamb = Matrix<Complex>.Build.Dense(m, m);
            for (int b = 0; b < baths.Count; b++)
            {
                gain += couplings[b] * baths[b].AbsorptionRate(omega);
                loss += couplings[b] * baths[b].EmissionRate(omega);
                if (!lambShift) continue;
                lamb += couplings[b] * LambShiftSpectrum.Combined(baths[b].Description, omega);
                if (baths[b].Description.PositionLike)
                    lamb += couplings[b].Transpose() * LambShiftSpectrum.Combined(baths[b].Description, -omega);
            }
            absorption += p * gain * p;
            emission += p * loss * p;
            if (lambShift) shift += p * lamb * p;
        }

        return new SecularDissipator(
            HermitianSpectrum.HermitianPart(absorption),
            HermitianSpectrum.HermitianPart(emission),
            HermitianSpectrum.HermitianPart(shift),
            spaces.Select(s => s.Frequency).ToArray());
    }
}
