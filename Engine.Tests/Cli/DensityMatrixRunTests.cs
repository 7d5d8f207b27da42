using System.Text.Json.Nodes;

namespace BosonicTrajectories.Tests.Cli;

/// <summary>End-to-end runs of the density-matrix methods through the command line, against closed forms.</summary>
public class DensityMatrixRunTests
{
    /// <summary>Fock truncation at 10 levels for n̄ ≈ 0.095 leaves a tail ~1e-11; the steady-state solve is exact to ~1e-12.</summary>
    private const double ParametricAmplifierTolerance = 1e-6;

    private static readonly string EntangledCat = """
        {
          "name": "cat",
          "modes": 2,
          "model": {
            "kind": "thermalMachine",
            "hamiltonian": { "frequencies": [1.0, 1.2], "hoppings": [ { "modes": [0, 1], "rate": 0.1 } ] },
            "parties": [ { "name": "A", "modes": [0] }, { "name": "B", "modes": [1] } ],
            "baths": [
              { "party": "A", "statistics": "bose", "temperature": 0.5, "spectralDensity": { "kind": "flat", "kappa": 0.2 } },
              { "party": "B", "statistics": "fermi", "temperature": 0.3, "spectralDensity": { "kind": "flat", "kappa": 0.2 } }
            ]
          },
          "truncation": { "perMode": 10 },
          "initialState": { "superposition": [ { "amplitude": 1, "coherent": [1.0, 1.0] }, { "amplitude": 1, "coherent": [-1.0, -1.0] } ] },
          "run": { "method": "lindblad", "tEnd": 60, "samples": 13 },
          "analysis": { "wigner": { "modes": [0], "times": [0, 58] } }
        }
        """;

    [Test]
    public void EntangledCatLosesItsEntanglementAndEndsSeparable()
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("run", cli.WriteConfig("cat", EntangledCat), "--out", cli.Out);
        Assert.That(code, Is.EqualTo(0), stderr);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "cat", "summary.json")))!;
        Assert.That((string?)summary["verdict"], Is.EqualTo("separable"), (string?)summary["verdictReason"]);
        Assert.That((bool)summary["crossCheck"]!["agrees"]!, Is.True);
        string[] csv = File.ReadAllLines(Path.Combine(cli.Out, "cat", "timeseries.csv"));
        Assert.That(csv[0], Is.EqualTo("t,n_0,n_1,logneg_A|B"));
        double initial = double.Parse(csv[1].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        double last = double.Parse(csv[^1].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(initial, Is.GreaterThan(0.5), "|α,α⟩ + |−α,−α⟩ with α = 1 starts clearly entangled");
        Assert.That(last, Is.LessThan(1e-5), "and loses it to the baths");
        Assert.That(File.Exists(Path.Combine(cli.Out, "cat", "wigner_mode0_t0.png")), "Wigner picture at t = 0");
        Assert.That(File.Exists(Path.Combine(cli.Out, "cat", "wigner_mode0_t60.png")), "t = 58 snaps to the nearest output time, 60");
    }

    [Test]
    public void WignerRequestForAMissingModeIsAConfigError()
    {
        using var cli = new CliHarness();
        string config = cli.WriteConfig("cat", EntangledCat.Replace("\"modes\": [0], \"times\"", "\"modes\": [5], \"times\"", StringComparison.Ordinal));
        var (code, _, stderr) = cli.Run("validate", config);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("analysis.wigner.modes[0]"));
    }

    [Test]
    public void SteadyStateOfTheParametricAmplifierMatchesTheClosedForm()
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("run", CliHarness.RepoConfig("parametric-amplifier.jsonc"), "--method", "steadystate", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(0), stderr);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "parametric-amplifier", "summary.json")))!;
        Assert.That((string?)summary["verdict"], Is.EqualTo("entangled"));
        double x = 2 * 0.02 / 0.1;
        var entry = summary["entanglement"]![0]!;
        Assert.That((double)entry["logNegativity"]!, Is.EqualTo(Math.Log(1 + x)).Within(ParametricAmplifierTolerance), "E_N = ln(1 + 2s/κ) in Fock space");
        Assert.That((double)entry["gaussianLogNegativity"]!, Is.EqualTo(Math.Log(1 + x)).Within(ParametricAmplifierTolerance), "and from the Fock covariance");
    }
}
