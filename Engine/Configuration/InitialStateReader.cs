using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json.Nodes;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Reads <c>initialState</c> (SPEC §3): <c>{"product": [one-mode state per mode]}</c> or one multi-mode state
/// (<c>superposition</c>, <c>twoModeSqueezed</c>, <c>noon</c>). Defaults: cat <c>phase</c> 0, squeezed <c>angle</c> 0,
/// superposition <c>amplitude</c> 1. Whether the cutoff holds the state is checked where the state is built.
/// </summary>
internal static class InitialStateReader
{
    private static readonly string[] Forms = ["product", "superposition", "twoModeSqueezed", "noon"];
    private static readonly string[] OneModeKinds = ["vacuum", "fock", "coherent", "thermal", "cat", "squeezed"];
    private static readonly string[] ComponentKeys = ["amplitude", "coherent"];
    private static readonly string[] TwoModeSqueezedKeys = ["modes", "r"];
    private static readonly string[] NoonKeys = ["modes", "n"];

    public static InitialStateDescription? Read(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var choice = reader.Choice(node, path, Forms, "initial state");
        if (choice is not var (form, value)) return null;
        string valuePath = ConfigReader.Child(path, form);
        return form switch
        {
            "product" => ReadProduct(value, valuePath, modes, reader),
            "superposition" => ReadSuperposition(value, valuePath, modes, reader),
            "twoModeSqueezed" => ReadTwoModeSqueezed(value, valuePath, modes, reader),
            _ => ReadNoon(value, valuePath, modes, reader),
        };
    }

    private static ProductState? ReadProduct(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        if (modes is not int d) return null;
        var array = reader.Array(node, path, "one-mode states (one per mode)", d);
        if (array is null) return null;
        var factors = new OneModeState?[d];
        for (int i = 0; i < d; i++) factors[i] = ReadOneMode(array[i], ConfigReader.Index(path, i), reader);
        return factors.All(f => f is not null) ? new ProductState([.. factors.Select(f => f!)]) : null;
    }

    private static OneModeState? ReadOneMode(JsonNode? node, string path, ConfigReader reader)
    {
        var choice = reader.Choice(node, path, OneModeKinds, "one-mode state");
        if (choice is not var (kind, value)) return null;
        string p = ConfigReader.Child(path, kind);
        switch (kind)
        {
            case "vacuum":
                reader.Object(value, p, []);
                return new VacuumState();
            case "fock":
            {
                var obj = reader.Object(value, p, ["n"]);
                if (obj is null) return null;
                int? n = reader.Integer(reader.Required(obj, p, "n", "a photon number n ≥ 0"), ConfigReader.Child(p, "n"), 0,
                    requirement: "a photon number n ≥ 0");
                return n is int m ? new FockState(m) : null;
            }
            case "coherent":
            {
                var obj = reader.Object(value, p, ["alpha"]);
                if (obj is null) return null;
                var alpha = reader.Complex(reader.Required(obj, p, "alpha", "a complex amplitude α"), ConfigReader.Child(p, "alpha"));
                return alpha is Complex a ? new CoherentState(a) : null;
            }
            case "thermal":
            {
                var obj = reader.Object(value, p, ["nbar"]);
                if (obj is null) return null;
                double? nbar = reader.Real(reader.Required(obj, p, "nbar", "a mean occupation n̄ ≥ 0"), ConfigReader.Child(p, "nbar"),
                    "a mean occupation n̄ ≥ 0", x => x >= 0);
                return nbar is double nb ? new ThermalState(nb) : null;
            }
            case "cat":
            {
                var obj = reader.Object(value, p, ["alpha", "phase"]);
                if (obj is null) return null;
                string alphaPath = ConfigReader.Child(p, "alpha");
                var alpha = reader.Complex(reader.Required(obj, p, "alpha", "a non-zero complex amplitude α"), alphaPath);
                if (alpha == Complex.Zero)
                {
                    reader.Error(alphaPath, "α = 0 makes the cat state |0⟩ (or zero for an odd cat); give a non-zero α, or use {\"vacuum\": {}}");
                    alpha = null;
                }
                double? phase = reader.Real(reader.Optional(obj, p, "phase", () => 0.0), ConfigReader.Child(p, "phase"),
                    "a phase φ in radians (0 even cat, π odd cat)");
                return alpha is Complex a && phase is double phi ? new CatState(a, phi) : null;
            }
            default:
            {
                var obj = reader.Object(value, p, ["r", "angle"]);
                if (obj is null) return null;
                double? r = reader.Real(reader.Required(obj, p, "r", "a squeezing parameter r ≥ 0"), ConfigReader.Child(p, "r"),
                    "a squeezing parameter r ≥ 0", x => x >= 0);
                double? angle = reader.Real(reader.Optional(obj, p, "angle", () => 0.0), ConfigReader.Child(p, "angle"),
                    "a squeezing angle θ in radians");
                return r is double rr && angle is double th ? new SqueezedState(rr, th) : null;
            }
        }
    }

    /// <summary>∝ Σ_k c_k |α^(k)⟩; at least one component, each with d amplitudes; not all c_k zero.</summary>
    private static CoherentSuperposition? ReadSuperposition(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var array = reader.Array(node, path, "components {\"amplitude\": c, \"coherent\": [α_1, …]}", minLength: 1);
        if (array is null || modes is not int d) return null;
        var components = ImmutableArray.CreateBuilder<(Complex, ImmutableArray<Complex>)>();
        bool ok = true;
        for (int k = 0; k < array.Count; k++)
        {
            string cPath = ConfigReader.Index(path, k);
            var obj = reader.Object(array[k], cPath, ComponentKeys);
            if (obj is null) { ok = false; continue; }
            var amplitude = reader.Complex(reader.Optional(obj, cPath, "amplitude", () => 1.0), ConfigReader.Child(cPath, "amplitude"));
            var alphas = reader.ComplexVector(reader.Required(obj, cPath, "coherent", $"{d} coherent amplitudes (one per mode)"),
                ConfigReader.Child(cPath, "coherent"), d, "one coherent amplitude per mode");
            if (amplitude is Complex c && alphas is not null) components.Add((c, [.. alphas]));
            else ok = false;
        }
        if (!ok) return null;
        if (components.All(c => c.Item1 == Complex.Zero))
        {
            reader.Error(path, "every amplitude is zero, which is not a state; give at least one non-zero amplitude");
            return null;
        }
        return new CoherentSuperposition(components.ToImmutable());
    }

    private static TwoModeSqueezedState? ReadTwoModeSqueezed(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var obj = reader.Object(node, path, TwoModeSqueezedKeys);
        if (obj is null) return null;
        var pair = ThermalMachineReader.ReadModePair(reader.Required(obj, path, "modes", "two distinct mode indices [i, j]"), ConfigReader.Child(path, "modes"), modes, reader);
        double? r = reader.Real(reader.Required(obj, path, "r", "a squeezing parameter r ≥ 0"), ConfigReader.Child(path, "r"), "a squeezing parameter r ≥ 0", x => x >= 0);
        return pair is var (i, j) && r is double rr ? new TwoModeSqueezedState(i, j, rr) : null;
    }

    private static NoonState? ReadNoon(JsonNode? node, string path, int? modes, ConfigReader reader)
    {
        var obj = reader.Object(node, path, NoonKeys);
        if (obj is null) return null;
        var pair = ThermalMachineReader.ReadModePair(reader.Required(obj, path, "modes", "two distinct mode indices [i, j]"), ConfigReader.Child(path, "modes"), modes, reader);
        int? n = reader.Integer(reader.Required(obj, path, "n", "a photon number n ≥ 1"), ConfigReader.Child(path, "n"), 1, requirement: "a photon number n ≥ 1");
        return pair is var (i, j) && n is int m ? new NoonState(i, j, m) : null;
    }
}
