using System.Collections.Immutable;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Model;

/// <summary>
/// Turns the seed paper's thermal machine into a Lindblad model (SPEC §1; paper §IV):
/// dρ/dt = −i[H_S + H_LS, ρ] + Σ_ij E_ij (a_j ρ a_i† − ½{a_i† a_j, ρ}) + Σ_ij A_ij (a_i† ρ a_j − ½{a_j a_i†, ρ}),
/// with H_S = Σ_ij H_ij a_i† a_j and, in the global approach (H = Σ_λ ω_λ P_λ),
/// A = Σ_λ P_λ [Σ_n p_n(ω_λ) J^n(ω_λ)] P_λ and E = Σ_λ P_λ [Σ_n (1 − ξ_n p_n(ω_λ)) J^n(ω_λ)] P_λ (eqs. 29–31),
/// or in the local approach the same per party with the party's own block H^(n) (eqs. 36–38).
/// H_LS follows eqs. (33)–(34) (global) or (40)–(41) (local) when the machine asks for it.
/// </summary>
public static class ThermalMachine
{
    /// <summary>The note attached to a model whose extra terms lie outside the theorem's hypotheses.</summary>
    public const string ExtraTermsNote =
        "extra Hamiltonian terms were added after the dissipators were derived from the passive H: " +
        "this model is outside the theorem's hypotheses, so separability is computed, not guaranteed";

    /// <summary>
    /// Builds the Lindblad model of <paramref name="machine"/>: Hamiltonian Σ_ij (H + H_LS)_ij a_i† a_j plus the
    /// extra terms, emission jumps "emission[k]" = √e_k Σ_j conj((v_k)_j) a_j from E = Σ_k e_k v_k v_k†, absorption
    /// jumps "absorption[k]" = √α_k Σ_i (w_k)_i a_i† from A = Σ_k α_k w_k w_k†, and the passive data with diagnostics.
    /// </summary>
    /// <param name="machine">The description (H positive definite, parties partitioning the modes, K^n Hermitian PSD).</param>
    /// <param name="degeneracyTolerance">
    /// Eigenvalues of H (global) or of a party's block H^(n) (local) closer than this times that matrix's max|ω|
    /// form one eigenspace.
    /// </param>
    /// <exception cref="ArgumentException">The description violates a hypothesis (names the item).</exception>
    /// <exception cref="NumericalFailureException">A rate matrix or principal-value integral failed numerically.</exception>
    public static OpenSystemModel Build(ThermalMachineDescription machine, double degeneracyTolerance = 1e-9)
    {
        var baths = ThermalMachineValidation.Validate(machine, degeneracyTolerance);
        int d = machine.Modes;
        var allModes = Enumerable.Range(0, d).ToArray();
        var h = HermitianSpectrum.HermitianPart(HermitianSpectrum.ToMatrix(machine.Hamiltonian));

        var absorption = Matrix<Complex>.Build.Dense(d, d);
        var emission = Matrix<Complex>.Build.Dense(d, d);
        var lambShift = Matrix<Complex>.Build.Dense(d, d);
        var bohrSets = new List<IReadOnlyList<double>>();

        if (machine.Approach == SecularApproach.Global)
        {
            var global = SecularDissipator.Build(h, allModes, baths, machine.LambShift, degeneracyTolerance);
            (absorption, emission, lambShift) = (global.Absorption, global.Emission, global.LambShift);
            bohrSets.Add(global.BohrFrequencies);
        }
        else
        {
            foreach (var party in machine.Parties)
            {
                var partyBaths = baths.Where(b => b.Party.Name == party.Name).ToArray();
                if (partyBaths.Length == 0) continue; // no bath: no dissipator and no secular approximation here
                var modes = party.Modes;
                var block = Matrix<Complex>.Build.Dense(modes.Length, modes.Length, (i, j) => h[modes[i], modes[j]]);
                var local = SecularDissipator.Build(block, modes, partyBaths, machine.LambShift, degeneracyTolerance);
                absorption += HermitianSpectrum.Embed(local.Absorption, modes, allModes);
                emission += HermitianSpectrum.Embed(local.Emission, modes, allModes);
                lambShift += HermitianSpectrum.Embed(local.LambShift, modes, allModes);
                bohrSets.Add(local.BohrFrequencies);
            }
        }

        var jumps = PassiveJumpOperators.Build(emission, absorption);
        var diagnostics = SecularDiagnostics.Compute(bohrSets, emission, absorption);

        var extra = machine.ExtraTerms ?? Polynomial.Zero;
        var hamiltonian = Polynomial.FromHoppingMatrix(HermitianSpectrum.ToArray(h + lambShift)) + extra;
        var notes = extra.Terms.IsEmpty ? ImmutableArray<string>.Empty : [ExtraTermsNote];

        var passive = new PassiveQuadraticData(
            (Complex[,])machine.Hamiltonian.Clone(),
            HermitianSpectrum.ToArray(lambShift),
            HermitianSpectrum.ToArray(emission),
            HermitianSpectrum.ToArray(absorption),
            diagnostics);
        return new OpenSystemModel(d, machine.Parties, hamiltonian, jumps, passive, notes);
    }

    /// <summary>
    /// Splits the dissipator of <paramref name="machine"/> by bath: for each bath n, E_n and A_n are the rates of
    /// <see cref="Build"/> with every other bath removed (same eigenspaces, same tolerance; the rates are linear in
    /// the baths, so Σ_n E_n = E and Σ_n A_n = A). The Lamb shift is not split (it is a Hamiltonian term, not a
    /// dissipator). Used for per-bath heat and particle currents.
    /// </summary>
    /// <param name="machine">The description (validated as in <see cref="Build"/>).</param>
    /// <param name="degeneracyTolerance">The same tolerance as given to <see cref="Build"/>.</param>
    /// <exception cref="ArgumentException">The description violates a hypothesis (names the item).</exception>
    public static IReadOnlyList<BathDissipator> BathDissipators(ThermalMachineDescription machine, double degeneracyTolerance = 1e-9)
    {
        var baths = ThermalMachineValidation.Validate(machine, degeneracyTolerance);
        int d = machine.Modes;
        var allModes = Enumerable.Range(0, d).ToArray();
        var h = HermitianSpectrum.HermitianPart(HermitianSpectrum.ToMatrix(machine.Hamiltonian));
        var result = new List<BathDissipator>(baths.Count);
        foreach (var bath in baths)
        {
            IReadOnlyList<int> modes = machine.Approach == SecularApproach.Global ? allModes : bath.Party.Modes;
            var block = Matrix<Complex>.Build.Dense(modes.Count, modes.Count, (i, j) => h[modes[i], modes[j]]);
            var own = SecularDissipator.Build(block, modes, [bath], lambShift: false, degeneracyTolerance);
            result.Add(new BathDissipator(
                bath.Index,
                bath.Description,
                HermitianSpectrum.ToArray(HermitianSpectrum.Embed(own.Emission, modes, allModes)),
                HermitianSpectrum.ToArray(HermitianSpectrum.Embed(own.Absorption, modes, allModes)),
                HermitianSpectrum.ToArray(HermitianSpectrum.Embed(block, modes, allModes))));
        }
        return result;
    }
}
