using System.Text.Json;
using System.Text.Json.Nodes;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using BosonicTrajectories.Thermodynamics;
using MathNet.Numerics.LinearAlgebra;
using static BosonicTrajectories.Output.JsonValues;

namespace BosonicTrajectories.Output;

/// <summary>Builds summary.json (SPEC §5) from an <see cref="AnalysedResult"/>.</summary>
public static class SummaryJson
{
    public static JsonObject Build(AnalysedResult r)
    {
        var summary = new JsonObject
        {
            ["name"] = r.Config.Name,
            ["method"] = r.Run.Method,
            ["modes"] = r.Model.Modes,
            ["hilbertDimension"] = r.Run.HilbertDimension,
            ["config"] = r.Config.NormalizedJson.DeepClone(),
            ["model"] = ModelFacts(r),
            ["final"] = new JsonObject
            {
                ["time"] = Number(r.Run.FinalTime),
                ["moments"] = Moments(r.Run.Final),
                ["covariance"] = RealMatrix(r.FinalQuadratures.Covariance.ToArray()),
            },
        };
        if (r.Gaussian is { } g)
        {
            summary["gaussianSteadyState"] = new JsonObject
            {
                ["adaggerA"] = ComplexMatrix(g.SteadyLadder.AdaggerA.ToArray()),
                ["covariance"] = RealMatrix(g.Steady.Covariance.ToArray()),
            };
        }
        if (r.CrossCheck is { } c)
        {
            summary["crossCheck"] = new JsonObject
            {
                ["reference"] = c.Reference,
                ["covarianceMaxAbsError"] = Number(c.CovarianceMaxAbsError),
                ["tolerance"] = Number(c.Tolerance),
                ["agrees"] = c.Agrees,
            };
        }
        summary["entanglement"] = new JsonArray([.. r.Entanglement.Select(Entanglement)]);
        summary["separabilityCertificate"] = new JsonObject
        {
            ["minEigenvalueSigmaMinusHalf"] = Number(r.Certificate.MinEigenvalueSigmaMinusHalf),
            ["certified"] = r.Certificate.Certified,
        };
        if (r.Thermodynamics is { } thermo) summary["thermodynamics"] = Thermodynamics(thermo);
        if (r.Run.MaxTailPopulation is { } tail) summary["truncation"] = new JsonObject { ["maxTailPopulation"] = Number(tail) };
        if (r.Run.Statistics is { } stats) summary["statistics"] = stats.DeepClone();
        summary["details"] = r.Run.Details.DeepClone();
        summary["verdict"] = r.Verdict.Value;
        summary["verdictReason"] = r.Verdict.Reason;
        summary["timing"] = new JsonObject { ["wallSeconds"] = Number(r.WallSeconds), ["solveSeconds"] = Number(r.SolveSeconds) };
        return summary;
    }

    public static string Format(JsonObject summary) =>
        summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonObject Moments(LadderMoments m) => new()
    {
        ["a"] = ComplexVector(m.Mean.ToArray()),
        ["adaggerA"] = ComplexMatrix(m.AdaggerA.ToArray()),
        ["aa"] = ComplexMatrix(m.AA.ToArray()),
    };

    private static JsonObject ModelFacts(AnalysedResult r)
    {
        var facts = new JsonObject
        {
            ["quadratic"] = r.Model.IsQuadratic,
            ["conservesExcitations"] = r.Model.ConservesExcitations,
            ["jumps"] = r.Model.Jumps.Length,
            ["notes"] = Strings(r.Model.Notes),
        };
        if (r.Model.Passive is { } p)
        {
            facts["secularMargin"] = Number(p.Diagnostics.SecularMargin);
            facts["minEigenvalueEmissionMinusAbsorption"] = Number(p.Diagnostics.MinEigenvalueEmissionMinusAbsorption);
            facts["uniqueSteadyState"] = p.Diagnostics.UniqueSteadyState;
            facts["warnings"] = Strings(p.Diagnostics.Warnings);
            facts["emissionMatrix"] = ComplexMatrix(p.EmissionMatrix);
            facts["absorptionMatrix"] = ComplexMatrix(p.AbsorptionMatrix);
        }
        return facts;
    }

    /// <summary>
    /// The thermodynamics block (thermal machines only): per-bath currents, the energy balance and the entropy production
    /// at a steady state (with the checks), and the same numbers at the final state (where the entropy sum is the rate of
    /// entropy flowing into the baths, not the production, unless the final state is steady).
    /// </summary>
    private static JsonObject Thermodynamics(MachineThermodynamicsReport t) => new()
    {
        ["approach"] = t.Approach == SecularApproach.Global ? "global" : "local",
        ["conserved"] = MachineThermodynamicsReport.ConservedQuantity,
        ["definitions"] = MachineThermodynamicsReport.Definitions,
        ["steadyState"] = t.SteadyState is { } steady ? ThermodynamicStateJson(steady) : null,
        ["final"] = ThermodynamicStateJson(t.Final),
    };

    private static JsonObject ThermodynamicStateJson(ThermodynamicState s)
    {
        var o = new JsonObject
        {
            ["source"] = s.Source,
            ["time"] = Number(s.Time),
            ["baths"] = new JsonArray([.. s.Baths.Select(c => (JsonNode)new JsonObject
            {
                ["index"] = c.Dissipator.Index,
                ["party"] = c.Dissipator.Bath.Party,
                ["statistics"] = c.Dissipator.Bath.Statistics == BathStatistics.Bose ? "bose" : "fermi",
                ["temperature"] = Number(c.Dissipator.Bath.Temperature),
                ["chemicalPotential"] = Number(c.ChemicalPotential),
                ["heatCurrent"] = Number(c.HeatCurrent),
                ["particleCurrent"] = Number(c.ParticleCurrent),
                ["thermalisedEnergyCurrent"] = Number(c.GibbsHeatCurrent),
            })]),
            ["heatCurrentSum"] = Number(s.HeatCurrentSum),
            ["hamiltonianPower"] = s.HamiltonianPower is { } p ? Number(p) : null,
            ["energyChangeRate"] = s.EnergyChangeRate is { } rate ? Number(rate) : null,
        };
        string entropyKey = s.IsSteady ? "entropyProduction" : "bathEntropyRate";
        o[entropyKey] = s.Entropy.Value is { } sigma ? Number(sigma) : null;
        if (s.Entropy.Reason is { } reason) o[entropyKey + "Note"] = reason;
        if (s.IsSteady)
        {
            o["tolerance"] = Number(s.EnergyTolerance);
            o["energyConserved"] = s.EnergyConserved;
            if (s.HamiltonianPower is null)
                o["energyConservedNote"] = "the Hamiltonian has terms of degree > 2: their power needs higher moments, so the balance is not checked";
            o["secondLaw"] = s.SecondLawHolds;
        }
        return o;
    }

    private static JsonObject Entanglement(EntanglementReport e)
    {
        var o = new JsonObject
        {
            ["sideA"] = Strings(e.Bipartition.SideA),
            ["sideB"] = Strings(e.Bipartition.SideB),
        };
        if (e.Measured is { } m)
        {
            o["negativity"] = Number(m.Negativity);
            o["logNegativity"] = Number(m.LogNegativity);
            o["noiseFloor"] = Number(m.NoiseFloor);
            if (m.LogNegativityLower is { } lo)
            {
                o["logNegativityInterval"] = new JsonArray(Number(lo), Number(m.LogNegativityUpper ?? double.NaN));
                o["logNegativityStandardError"] = Number(m.LogNegativityStandardError ?? double.NaN);
                if (m.TrajectoriesNeeded is { } n) o["trajectoriesNeededToDecide"] = n;
            }
        }
        o["gaussianLogNegativity"] = Number(e.GaussianLogNegativity);
        return o;
    }
}
