using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json.Nodes;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Reads a model of kind <c>lindblad</c> (SPEC §3) into an <see cref="ExplicitLindbladDescription"/>:
/// H = Σ_ij M_ij a_i† a_j (<c>matrix</c>, Hermitian, default zero) + Σ (s a_i† a_j† + h.c.) (<c>squeezing</c>;
/// for i = j, s a_i†² + h.c.) + Σ c · ops (<c>terms</c>, + h.c. when plusHc); the total must be Hermitian.
/// Jumps (default none): L = √rate (Σ u_i a_i + Σ v_i a_i†) from <c>annihilate</c>/<c>create</c>, or
/// L = √rate · ops; labelled "jumps[k]". The <c>hamiltonian</c> key may be left out (H = 0).
/// </summary>
internal static class LindbladModelReader
{
    private static readonly string[] ModelKeys = ["kind", "hamiltonian", "jumps", "parties"];
    private static readonly string[] HamiltonianKeys = ["matrix", "squeezing", "terms"];
    private static readonly string[] SqueezingKeys = ["modes", "rate"];
    private static readonly string[] JumpKeys = ["rate", "annihilate", "create", "ops"];

    public static ExplicitLindbladDescription? Read(JsonObject obj, string path, int? modes, ConfigReader reader)
    {
        reader.CheckKeys(obj, path, ModelKeys);
        int before = reader.ErrorCount;
        var hamiltonian = ReadHamiltonian(reader.Optional(obj, path, "hamiltonian", () => new JsonObject()),
            ConfigReader.Child(path, "hamiltonian"), modes, reader);
        var jumps = ReadJumps(reader.Optional(obj, path, "jumps", () => new JsonArray()), ConfigReader.Child(path, "jumps"), modes, reader);
        var parties = PartiesReader.Read(reader.Required(obj, path, "parties", "a non-empty array of parties"), ConfigReader.Child(path, "parties"), modes, reader);
        if (reader.ErrorCount != before || modes is not int d || hamiltonian is null || jumps is null || parties is null) return null;
        return new ExplicitLindbladDescription(new OpenSystemModel(d, parties.Value, hamiltonian, jumps.Value, Passive: null, Notes: []));
    }

    private static Polynomial? ReadHamiltonian(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var obj = reader.Object(node, path, HamiltonianKeys);
        if (obj is null) return null;
        int before = reader.ErrorCount;
        var parts = new List<OperatorTermsReader.Part>();

        if (reader.Optional(obj, path, "matrix", null) is { } matrixNode && modes is int d)
        {
            string matrixPath = ConfigReader.Child(path, "matrix");
            var m = reader.ComplexMatrix(matrixNode, matrixPath, d);
            if (m is not null && HermitianMatrixChecks.IsHermitian(m, matrixPath, "H", reader))
                parts.Add(new(matrixPath, Polynomial.FromHoppingMatrix(HermitianMatrixChecks.Symmetrized(m))));
        }

        string squeezingPath = ConfigReader.Child(path, "squeezing");
        var squeezing = reader.Array(reader.Optional(obj, path, "squeezing", () => new JsonArray()), squeezingPath,
            "squeezing terms {\"modes\": [i, j], \"rate\": s}");
        for (int k = 0; squeezing is not null && k < squeezing.Count; k++)
        {
            string sPath = ConfigReader.Index(squeezingPath, k);
            var s = reader.Object(squeezing[k], sPath, SqueezingKeys);
            if (s is null) continue;
            var pair = ThermalMachineReader.ReadModePair(reader.Required(s, sPath, "modes", "mode indices [i, j] (i = j allowed)"),
                ConfigReader.Child(sPath, "modes"), modes, reader, allowEqual: true);
            var rate = reader.Complex(reader.Required(s, sPath, "rate", "a complex squeezing rate"), ConfigReader.Child(sPath, "rate"));
            if (pair is not var (i, j) || rate is null) continue;
            var term = Polynomial.Single(rate.Value, new LadderOperator(i, true), new LadderOperator(j, true));
            parts.Add(new(sPath, term + term.Adjoint()));
        }

        parts.AddRange(OperatorTermsReader.Read(reader.Optional(obj, path, "terms", () => new JsonArray()), ConfigReader.Child(path, "terms"), modes, reader));
        if (reader.ErrorCount != before) return null;
        if (!OperatorTermsReader.CheckHermitian(parts, path, reader)) return null;
        return new Polynomial(parts.SelectMany(p => p.Operator.Terms).ToImmutableArray());
    }

    private static ImmutableArray<JumpOperator>? ReadJumps(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var array = reader.Array(node, path, "jumps {\"rate\", and \"annihilate\"/\"create\" or \"ops\"}");
        if (array is null) return null;
        var jumps = ImmutableArray.CreateBuilder<JumpOperator>();
        bool ok = true;
        for (int k = 0; k < array.Count; k++)
        {
            string jumpPath = ConfigReader.Index(path, k);
            var jump = ReadJump(array[k], jumpPath, modes, reader);
            if (jump is null) ok = false;
            else jumps.Add(new JumpOperator(ConfigReader.Index("jumps", k), jump));
        }
        return ok ? jumps.ToImmutable() : null;
    }

    private static Polynomial? ReadJump(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var obj = reader.Object(node, path, JumpKeys);
        if (obj is null) return null;
        double? rate = reader.Real(reader.Required(obj, path, "rate", "a rate ≥ 0"), ConfigReader.Child(path, "rate"), "a rate ≥ 0", r => r >= 0);
        bool linear = obj.ContainsKey("annihilate") || obj.ContainsKey("create");
        bool product = obj.ContainsKey("ops");
        if (linear == product)
        {
            reader.Error(path, linear
                ? "gives both \"ops\" and \"annihilate\"/\"create\"; give either \"annihilate\" and/or \"create\" (a linear jump) or \"ops\" (a product)"
                : "gives no operator; give \"annihilate\": [u_0, …] and/or \"create\": [v_0, …] (L = √rate (Σ u_i a_i + Σ v_i a_i†)), or \"ops\": \"a0 a0\"");
            return null;
        }
        if (modes is not int d) return null;
        Polynomial? op;
        if (product)
        {
            var ops = OperatorTermsReader.ReadOps(obj["ops"], ConfigReader.Child(path, "ops"), modes, reader);
            op = ops is null ? null : new Polynomial([new Monomial(Complex.One, ops.Value)]);
        }
        else
        {
            var u = obj.ContainsKey("annihilate") ? reader.ComplexVector(obj["annihilate"], ConfigReader.Child(path, "annihilate"), d, "one per mode") : new Complex[d];
            var v = obj.ContainsKey("create") ? reader.ComplexVector(obj["create"], ConfigReader.Child(path, "create"), d, "one per mode") : new Complex[d];
            op = u is null || v is null ? null : Polynomial.Linear(u, v);
        }
        return op is null || rate is null ? null : op.Scale(Math.Sqrt(rate.Value));
    }
}
