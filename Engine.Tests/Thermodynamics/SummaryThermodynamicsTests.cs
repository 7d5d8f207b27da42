using System.Text.Json.Nodes;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Output;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Tests.Thermodynamics;

/// <summary>The <c>thermodynamics</c> block of summary.json, filled by the analysis for thermal machines only.</summary>
public class SummaryThermodynamicsTests
{
    // Lyapunov steady state: currents to ~1e-15; the energy tolerance reported is 1e-8 of the gross flows.
    private const double BalanceTolerance = 1e-12;

    [Test]
    public void DefaultHotColdMachine_ReportsHeatFromHotToCold_BalancedAndPositiveEntropyProduction()
    {
        var summary = Summarise(ConfigLoader.ApplyOverrides(ConfigLoader.Default(), method: "gaussian"));

        var thermo = summary["thermodynamics"]!;
        Assert.That((string?)thermo["approach"], Is.EqualTo("global"));
        var steady = thermo["steadyState"]!;
        var baths = steady["baths"]!.AsArray();
        Assert.That(baths, Has.Count.EqualTo(2));
        double hot = (double)baths[0]!["heatCurrent"]!, cold = (double)baths[1]!["heatCurrent"]!;
        Assert.That((double)baths[0]!["temperature"]!, Is.GreaterThan((double)baths[1]!["temperature"]!), "bath 0 is the hot one");
        Assert.That(hot, Is.GreaterThan(0), "heat enters from the hot bath");
        Assert.That(cold, Is.LessThan(0), "and leaves into the cold one");
        Assert.That(hot + cold, Is.EqualTo(0).Within(BalanceTolerance));
        Assert.That((bool?)steady["energyConserved"], Is.True);
        Assert.That((bool?)steady["secondLaw"], Is.True);
        Assert.That((double)steady["entropyProduction"]!, Is.GreaterThan(0));
        var final = thermo["final"]!;
        Assert.That((double)final["time"]!, Is.EqualTo(summary["final"]!["time"]!.GetValue<double>()));
        Assert.That(final.AsObject().ContainsKey("bathEntropyRate"), "a finite-time state reports the entropy flow, not a production");
        Assert.That(final.AsObject().ContainsKey("energyConserved"), Is.False, "no steady-state checks on a transient state");
    }

    [Test]
    public void LindbladKindModel_HasNoThermodynamicsBlock()
    {
        const string json = """
            {
              "name": "paramp", "modes": 2,
              "model": { "kind": "lindblad", "hamiltonian": { "squeezing": [ { "modes": [0, 1], "rate": 0.02 } ] },
                         "jumps": [ { "rate": 0.1, "annihilate": [1, 0] }, { "rate": 0.1, "annihilate": [0, 1] } ],
                         "parties": [ { "name": "A", "modes": [0] }, { "name": "B", "modes": [1] } ] },
              "truncation": { "perMode": 8 },
              "initialState": { "product": [ { "vacuum": {} }, { "vacuum": {} } ] },
              "run": { "method": "gaussian", "tEnd": 10, "samples": 3 }
            }
            """;

        var summary = Summarise(ConfigLoader.Parse(json));

        Assert.That(summary.ContainsKey("thermodynamics"), Is.False);
    }

    [Test]
    public void LocalApproachWithExtraSqueezing_ReportsTheWorkOfTheExtraTerm()
    {
        // Two-mode squeezing between the parties does work on the system: at the steady state Σ J_n = −P ≠ 0.
        const string json = """
            {
              "name": "squeezed-machine", "modes": 2,
              "model": { "kind": "thermalMachine",
                         "hamiltonian": { "frequencies": [1.0, 1.1], "hoppings": [ { "modes": [0, 1], "rate": 0.01 } ] },
                         "parties": [ { "name": "A", "modes": [0] }, { "name": "B", "modes": [1] } ],
                         "baths": [ { "party": "A", "statistics": "bose", "temperature": 1.5, "spectralDensity": { "kind": "flat", "kappa": 0.05 } },
                                    { "party": "B", "statistics": "bose", "temperature": 0.1, "spectralDensity": { "kind": "flat", "kappa": 0.05 } } ],
                         "approach": "local",
                         "extraTerms": [ { "coefficient": 0.01, "ops": "ad0 ad1", "plusHc": true } ] },
              "truncation": { "perMode": 8 },
              "initialState": { "product": [ { "vacuum": {} }, { "vacuum": {} } ] },
              "run": { "method": "gaussian", "tEnd": 10, "samples": 3 }
            }
            """;

        var steady = Summarise(ConfigLoader.Parse(json))["thermodynamics"]!["steadyState"]!;

        double sum = (double)steady["heatCurrentSum"]!, power = (double)steady["hamiltonianPower"]!;
        Assert.That(Math.Abs(power), Is.GreaterThan(1e-6), "the squeezing term does work");
        Assert.That(sum + power, Is.EqualTo(0).Within(BalanceTolerance));
        Assert.That((bool?)steady["energyConserved"], Is.True);
        Assert.That((bool?)steady["secondLaw"], Is.True);
    }

    private static JsonObject Summarise(SimulationConfig config)
    {
        var result = SimulationRunner.Run(config, new RunContext(1, null, CancellationToken.None));
        return SummaryJson.Build(result);
    }
}
