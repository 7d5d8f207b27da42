namespace BosonicTrajectories.Tests.Cli;

/// <summary>
/// A small two-mode thermal machine (Bose and spin baths, complex hopping, cutoff 7: D = 49) for end-to-end runs whose
/// point is the plumbing rather than the physics: fast, with jumps on both baths.
/// </summary>
internal static class SmallMachine
{
    /// <param name="initialState">The JSON of <c>initialState</c>; it must fit in 7 levels per mode.</param>
    /// <param name="run">The JSON members of <c>run</c>.</param>
    public static string Config(string name, string initialState, string run) => $$"""
        {
          "name": "{{name}}",
          "modes": 2,
          "model": {
            "kind": "thermalMachine",
            "hamiltonian": { "frequencies": [1.0, 1.3], "hoppings": [ { "modes": [0, 1], "rate": [0.1, 0.05] } ] },
            "parties": [ { "name": "A", "modes": [0] }, { "name": "B", "modes": [1] } ],
            "baths": [
              { "party": "A", "statistics": "bose", "temperature": 0.8, "spectralDensity": { "kind": "flat", "kappa": 0.3 } },
              { "party": "B", "statistics": "fermi", "temperature": 0.3, "spectralDensity": { "kind": "flat", "kappa": 0.2 } }
            ]
          },
          "truncation": { "perMode": 7 },
          "initialState": {{initialState}},
          "run": { {{run}} }
        }
        """;
}
