using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json.Nodes;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Reads a model of kind <c>thermalMachine</c> (SPEC §1, §3) into a <see cref="ThermalMachineDescription"/>.
/// <list type="bullet">
/// <item>H: exactly one of <c>matrix</c> (d×d, Hermitian within 1e-12·max|H|, then symmetrised) or <c>frequencies</c>
/// (real H_ii) with optional <c>hoppings</c> (H_ij = rate, H_ji = conj(rate)); H must be positive definite (smallest
/// eigenvalue &gt; 1e-12·max|H|).</item>
/// <item>Every party has exactly one bath; a bose bath needs μ below every frequency where its occupation is
/// evaluated: the eigenvalues of H (global) or of its party's block H^(n) (local).</item>
/// <item><c>approach</c> defaults to "global", <c>lambShift</c> to false (true with a flat bath is an error: no
/// finite Lamb shift), <c>extraTerms</c> to none; extra terms must add up to a Hermitian operator.</item>
/// </list>
/// </summary>
internal static class ThermalMachineReader
{
    private static readonly string[] ModelKeys = ["kind", "hamiltonian", "parties", "baths", "approach", "lambShift", "extraTerms"];
    private static readonly string[] HamiltonianKeys = ["matrix", "frequencies", "hoppings"];
    private static readonly string[] HoppingKeys = ["modes", "rate"];
    private static readonly string[] Approaches = ["global", "local"];

    public static ThermalMachineDescription? Read(JsonObject obj, string path, int? modes, ConfigReader reader)
    {
        reader.CheckKeys(obj, path, ModelKeys);
        int before = reader.ErrorCount;

        string hPath = ConfigReader.Child(path, "hamiltonian");
        var (h, hFormPath) = ReadHamiltonian(reader.Required(obj, path, "hamiltonian", "an object with \"matrix\" or \"frequencies\" (+ \"hoppings\")"),
            hPath, modes, reader);
        double[]? eigenvalues = null;
        if (h is not null)
        {
            eigenvalues = HermitianMatrixChecks.Eigenvalues(h);
            double threshold = HermitianMatrixChecks.RelativeSemidefiniteTolerance * HermitianMatrixChecks.MaxAbs(h);
            if (eigenvalues[0] <= threshold)
            {
                reader.Error(hFormPath, $"H is not positive definite: its smallest eigenvalue is {ConfigReader.Format(eigenvalues[0])}; " +
                                        "a thermal machine needs all eigenvalues of H > 0 (raise the frequencies or lower the hoppings)");
                eigenvalues = null;
            }
        }

        var parties = PartiesReader.Read(reader.Required(obj, path, "parties", "a non-empty array of parties"), ConfigReader.Child(path, "parties"), modes, reader);
        var approach = reader.Name(reader.Optional(obj, path, "approach", () => "global"), ConfigReader.Child(path, "approach"), Approaches) switch
        {
            "global" => SecularApproach.Global,
            "local" => SecularApproach.Local,
            _ => (SecularApproach?)null,
        };
        string lambPath = ConfigReader.Child(path, "lambShift");
        bool? lambShift = reader.Bool(reader.Optional(obj, path, "lambShift", () => false), lambPath);

        var baths = ReadBaths(reader.Required(obj, path, "baths", "an array with one bath per party"), ConfigReader.Child(path, "baths"),
            parties, reader);

        if (baths is not null && lambShift == true)
            for (int b = 0; b < baths.Count; b++)
                if (baths[b].Bath?.SpectralDensity is FlatSpectralDensity)
                    reader.Error(lambPath, $"lambShift is true but {ConfigReader.Index(ConfigReader.Child(path, "baths"), b)}.spectralDensity is flat, " +
                                           "which has no finite Lamb shift; use \"kind\": \"ohmic\" for that bath or set lambShift to false");

        if (baths is not null && parties is not null && h is not null && eigenvalues is not null && approach is not null)
            CheckChemicalPotentials(baths, parties.Value, h, eigenvalues, approach.Value, reader);

        int beforeTerms = reader.ErrorCount;
        var extraParts = OperatorTermsReader.Read(reader.Optional(obj, path, "extraTerms", () => new JsonArray()),
            ConfigReader.Child(path, "extraTerms"), modes, reader);
        if (reader.ErrorCount == beforeTerms)   // with a term missing, the rest could look non-Hermitian spuriously
            OperatorTermsReader.CheckHermitian(extraParts, ConfigReader.Child(path, "extraTerms"), reader);
        var extraTerms = new Polynomial(extraParts.SelectMany(p => p.Operator.Terms).ToImmutableArray());

        if (reader.ErrorCount != before || modes is not int d || h is null || parties is null || baths is null || approach is null || lambShift is null)
            return null;
        return new ThermalMachineDescription(d, parties.Value, h, baths.Select(b => b.Bath!).ToImmutableArray(), approach.Value, lambShift.Value, extraTerms);
    }

    /// <summary>Reads H; returns it (Hermitian, symmetrised) and the path of the form used, for later messages.</summary>
    private static (Complex[,]? H, string FormPath) ReadHamiltonian(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var obj = reader.Object(node, path, HamiltonianKeys);
        if (obj is null) return (null, path);
        bool hasMatrix = obj.ContainsKey("matrix"), hasFrequencies = obj.ContainsKey("frequencies");
        if (hasMatrix == hasFrequencies)
        {
            reader.Error(path, hasMatrix
                ? "gives both \"matrix\" and \"frequencies\"; give exactly one of them (\"hoppings\" go with \"frequencies\")"
                : "gives neither \"matrix\" nor \"frequencies\"; give exactly one: \"matrix\": [[…]] or \"frequencies\": [ω_0, …] (+ \"hoppings\")");
            return (null, path);
        }
        if (hasMatrix)
        {
            string matrixPath = ConfigReader.Child(path, "matrix");
            if (obj.ContainsKey("hoppings"))
                reader.Error(ConfigReader.Child(path, "hoppings"), "\"hoppings\" only go with \"frequencies\"; put the hoppings into \"matrix\" or use \"frequencies\"");
            if (modes is not int size) return (null, matrixPath);
            var m = reader.ComplexMatrix(obj["matrix"], matrixPath, size);
            if (m is null || !HermitianMatrixChecks.IsHermitian(m, matrixPath, "H", reader)) return (null, matrixPath);
            return (HermitianMatrixChecks.Symmetrized(m), matrixPath);
        }
        string frequenciesPath = ConfigReader.Child(path, "frequencies");
        var h = modes is int d ? new Complex[d, d] : null;
        bool ok = h is not null;
        if (modes is int n && reader.Array(obj["frequencies"], frequenciesPath, "real frequencies (H_ii)", n) is { } frequencies)
        {
            for (int i = 0; i < n; i++)
                if (reader.Real(frequencies[i], ConfigReader.Index(frequenciesPath, i), "a real frequency H_ii") is double w) h![i, i] = w;
                else ok = false;
        }
        else ok = false;
        if (!ReadHoppings(reader.Optional(obj, path, "hoppings", () => new JsonArray()), ConfigReader.Child(path, "hoppings"), modes, h, reader))
            ok = false;
        return (ok ? h : null, frequenciesPath);
    }

    /// <summary>Each hopping {modes [i, j], rate} sets H_ij = rate and H_ji = conj(rate); i ≠ j; each pair at most once.</summary>
    private static bool ReadHoppings(JsonNode? node, string path, int? modes, Complex[,]? h, ConfigReader reader)
    {
        var array = reader.Array(node, path, "hoppings {\"modes\": [i, j], \"rate\": c}");
        if (array is null) return false;
        bool ok = true;
        var seen = new Dictionary<(int, int), int>();
        for (int k = 0; k < array.Count; k++)
        {
            string hopPath = ConfigReader.Index(path, k);
            var obj = reader.Object(array[k], hopPath, HoppingKeys);
            if (obj is null) { ok = false; continue; }
            var pair = ReadModePair(reader.Required(obj, hopPath, "modes", "a pair of distinct mode indices [i, j]"), ConfigReader.Child(hopPath, "modes"), modes, reader);
            var rate = reader.Complex(reader.Required(obj, hopPath, "rate", "a complex hopping rate"), ConfigReader.Child(hopPath, "rate"));
            if (pair is not var (i, j) || rate is null) { ok = false; continue; }
            var unordered = (Math.Min(i, j), Math.Max(i, j));
            if (seen.TryGetValue(unordered, out int first))
            {
                reader.Error(ConfigReader.Child(hopPath, "modes"), $"modes {i} and {j} already have a hopping ({ConfigReader.Index(path, first)}); " +
                                                                   "give each pair of modes at most one hopping");
                ok = false;
                continue;
            }
            seen[unordered] = k;
            if (h is null) continue;
            h[i, j] = rate.Value;
            h[j, i] = Complex.Conjugate(rate.Value);
        }
        return ok;
    }

    /// <summary>Reads [i, j] with i ≠ j, both valid mode indices.</summary>
    public static (int, int)? ReadModePair(JsonNode? node, string path, int? modes, ConfigReader reader, bool allowEqual = false)
    {
        var array = reader.Array(node, path, "mode indices [i, j]", 2);
        if (array is null) return null;
        int? i = reader.Mode(array[0], ConfigReader.Index(path, 0), modes);
        int? j = reader.Mode(array[1], ConfigReader.Index(path, 1), modes);
        if (i is null || j is null) return null;
        if (!allowEqual && i == j)
        {
            reader.Error(path, $"[{i}, {j}] names the same mode twice; give two different modes");
            return null;
        }
        return (i.Value, j.Value);
    }

    private sealed record BathEntry(string Path, BathDescription? Bath);

    /// <summary>Reads the baths and checks: party exists, at most one bath per party, every party has a bath.</summary>
    private static List<BathEntry>? ReadBaths(JsonNode? node, string path, ImmutableArray<Party>? parties, ConfigReader reader)
    {
        var array = reader.Array(node, path, "baths (one per party)", minLength: 1);
        if (array is null) return null;
        var entries = new List<BathEntry>();
        var bathOfParty = new Dictionary<string, string>(StringComparer.Ordinal);
        string validNames = parties is { } ps ? string.Join(", ", ps.Select(p => $"\"{p.Name}\"")) : "";
        for (int b = 0; b < array.Count; b++)
        {
            string bathPath = ConfigReader.Index(path, b);
            int? PartyOf(string name, string partyPath)
            {
                if (parties is not { } known) return null;
                var party = known.FirstOrDefault(p => p.Name == name);
                if (party is null)
                {
                    reader.Error(partyPath, $"there is no party \"{name}\"; valid parties are {validNames}");
                    return null;
                }
                if (bathOfParty.TryGetValue(name, out string? other))
                {
                    reader.Error(partyPath, $"party \"{name}\" already has a bath ({other}); give each party exactly one bath");
                    return null;
                }
                bathOfParty[name] = bathPath;
                return party.Modes.Length;
            }
            entries.Add(new BathEntry(bathPath, BathReader.Read(array[b], bathPath, PartyOf, reader)));
        }
        if (parties is { } all)
            foreach (var party in all.Where(p => !bathOfParty.ContainsKey(p.Name)))
                reader.Error(path, $"party \"{party.Name}\" has no bath, and a party with no bath has no steady state; " +
                                   $"add a bath with \"party\": \"{party.Name}\"");
        return entries;
    }

    /// <summary>
    /// A bose bath's occupation 1/(exp((ω − μ)/T) − 1) is evaluated at the eigenvalues of H (global) or of its
    /// party's block H^(n) (local); it needs μ below all of them.
    /// </summary>
    private static void CheckChemicalPotentials(List<BathEntry> baths, ImmutableArray<Party> parties, Complex[,] h,
        double[] eigenvalues, SecularApproach approach, ConfigReader reader)
    {
        foreach (var (path, bath) in baths)
        {
            if (bath is not { Statistics: BathStatistics.Bose }) continue;
            var party = parties.First(p => p.Name == bath.Party);
            double lowest = approach == SecularApproach.Global
                ? eigenvalues[0]
                : HermitianMatrixChecks.Eigenvalues(HermitianMatrixChecks.Block(h, party.Modes))[0];
            if (bath.ChemicalPotential < lowest) continue;
            string where = approach == SecularApproach.Global
                ? "the smallest eigenvalue of H (global approach)"
                : $"the smallest eigenvalue of party \"{party.Name}\"'s block H^(n) (local approach)";
            reader.Error(ConfigReader.Child(path, "chemicalPotential"),
                $"μ = {ConfigReader.Format(bath.ChemicalPotential)} is not below ω = {ConfigReader.Format(lowest)}, {where}; " +
                $"a bose bath needs μ < ω at every frequency where its occupation is evaluated: use chemicalPotential < {ConfigReader.Format(lowest)}");
        }
    }
}
