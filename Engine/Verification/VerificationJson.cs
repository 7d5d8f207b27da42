using System.Text.Json;
using System.Text.Json.Nodes;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Output.JsonValues;

namespace BosonicTrajectories.Verification;

/// <summary>verify.json: the settings, the criteria, the summary and every instance, Fock check and control in full.</summary>
public static class VerificationJson
{
    public static JsonObject Build(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var worst = report.WorstLogNegativity;
        var margin = report.SmallestCertificateMargin;
        var fock = report.LargestFockDiscrepancy;
        return new JsonObject
        {
            ["command"] = "verify",
            ["settings"] = new JsonObject
            {
                ["instances"] = report.Settings.Instances,
                ["modes"] = report.Settings.Modes.ToString(),
                ["seed"] = report.Settings.Seed,
                ["fockSubset"] = report.Settings.FockSubset,
            },
            ["backend"] = report.Backend,
            ["generator"] = Generator(),
            ["criteria"] = new JsonObject
            {
                ["logNegativityThreshold"] = InstanceCheck.LogNegativityThreshold,
                ["certificateRelativeTolerance"] = SeparabilityCertificate.Tolerance,
                ["fockNoiseFloor"] = FockCrossCheck.NoiseFloor,
                ["fockControlNoiseFloor"] = ControlExperiments.FockNoiseFloor,
                ["fockControlAgreement"] = ControlExperiments.FockAgreement,
            },
            ["summary"] = new JsonObject
            {
                ["passed"] = report.Passed,
                ["instances"] = report.Instances.Count,
                ["holding"] = report.Holding,
                ["violations"] = report.Violations,
                ["failed"] = report.FailedInstances,
                ["worstLogNegativity"] = worst is null ? null : new JsonObject
                {
                    ["index"] = worst.Index, ["value"] = Number(worst.MaxLogNegativity), ["bipartition"] = worst.WorstBipartition,
                },
                ["smallestCertificateMargin"] = margin is null ? null : new JsonObject
                {
                    ["index"] = margin.Index, ["value"] = Number(margin.CertificateMargin),
                },
                ["largestFockDiscrepancy"] = fock is null ? null : new JsonObject
                {
                    ["candidate"] = fock.Candidate, ["value"] = Number(fock.CorrelationMaxAbsError), ["tolerance"] = Number(fock.CorrelationTolerance),
                },
                ["fockChecks"] = report.FockChecks.Count,
                ["fockChecksPassed"] = report.FockChecks.Count(f => f.Passed),
                ["controls"] = report.Controls.Count,
                ["controlsPassed"] = report.Controls.Count(c => c.Passed),
                ["problems"] = Strings(report.Problems),
            },
            ["instances"] = new JsonArray([.. report.Instances.Select(Instance)]),
            ["fockChecks"] = new JsonArray([.. report.FockChecks.Select(FockCheck)]),
            ["controls"] = new JsonArray([.. report.Controls.Select(Control)]),
            ["timing"] = new JsonObject { ["wallSeconds"] = report.WallSeconds, ["threads"] = report.Threads },
        };
    }

    public static string Format(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Generator() => new()
    {
        ["hamiltonian"] = $"H = U diag(ω) U†, ω uniform on [{RandomThermalMachines.FrequencyMin}, {RandomThermalMachines.FrequencyMax}], U Haar random",
        ["parties"] = $"2..min({RandomThermalMachines.MaxParties}, d) parties from random cuts of a shuffled mode order",
        ["temperature"] = $"0 with probability {RandomThermalMachines.ZeroTemperatureProbability}, else uniform on [{RandomThermalMachines.TemperatureMin}, {RandomThermalMachines.TemperatureMax}]",
        ["chemicalPotential"] = $"fermi 0; bose uniform on [{RandomThermalMachines.ChemicalPotentialMin}, {RandomThermalMachines.ChemicalPotentialFraction}·ω_min)",
        ["spectralDensity"] = $"flat or ohmic (cutoff [1, 4], exponent [0.5, 2]), κ log-uniform on [{RandomThermalMachines.KappaMin}, {RandomThermalMachines.KappaMax}]",
        ["coupling"] = "independent, vector (K = c c†) or matrix (K = B B†), one third each",
        ["approach"] = $"global or local, ½ each; Lamb shift with probability {RandomThermalMachines.LambShiftProbability} when every bath is ohmic",
        ["uniqueSteadyState"] = $"draws with λ_min(E − A) < {RandomThermalMachines.MinimumDamping} are redrawn",
    };

    private static JsonObject Instance(InstanceResult r)
    {
        var o = new JsonObject { ["index"] = r.Index };
        if (r.Machine is { } m)
        {
            var d = m.Description;
            o["modes"] = d.Modes;
            o["parties"] = new JsonArray([.. d.Parties.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["modes"] = new JsonArray([.. p.Modes.Select(x => (JsonNode)x)]) })]);
            o["approach"] = d.Approach == SecularApproach.Global ? "global" : "local";
            o["lambShift"] = d.LambShift;
            o["frequencies"] = new JsonArray([.. m.Frequencies.Select(w => Number(w))]);
            o["hamiltonian"] = ComplexMatrix(d.Hamiltonian);
            o["baths"] = new JsonArray([.. d.Baths.Select((b, i) => (JsonNode)Bath(b, m.Couplings[i]))]);
            o["redraws"] = m.Redraws;
        }
        o["outcome"] = r.Outcome.ToString().ToLowerInvariant();
        o["bipartitions"] = r.Bipartitions;
        o["maxLogNegativity"] = Number(r.MaxLogNegativity);
        o["worstBipartition"] = r.WorstBipartition;
        o["certificateMargin"] = Number(r.CertificateMargin);
        o["certified"] = r.Certified;
        o["minEigenvalueEmissionMinusAbsorption"] = Number(r.MinEigenvalueEmissionMinusAbsorption);
        o["secularMargin"] = Number(r.SecularMargin);
        o["occupations"] = new JsonArray([.. r.Occupations.Select(Number)]);
        if (r.Error is not null) o["error"] = r.Error;
        return o;
    }

    internal static JsonObject Bath(BathDescription b, CouplingKind coupling)
    {
        var density = b.SpectralDensity switch
        {
            FlatSpectralDensity f => new JsonObject { ["kind"] = "flat", ["kappa"] = f.Kappa },
            OhmicSpectralDensity o => new JsonObject { ["kind"] = "ohmic", ["kappa"] = o.Kappa, ["cutoff"] = o.Cutoff, ["exponent"] = o.Exponent },
            _ => new JsonObject { ["kind"] = b.SpectralDensity.GetType().Name },
        };
        return new JsonObject
        {
            ["party"] = b.Party,
            ["statistics"] = b.Statistics == BathStatistics.Bose ? "bose" : "fermi",
            ["temperature"] = b.Temperature,
            ["chemicalPotential"] = b.ChemicalPotential,
            ["spectralDensity"] = density,
            ["coupling"] = new JsonObject { ["kind"] = coupling.ToString().ToLowerInvariant(), ["matrix"] = ComplexMatrix(b.Coupling) },
            ["positionLike"] = b.PositionLike,
        };
    }

    private static JsonObject FockCheck(FockCheckResult f)
    {
        var o = new JsonObject
        {
            ["candidate"] = f.Candidate,
            ["passed"] = f.Passed,
            ["hamiltonian"] = ComplexMatrix(f.Machine.Description.Hamiltonian),
            ["baths"] = new JsonArray([.. f.Machine.Description.Baths.Select((b, i) => (JsonNode)Bath(b, f.Machine.Couplings[i]))]),
            ["approach"] = f.Machine.Description.Approach == SecularApproach.Global ? "global" : "local",
            ["lambShift"] = f.Machine.Description.LambShift,
            ["cutoff"] = f.Cutoff,
            ["predictedTail"] = Number(f.PredictedTail),
            ["maxTailPopulation"] = Number(f.MaxTailPopulation),
            ["adaggerAMaxAbsError"] = Number(f.CorrelationMaxAbsError),
            ["tolerance"] = Number(f.CorrelationTolerance),
            ["steadyLogNegativity"] = Number(f.SteadyLogNegativity),
            ["relaxationTime"] = Number(f.RelaxationTime),
            ["catRun"] = new JsonObject
            {
                ["alpha"] = FockCrossCheck.CatAmplitude,
                ["integrator"] = FockCrossCheck.RunIntegrator,
                ["tEnd"] = Number(f.RunTime),
                ["initialLogNegativity"] = Number(f.InitialLogNegativity),
                ["finalLogNegativity"] = Number(f.FinalLogNegativity),
            },
            ["noiseFloor"] = f.NoiseFloor,
            ["wallSeconds"] = f.WallSeconds,
        };
        if (f.Error is not null) o["error"] = f.Error;
        return o;
    }

    private static JsonObject Control(ControlResult c)
    {
        var o = new JsonObject
        {
            ["name"] = c.Name,
            ["method"] = c.Method,
            ["squeezing"] = c.Squeezing,
            ["logNegativity"] = Number(c.LogNegativity),
            ["noiseFloor"] = c.NoiseFloor,
            ["verdict"] = c.Verdict,
            ["required"] = c.MustBeEntangled ? "entangled" : "separable",
            ["reference"] = c.Expected is { } e ? Number(e) : null,
            ["referenceTolerance"] = c.Expected is null ? null : c.ExpectedTolerance,
            ["passed"] = c.Passed,
        };
        if (c.Error is not null) o["error"] = c.Error;
        return o;
    }
}
