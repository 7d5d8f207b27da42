using System.Text.Json.Nodes;
using BosonicTrajectories.Analysis;

namespace BosonicTrajectories.Output;

/// <summary>Writes <c>&lt;out&gt;/&lt;name&gt;/</c> (summary.json, timeseries.csv) atomically.</summary>
public static class ResultWriter
{
    public static string Write(string outDirectory, AnalysedResult result) => Write(outDirectory, result, amendSummary: null);

    /// <summary>As <see cref="Write(string, AnalysedResult)"/>, letting the caller add facts to summary.json before it is written
    /// (e.g. the <c>truncation.auto</c> block of <c>run --cutoff auto</c>).</summary>
    public static string Write(string outDirectory, AnalysedResult result, Action<JsonObject>? amendSummary)
    {
        string target = Path.Combine(outDirectory, result.Config.Name);
        using var folder = new AtomicDirectory(target);
        File.WriteAllText(folder.PathOf("timeseries.csv"), TimeSeriesCsv.Format(result.Run.Series));
        var summary = SummaryJson.Build(result);
        amendSummary?.Invoke(summary);
        File.WriteAllText(folder.PathOf("summary.json"), SummaryJson.Format(summary));
        folder.Commit();
        return target;
    }
}
