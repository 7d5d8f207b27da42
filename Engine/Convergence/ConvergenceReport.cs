using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BosonicTrajectories.Output;
using static BosonicTrajectories.Output.JsonValues;

namespace BosonicTrajectories.Convergence;

/// <summary>The files and screen table of a convergence study: convergence.csv, convergence.json and a text table.</summary>
public static class ConvergenceReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// CSV: a header row <c>cutoff,hilbertDimension,error,covarianceChange,maxTailPopulation,logneg_&lt;A|B&gt;…,wallSeconds</c>,
    /// then one row per cutoff that ran (round-trip precision; an absent value is an empty field). Skipped cutoffs are
    /// listed in convergence.json.
    /// </summary>
    public static string Csv(ConvergenceStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = new StringBuilder();
        var header = new List<string> { "cutoff", "hilbertDimension", "error", "covarianceChange", "maxTailPopulation" };
        header.AddRange(result.Bipartitions.Select(b => "logneg_" + b.Label));
        header.Add("wallSeconds");
        s.AppendLine(string.Join(',', header));
        foreach (var p in result.Points)
        {
            var fields = new List<string> { p.Cutoff.ToString(Inv), p.HilbertDimension.ToString(Inv), Field(p.Error), Field(p.CovarianceChange), Field(p.TailPopulation) };
            fields.AddRange(p.LogNegativities.Select(x => Field(x)));
            fields.Add(Field(p.WallSeconds));
            s.AppendLine(string.Join(',', fields));
        }
        return s.ToString();
    }

    /// <summary>convergence.json: the study's settings, the error's meaning and reference, one object per cutoff, the skipped cutoffs.</summary>
    public static JsonObject Json(ConvergenceStudyResult result, string? plotFile)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = new JsonObject
        {
            ["name"] = result.Config.Name,
            ["method"] = result.Method,
            ["modes"] = result.Config.Modes,
            ["truncation"] = result.TruncationKey,
            ["cutoffs"] = result.Range is { } r ? new JsonObject { ["from"] = r.From, ["step"] = r.Step, ["to"] = r.To } : null,
            ["error"] = new JsonObject
            {
                ["reference"] = result.ErrorReference == ConvergenceErrorReference.Gaussian ? "gaussian" : "largestCutoff",
                ["description"] = result.ErrorDescription,
            },
            ["bipartitions"] = Strings(result.Bipartitions.Select(b => b.Label)),
        };
        if (result.GaussianReference is { } g)
        {
            json["gaussianReference"] = new JsonObject
            {
                ["covariance"] = RealMatrix(g.Covariance.ToArray()),
                ["logNegativity"] = PerBipartition(result, result.GaussianLogNegativities),
            };
        }
        json["points"] = new JsonArray([.. result.Points.Select(p => (JsonNode)new JsonObject
        {
            ["cutoff"] = p.Cutoff,
            ["hilbertDimension"] = p.HilbertDimension,
            ["error"] = p.Error is double e ? Number(e) : null,
            ["covarianceChange"] = p.CovarianceChange is double c ? Number(c) : null,
            ["maxTailPopulation"] = Number(p.TailPopulation),
            ["logNegativity"] = PerBipartition(result, p.LogNegativities),
            ["verdict"] = p.Verdict,
            ["wallSeconds"] = Number(p.WallSeconds),
        })]);
        json["skipped"] = new JsonArray([.. result.Skipped.Select(k => (JsonNode)new JsonObject { ["cutoff"] = k.Cutoff, ["reason"] = k.Reason })]);
        json["plot"] = plotFile;
        json["timing"] = new JsonObject { ["wallSeconds"] = Number(result.WallSeconds) };
        return json;
    }

    /// <summary>A fixed-width table for the terminal, one row per cutoff (skipped ones with their reason).</summary>
    public static string Table(ConvergenceStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var header = new List<string> { "cutoff", "D", "error", "Δcov", "tail" };
        header.AddRange(result.Bipartitions.Select(b => "logneg " + b.Label));
        header.Add("wall s");
        var rows = new List<(int Cutoff, string[]? Cells, string? Note)>();
        foreach (var p in result.Points)
        {
            var cells = new List<string> { p.Cutoff.ToString(Inv), p.HilbertDimension.ToString(Inv), Short(p.Error, "(ref)"), Short(p.CovarianceChange, "–"), Short(p.TailPopulation, "–") };
            cells.AddRange(p.LogNegativities.Select(x => Short(x, "–")));
            cells.Add(p.WallSeconds.ToString("F2", Inv));
            rows.Add((p.Cutoff, [.. cells], null));
        }
        rows.AddRange(result.Skipped.Select(k => (k.Cutoff, (string[]?)null, (string?)("skipped: " + k.Reason))));
        rows.Sort((a, b) => a.Cutoff.CompareTo(b.Cutoff));

        int[] widths = [.. header.Select((h, i) => Math.Max(h.Length, rows.Where(r => r.Cells is not null).Select(r => r.Cells![i].Length).DefaultIfEmpty(0).Max()))];
        var s = new StringBuilder();
        s.AppendLine(Inv, $"{result.Config.Name}: truncation convergence ({result.TruncationKey} cutoff, method {result.Method})");
        s.AppendLine("error = " + result.ErrorDescription);
        s.AppendLine(string.Join("  ", header.Select((h, i) => h.PadLeft(widths[i]))));
        foreach (var (cutoff, cells, note) in rows)
            s.AppendLine(cells is not null ? string.Join("  ", cells.Select((c, i) => c.PadLeft(widths[i]))) : cutoff.ToString(Inv).PadLeft(widths[0]) + "  " + note);
        return s.ToString().TrimEnd();
    }

    /// <summary>Writes <c>&lt;out&gt;/&lt;name&gt;-convergence/</c> (convergence.csv, convergence.json, the plot when available) atomically; returns its path.</summary>
    public static string Write(string outDirectory, ConvergenceStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string target = Path.Combine(outDirectory, result.Config.Name + "-convergence");
        using var folder = new AtomicDirectory(target);
        File.WriteAllText(folder.PathOf("convergence.csv"), Csv(result));
        string? plot = ConvergencePlot.TryWrite(result, folder.PathOf(ConvergencePlot.FileName)) ? ConvergencePlot.FileName : null;
        File.WriteAllText(folder.PathOf("convergence.json"), SummaryJson.Format(Json(result, plot)));
        folder.Commit();
        return target;
    }

    private static JsonObject PerBipartition(ConvergenceStudyResult result, IReadOnlyList<double> values)
    {
        var o = new JsonObject();
        for (int b = 0; b < result.Bipartitions.Length && b < values.Count; b++) o[result.Bipartitions[b].Label] = Number(values[b]);
        return o;
    }

    private static string Field(double? x) => x is double v && double.IsFinite(v) ? v.ToString("R", Inv) : "";

    private static string Short(double? x, string absent) => x is double v && !double.IsNaN(v) ? v.ToString("0.00e+00", Inv) : absent;
}
