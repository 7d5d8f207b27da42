using System.Globalization;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Tests.Convergence;

/// <summary>Small configs with known truncation behaviour for the convergence tests.</summary>
internal static class ConvergenceTestConfigs
{
    /// <summary>
    /// Two modes (ω = 1, 1.1, hopping 0.01), local secular master equation, hot (T = 1.5) and cold (T = 0.1) Bose baths:
    /// quadratic, so the exact Gaussian steady state is the reference. The hot mode has n̄ ≈ 1.05, so the tail of
    /// cutoff c is ≈ (n̄/(1 + n̄))^(c−1)/(1 + n̄) and falls by ~4 per two levels over 4..14.
    /// </summary>
    public const string TwoModeThermalMachine = """
        {
          "name": "two-mode-machine",
          "modes": 2,
          "model": {
            "kind": "thermalMachine",
            "hamiltonian": { "frequencies": [1.0, 1.1], "hoppings": [ { "modes": [0, 1], "rate": 0.01 } ] },
            "parties": [ { "name": "A", "modes": [0] }, { "name": "B", "modes": [1] } ],
            "baths": [
              { "party": "A", "statistics": "bose", "temperature": 1.5, "spectralDensity": { "kind": "flat", "kappa": 0.02 } },
              { "party": "B", "statistics": "bose", "temperature": 0.1, "spectralDensity": { "kind": "flat", "kappa": 0.02 } }
            ],
            "approach": "local"
          },
          "truncation": { "perMode": 14 },
          "initialState": { "product": [ INITIAL, { "vacuum": {} } ] },
          "run": { "method": "steadystate" }
        }
        """;

    /// <summary>
    /// One mode (ω = 1) damped at rate γ = 0.1 towards thermal occupation n̄: L₁ = √(γ(n̄+1)) a, L₂ = √(γ n̄) a†.
    /// The truncated chain keeps detailed balance, so its steady state is exactly thermal on 0..c−1:
    /// p_n = (1 − r) rⁿ/(1 − r^c), r = n̄/(1 + n̄).
    /// </summary>
    public static string DampedThermalMode(double nbar, string method = "steadystate", string truncation = "\"perMode\": 6")
    {
        const double Gamma = 0.1;
        string up = (Gamma * nbar).ToString("R", CultureInfo.InvariantCulture);
        string down = (Gamma * (nbar + 1)).ToString("R", CultureInfo.InvariantCulture);
        return $$"""
            {
              "name": "damped-mode",
              "modes": 1,
              "model": {
                "kind": "lindblad",
                "hamiltonian": { "matrix": [[1.0]] },
                "jumps": [ { "rate": {{down}}, "annihilate": [1] }, { "rate": {{up}}, "create": [1] } ],
                "parties": [ { "name": "A", "modes": [0] } ]
              },
              "truncation": { {{truncation}} },
              "initialState": { "product": [ { "vacuum": {} } ] },
              "run": { "method": "{{method}}", "tEnd": 2, "samples": 3 }
            }
            """;
    }

    /// <summary>A driven Kerr oscillator with two-photon loss (not quadratic: no Gaussian reference).</summary>
    public const string DrivenKerr = """
        {
          "name": "kerr",
          "modes": 1,
          "model": {
            "kind": "lindblad",
            "hamiltonian": { "matrix": [[0.1]], "terms": [ { "coefficient": 0.05, "ops": "ad0 ad0 a0 a0" }, { "coefficient": 0.3, "ops": "a0", "plusHc": true } ] },
            "jumps": [ { "rate": 0.1, "ops": "a0 a0" }, { "rate": 0.2, "annihilate": [1] } ],
            "parties": [ { "name": "A", "modes": [0] } ]
          },
          "truncation": { "perMode": 10 },
          "initialState": { "product": [ { "vacuum": {} } ] },
          "run": { "method": "steadystate" }
        }
        """;

    public static SimulationConfig Machine(string initialMode0 = """{ "vacuum": {} }""") =>
        ConfigLoader.Parse(TwoModeThermalMachine.Replace("INITIAL", initialMode0, StringComparison.Ordinal));
}
