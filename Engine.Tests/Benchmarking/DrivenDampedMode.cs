using System.Globalization;
using System.Numerics;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Tests.Benchmarking;

/// <summary>
/// One driven, damped mode: H = ω a†a + F(a + a†), one jump √γ a, coherent start |α⟩. A coherent state stays coherent
/// under this master equation, with ⟨a⟩(t) = a_ss + (α − a_ss) e^{−κt}, κ = γ/2 + iω, a_ss = −iF/κ, and
/// ⟨a†a⟩(t) = |⟨a⟩(t)|² (closed form). The drive makes the interaction-picture generator time-dependent.
/// </summary>
internal static class DrivenDampedMode
{
    public const double Omega = 1.0;
    public const double Drive = 0.2;
    public const double Loss = 0.5;
    public const double Alpha = 1.0;
    public const double EndTime = 5.0;

    /// <summary>|α|² = 1: the top level of a 16-level cutoff holds e^{−1}/15! ≈ 3e-13, far below every tested error.</summary>
    public const int Cutoff = 16;

    public static Complex Mean(double t)
    {
        var kappa = new Complex(Loss / 2, Omega);
        Complex steady = -Complex.ImaginaryOne * Drive / kappa;
        return steady + ((Alpha - steady) * Complex.Exp(-kappa * t));
    }

    public static double Occupation(double t) => Mean(t).Magnitude * Mean(t).Magnitude;

    /// <summary>The config, with run settings <paramref name="run"/> (JSON members of "run" after method, tEnd and samples).</summary>
    public static SimulationConfig Config(string run = "\"trajectories\": 40, \"seed\": 3", int samples = 11, int cutoff = Cutoff, string initialState = "{ \"coherent\": { \"alpha\": 1.0 } }") =>
        ConfigLoader.Parse(Json(run, samples, cutoff, initialState), "driven damped mode");

    public static string Json(string run = "\"trajectories\": 40, \"seed\": 3", int samples = 11, int cutoff = Cutoff, string initialState = "{ \"coherent\": { \"alpha\": 1.0 } }") =>
        string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "name": "driven-damped-mode",
          "modes": 1,
          "model": {
            "kind": "lindblad",
            "hamiltonian": { "matrix": [[{{Omega}}]], "terms": [ { "coefficient": {{Drive}}, "ops": "a0", "plusHc": true } ] },
            "jumps": [ { "rate": {{Loss}}, "ops": "a0" } ],
            "parties": [ { "name": "A", "modes": [0] } ]
          },
          "truncation": { "perMode": {{cutoff}} },
          "initialState": { "product": [ {{initialState}} ] },
          "run": { "method": "lindblad", "tEnd": {{EndTime}}, "samples": {{samples}}, {{run}} }
        }
        """);
}
