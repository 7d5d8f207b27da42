using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Model;

/// <summary>
/// Checks a <see cref="ThermalMachineDescription"/> against the theorem's hypotheses and the description's own
/// consistency before any rates are computed. Every failure is an <see cref="ArgumentException"/> naming the
/// offending item (parameter name "machine").
/// </summary>
internal static class ThermalMachineValidation
{
    /// <summary>Relative tolerance (to max|entry|) for Hermiticity of H and of each K^n.</summary>
    public const double HermiticityTolerance = 1e-12;

    /// <summary>H's smallest eigenvalue must exceed this fraction of its largest |eigenvalue|; K^n's may not go below −(this)·max.</summary>
    public const double DefinitenessTolerance = 1e-12;

    private const string Param = "machine";

    /// <summary>An <see cref="ArgumentException"/> about the machine description (parameter name "machine").</summary>
    public static ArgumentException Invalid(string message, string parameter = Param) => new(message, parameter);

    /// <summary>Validates and returns each bath with its party resolved.</summary>
    public static IReadOnlyList<BathChannel> Validate(ThermalMachineDescription machine, double degeneracyTolerance)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (!(degeneracyTolerance >= 0) || !double.IsFinite(degeneracyTolerance))
            throw Invalid($"degeneracy tolerance must be finite and ≥ 0, got {degeneracyTolerance}", nameof(degeneracyTolerance));
        int d = machine.Modes;
        if (d < 1) throw Invalid($"a thermal machine needs at least one mode, got {d}");

        ValidateHamiltonian(machine.Hamiltonian, d);
        var parties = ValidateParties(machine.Parties, d);

        var baths = new List<BathChannel>();
        for (int n = 0; n < machine.Baths.Length; n++)
        {
            var bath = machine.Baths[n];
            string where = $"baths[{n}] (party '{bath.Party}')";
            if (!parties.TryGetValue(bath.Party, out var party))
                throw Invalid($"{where}: no party named '{bath.Party}'; parties are {string.Join(", ", parties.Keys.Select(k => $"'{k}'"))}");
            if (!(bath.Temperature >= 0) || !double.IsFinite(bath.Temperature))
                throw Invalid($"{where}: temperature must be finite and ≥ 0, got {bath.Temperature}");
            if (!double.IsFinite(bath.ChemicalPotential))
                throw Invalid($"{where}: chemical potential must be finite, got {bath.ChemicalPotential}");
            ValidateSpectralDensity(bath.SpectralDensity, where);
            if (machine.LambShift && LambShiftSpectrum.Problem(bath.SpectralDensity) is { } problem)
                throw Invalid($"{where}: lambShift is on but {problem}");
            ValidateCoupling(bath.Coupling, party.Modes.Length, where);
            baths.Add(new BathChannel(n, bath, party));
        }

        foreach (var term in machine.ExtraTerms?.Terms ?? [])
            foreach (var op in term.Operators)
                if (op.Mode < 0 || op.Mode >= d)
                    throw Invalid($"extra term {term}: mode {op.Mode} is outside 0..{d - 1}");
        return baths;
    }

    private static void ValidateHamiltonian(Complex[,] h, int d)
    {
        if (h is null || h.GetLength(0) != d || h.GetLength(1) != d)
            throw Invalid($"the Hamiltonian matrix must be {d}×{d}");
        foreach (var z in h)
            if (!double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary))
                throw Invalid("the Hamiltonian matrix has a non-finite entry");
        double scale = HermitianSpectrum.MaxAbs(h);
        if (HermitianSpectrum.HermiticityDefect(h) > HermiticityTolerance * scale)
            throw Invalid("the Hamiltonian matrix H must be Hermitian (H_ij = conj(H_ji))");
        var values = HermitianSpectrum.Eigenvalues(HermitianSpectrum.HermitianPart(HermitianSpectrum.ToMatrix(h)));
        if (!(values[0] > DefinitenessTolerance * values.Max(Math.Abs)))
            throw Invalid(
                $"the Hamiltonian matrix H must be positive definite (the theorem's hypothesis); its smallest eigenvalue is {values[0]:G6}");
    }

    private static Dictionary<string, Party> ValidateParties(IReadOnlyList<Party> parties, int d)
    {
        var byName = new Dictionary<string, Party>(StringComparer.Ordinal);
        var owner = new string?[d];
        foreach (var party in parties)
        {
            if (!byName.TryAdd(party.Name, party))
                throw Invalid($"party name '{party.Name}' is used twice");
            foreach (int mode in party.Modes)
            {
                if (mode < 0 || mode >= d)
                    throw Invalid($"party '{party.Name}': mode {mode} is outside 0..{d - 1}");
                if (owner[mode] is not null)
                    throw Invalid($"mode {mode} is in both party '{owner[mode]}' and party '{party.Name}'");
                owner[mode] = party.Name;
            }
        }
        int missing = Array.IndexOf(owner, null);
        if (missing >= 0) throw Invalid($"mode {missing} belongs to no party; the parties must partition the modes");
        return byName;
    }

    private static void ValidateSpectralDensity(SpectralDensity? j, string where)
    {
        string? problem = j switch
        {
            null => "the spectral density is missing",
            FlatSpectralDensity f when !(f.Kappa >= 0) || !double.IsFinite(f.Kappa) => $"kappa must be finite and ≥ 0, got {f.Kappa}",
            OhmicSpectralDensity o when !(o.Kappa >= 0) || !double.IsFinite(o.Kappa) => $"kappa must be finite and ≥ 0, got {o.Kappa}",
            OhmicSpectralDensity o when !(o.Cutoff > 0) || !double.IsFinite(o.Cutoff) => $"the cutoff must be finite and > 0, got {o.Cutoff}",
            OhmicSpectralDensity o when !(o.Exponent >= 0) || !double.IsFinite(o.Exponent) => $"the exponent must be finite and ≥ 0, got {o.Exponent}",
            _ => null,
        };
        if (problem is not null) throw Invalid($"{where}: {problem}");
    }

    private static void ValidateCoupling(Complex[,] k, int m, string where)
    {
        if (k is null || k.GetLength(0) != m || k.GetLength(1) != m)
            throw Invalid($"{where}: the coupling matrix K must be {m}×{m} (one row per mode of the party)");
        double scale = HermitianSpectrum.MaxAbs(k);
        if (HermitianSpectrum.HermiticityDefect(k) > HermiticityTolerance * scale)
            throw Invalid($"{where}: the coupling matrix K must be Hermitian");
        if (scale == 0) return;
        var values = HermitianSpectrum.Eigenvalues(HermitianSpectrum.HermitianPart(Matrix<Complex>.Build.DenseOfArray(k)));
        if (values[0] < -DefinitenessTolerance * values.Max(Math.Abs))
            throw Invalid($"{where}: the coupling matrix K must be positive semidefinite; its smallest eigenvalue is {values[0]:G6}");
    }
}
