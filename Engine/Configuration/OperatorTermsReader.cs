using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json.Nodes;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Reads general Hamiltonian terms (<c>terms</c> of a <c>lindblad</c> model, <c>extraTerms</c> of a thermal machine):
/// <c>{ "coefficient": c, "ops": "ad0 a1", "plusHc": false }</c> is c · a_0† a_1 (+ its adjoint when plusHc), and
/// checks that a sum of such parts is Hermitian.
/// </summary>
internal static class OperatorTermsReader
{
    private static readonly string[] TermKeys = ["coefficient", "ops", "plusHc"];

    /// <summary>One named contribution to a Hamiltonian (for error messages: which config path produced it).</summary>
    public sealed record Part(string Path, Polynomial Operator);

    public static List<Part> Read(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var parts = new List<Part>();
        var array = reader.Array(node, path, "terms {\"coefficient\", \"ops\", \"plusHc\"}");
        if (array is null) return parts;
        for (int i = 0; i < array.Count; i++)
        {
            string termPath = ConfigReader.Index(path, i);
            var term = ReadTerm(array[i], termPath, modes, reader);
            if (term is not null) parts.Add(new Part(termPath, term));
        }
        return parts;
    }

    private static Polynomial? ReadTerm(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var obj = reader.Object(node, path, TermKeys);
        if (obj is null) return null;
        var coefficient = reader.Complex(reader.Required(obj, path, "coefficient", "a complex number (a number or [re, im])"), ConfigReader.Child(path, "coefficient"));
        var ops = ReadOps(reader.Required(obj, path, "ops", "an operator product such as \"ad0 a1\""), ConfigReader.Child(path, "ops"), modes, reader);
        var plusHc = reader.Bool(reader.Optional(obj, path, "plusHc", () => false), ConfigReader.Child(path, "plusHc"));
        if (coefficient is null || ops is null || plusHc is null) return null;
        var term = new Polynomial([new Monomial(coefficient.Value, ops.Value)]);
        return plusHc.Value ? term + term.Adjoint() : term;
    }

    /// <summary>Parses an <c>ops</c> string (SPEC §3) and checks its mode indices against <paramref name="modes"/>.</summary>
    public static ImmutableArray<LadderOperator>? ReadOps(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        string? text = reader.String(node, path, "an operator product such as \"ad0 a1\" (a<i> annihilates mode i, ad<i> creates)");
        if (text is null) return null;
        var ops = Polynomial.ParseOperators(text, out string? error);
        if (ops is null)
        {
            reader.Error(path, $"\"{text}\": {error}");
            return null;
        }
        if (modes is int d && ops.Value.FirstOrDefault(o => o.Mode >= d) is { } bad && bad.Mode >= d)
        {
            reader.Error(path, $"\"{text}\" uses mode {bad.Mode}, which does not exist; mode indices run from 0 to {d - 1}");
            return null;
        }
        return ops;
    }

    /// <summary>
    /// Checks that Σ parts is Hermitian by comparing its normal-ordered form with that of its adjoint
    /// (coefficients equal within 1e-12 · the largest coefficient). Each part that contributes to the
    /// anti-Hermitian remainder gets an error at its path suggesting <c>plusHc</c>.
    /// </summary>
    public static bool CheckHermitian(IReadOnlyList<Part> parts, string fallbackPath, ConfigReader reader)
    {
        var total = NormalOrderedForm.Of(new Polynomial(parts.SelectMany(p => p.Operator.Terms).ToImmutableArray()));
        double scale = total.Values.Select(c => c.Magnitude).DefaultIfEmpty(0).Max();
        double tolerance = HermitianMatrixChecks.RelativeHermiticityTolerance * scale;
        var offending = new HashSet<NormalOrderedForm.Key>();
        foreach (var (key, c) in total)
            if ((c - Complex.Conjugate(total.GetValueOrDefault(NormalOrderedForm.Adjoint(key)))).Magnitude > tolerance)
                offending.Add(key);
        if (offending.Count == 0) return true;

        bool attributed = false;
        foreach (var part in parts)
        {
            var keys = NormalOrderedForm.Of(part.Operator).Where(kv => kv.Value != Complex.Zero).Select(kv => kv.Key);
            var hit = keys.FirstOrDefault(offending.Contains);
            if (hit.Text is null) continue;
            attributed = true;
            var adjoint = NormalOrderedForm.Adjoint(hit);
            reader.Error(part.Path,
                $"makes the Hamiltonian non-Hermitian: the coefficient of {NormalOrderedForm.Describe(hit)} is {ConfigReader.Format(total[hit])} " +
                $"but the coefficient of its adjoint {NormalOrderedForm.Describe(adjoint)} is {ConfigReader.Format(total.GetValueOrDefault(adjoint))}; " +
                "the Hamiltonian must be Hermitian: set \"plusHc\": true on this term or add its Hermitian conjugate as a separate term");
        }
        if (!attributed)
            reader.Error(fallbackPath, "the Hamiltonian is not Hermitian; add \"plusHc\": true to its non-Hermitian terms");
        return false;
    }
}
