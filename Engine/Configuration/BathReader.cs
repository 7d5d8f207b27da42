using System.Numerics;
using System.Text.Json.Nodes;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Reads one entry of a thermal machine's <c>baths</c> (SPEC §1–§3). Defaults: <c>chemicalPotential</c> 0,
/// <c>coupling</c> "independent" (K = identity over the party's modes), <c>positionLike</c> false, ohmic
/// <c>exponent</c> 1. The checks that need the whole model (party exists, one bath per party, μ below the
/// frequencies) are done by <see cref="ThermalMachineReader"/>.
/// </summary>
internal static class BathReader
{
    private static readonly string[] BathKeys =
        ["party", "statistics", "temperature", "chemicalPotential", "spectralDensity", "coupling", "positionLike"];
    private static readonly string[] StatisticsNames = ["bose", "fermi"];
    private static readonly string[] SpectralKinds = ["flat", "ohmic"];
    private static readonly string[] FlatKeys = ["kind", "kappa"];
    private static readonly string[] OhmicKeys = ["kind", "kappa", "cutoff", "exponent"];
    private static readonly string[] CouplingForms = ["vector", "matrix"];

    /// <param name="partyOf">
    /// Resolves (party name, path of the "party" key) into the party's size; returns null (and reports the error
    /// when the parties are known) for a party that does not exist.
    /// </param>
    public static BathDescription? Read(JsonNode? node, string path, Func<string, string, int?> partyOf, ConfigReader reader)
    {
        var obj = reader.Object(node, path, BathKeys);
        if (obj is null) return null;
        int before = reader.ErrorCount;

        string partyPath = ConfigReader.Child(path, "party");
        string? party = reader.String(reader.Required(obj, path, "party", "the name of a party"), partyPath, "the name of a party");
        int? partySize = party is null ? null : partyOf(party, partyPath);

        var statistics = reader.Name(reader.Required(obj, path, "statistics", "\"bose\" | \"fermi\""), ConfigReader.Child(path, "statistics"), StatisticsNames) switch
        {
            "bose" => BathStatistics.Bose,
            "fermi" => BathStatistics.Fermi,
            _ => (BathStatistics?)null,
        };
        double? temperature = reader.Real(reader.Required(obj, path, "temperature", "a temperature ≥ 0"),
            ConfigReader.Child(path, "temperature"), "a temperature ≥ 0 (0 means occupation 0)", t => t >= 0);

        string muPath = ConfigReader.Child(path, "chemicalPotential");
        double? mu = reader.Real(reader.Optional(obj, path, "chemicalPotential", () => 0.0), muPath, "a finite number (the chemical potential μ)");
        if (statistics == BathStatistics.Fermi && mu is double m && m != 0)
        {
            reader.Error(muPath, $"μ = {ConfigReader.Format(m)} but a fermi (spin) bath exchanges energy only and has μ = 0; " +
                                 "set chemicalPotential to 0 or leave it out, or use \"statistics\": \"bose\"");
            mu = null;
        }

        var spectralDensity = ReadSpectralDensity(reader.Required(obj, path, "spectralDensity", "an object {\"kind\": \"flat\" | \"ohmic\", …}"),
            ConfigReader.Child(path, "spectralDensity"), reader);
        var coupling = ReadCoupling(reader.Optional(obj, path, "coupling", () => "independent"), ConfigReader.Child(path, "coupling"), partySize, reader);
        bool? positionLike = reader.Bool(reader.Optional(obj, path, "positionLike", () => false), ConfigReader.Child(path, "positionLike"));

        if (reader.ErrorCount != before || party is null || statistics is null || temperature is null || mu is null ||
            spectralDensity is null || coupling is null || positionLike is null)
            return null;
        return new BathDescription(party, statistics.Value, temperature.Value, mu.Value, spectralDensity, coupling, positionLike.Value);
    }

    private static SpectralDensity? ReadSpectralDensity(JsonNode? node, string path, ConfigReader reader)
    {
        if (node is not JsonObject obj)
        {
            if (node is not null) reader.Error(path, $"expected an object {{\"kind\": \"flat\" | \"ohmic\", …}}, found {ConfigReader.KindOf(node)}");
            return null;
        }
        string? kind = reader.Name(reader.Required(obj, path, "kind", "\"flat\" | \"ohmic\""), ConfigReader.Child(path, "kind"), SpectralKinds);
        if (kind is null) return null;
        reader.CheckKeys(obj, path, kind == "flat" ? FlatKeys : OhmicKeys);
        double? kappa = reader.Real(reader.Required(obj, path, "kappa", "a coupling strength κ > 0"),
            ConfigReader.Child(path, "kappa"), "a coupling strength κ > 0", k => k > 0);
        if (kind == "flat") return kappa is double k0 ? new FlatSpectralDensity(k0) : null;
        double? cutoff = reader.Real(reader.Required(obj, path, "cutoff", "a cutoff frequency ω_c > 0"),
            ConfigReader.Child(path, "cutoff"), "a cutoff frequency ω_c > 0", c => c > 0);
        double? exponent = reader.Real(reader.Optional(obj, path, "exponent", () => 1.0),
            ConfigReader.Child(path, "exponent"), "an exponent s > 0 (1 is ohmic, < 1 sub-ohmic, > 1 super-ohmic)", s => s > 0);
        return kappa is double k && cutoff is double c && exponent is double s ? new OhmicSpectralDensity(k, c, s) : null;
    }

    /// <summary>
    /// "independent" → K = identity; {"vector": c} → K = c c† (K_jk = c_j c_k*); {"matrix": K} → K (Hermitian PSD).
    /// K must not be zero (a party with a zero coupling has no bath).
    /// </summary>
    private static Complex[,]? ReadCoupling(JsonNode? node, string path, int? partySize, ConfigReader reader)
    {
        const string Valid = "\"independent\", {\"vector\": [c_1, …]} (K = c c†) or {\"matrix\": [[…]]} (K Hermitian positive semidefinite)";
        if (node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            string text = v.GetValue<string>();
            if (text == "independent") return partySize is int n ? Identity(n) : null;
            reader.Error(path, $"\"{text}\" is not valid; expected {Valid}");
            return null;
        }
        if (node is not JsonObject)
        {
            if (node is not null) reader.Error(path, $"expected {Valid}, found {ConfigReader.KindOf(node)}");
            return null;
        }
        var choice = reader.Choice(node, path, CouplingForms, "coupling form");
        if (choice is not var (form, value) || partySize is not int size) return null;
        string valuePath = ConfigReader.Child(path, form);
        Complex[,]? k;
        if (form == "vector")
        {
            var c = reader.ComplexVector(value, valuePath, size, "one per mode of the party");
            if (c is null) return null;
            k = new Complex[size, size];
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++)
                    k[i, j] = c[i] * Complex.Conjugate(c[j]);
        }
        else
        {
            k = reader.ComplexMatrix(value, valuePath, size);
            if (k is null || !HermitianMatrixChecks.IsHermitian(k, valuePath, "K", reader)) return null;
            k = HermitianMatrixChecks.Symmetrized(k);
            double scale = HermitianMatrixChecks.MaxAbs(k);
            double smallest = HermitianMatrixChecks.Eigenvalues(k)[0];
            if (smallest < -HermitianMatrixChecks.RelativeSemidefiniteTolerance * scale)
            {
                reader.Error(valuePath, $"the coupling matrix has the negative eigenvalue {ConfigReader.Format(smallest)}; " +
                                        "K must be positive semidefinite (all eigenvalues ≥ 0)");
                return null;
            }
        }
        if (HermitianMatrixChecks.MaxAbs(k) == 0)
        {
            reader.Error(valuePath, "the coupling is zero, so this bath does nothing; give a non-zero coupling");
            return null;
        }
        return k;
    }

    private static Complex[,] Identity(int n)
    {
        var k = new Complex[n, n];
        for (int i = 0; i < n; i++) k[i, i] = Complex.One;
        return k;
    }
}
