using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BosonicTrajectories.Configuration;
using static BosonicTrajectories.Output.JsonValues;

namespace BosonicTrajectories.Convergence;

/// <summary>The evidence of an automatic cutoff search: the <c>truncation.auto</c> block of summary.json and a screen table.</summary>
public static class AutoCutoffReport
{
    /// <summary>The growth rule, as stated in summary.json.</summary>
    public const string Rule = "c -> c + max(2, ceil(c/4)), from the smallest c >= 2 holding the initial state to 1 - 1e-6";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The <c>truncation.auto</c> block: chosen cutoff, rule, method, tolerances, and every cutoff tried.</summary>
    public static JsonObject Json(AutoCutoffResult auto, SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(auto);
        ArgumentNullException.ThrowIfNull(config);
        return new JsonObject
        {
            ["cutoff"] = auto.Cutoff,
            ["key"] = CutoffTruncation.KeyOf(config.Truncation),
            ["startCutoff"] = auto.StartCutoff,
            ["rule"] = Rule,
            ["searchMethod"] = auto.SearchMethod.ToString().ToLowerInvariant(),
            ["searchMethodReason"] = auto.SearchMethodReason,
            ["tailTolerance"] = auto.Options.TailTolerance,
            ["covarianceTolerance"] = auto.Options.CovarianceTolerance,
            ["covarianceChange"] = "absolute: max_jk |Sigma_jk(c) - Sigma_jk(previous c)|, vacuum Sigma = I/2",
            ["maxHilbertDimension"] = auto.Options.MaxHilbertDimension,
            ["steps"] = new JsonArray([.. auto.Steps.Select(s => (JsonNode)new JsonObject
            {
                ["cutoff"] = s.Cutoff,
                ["hilbertDimension"] = s.HilbertDimension,
                ["maxTailPopulation"] = Number(s.TailPopulation),
                ["covarianceChange"] = s.CovarianceChange is double c ? Number(c) : null,
                ["accepted"] = s.Accepted,
                ["wallSeconds"] = Number(s.WallSeconds),
            })]),
        };
    }

    /// <summary>A few lines for the terminal: the chosen cutoff, the tolerances, and the cutoffs tried.</summary>
    public static string Text(AutoCutoffResult auto, SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(auto);
        ArgumentNullException.ThrowIfNull(config);
        var s = new StringBuilder();
        string key = CutoffTruncation.KeyOf(config.Truncation);
        s.AppendLine(Inv, $"automatic cutoff: {key} = {auto.Cutoff} (tail < {auto.Options.TailTolerance:0.##e+0} and Δcov < {auto.Options.CovarianceTolerance:0.##e+0}; searched with {auto.SearchMethod.ToString().ToLowerInvariant()}: {auto.SearchMethodReason})");
        s.AppendLine(Inv, $"  {"cutoff",6}  {"D",7}  {"tail",9}  {"Δcov",9}");
        foreach (var step in auto.Steps)
            s.AppendLine(Inv, $"  {step.Cutoff,6}  {step.HilbertDimension,7}  {step.TailPopulation,9:0.00e+00}  {(step.CovarianceChange is double c ? c.ToString("0.00e+00", Inv) : "–"),9}{(step.Accepted ? "  ← chosen" : "")}");
        return s.ToString().TrimEnd();
    }
}
