using BosonicTrajectories.Analysis;

namespace BosonicTrajectories.Output;

/// <summary>Writes <c>&lt;out&gt;/&lt;name&gt;/</c> (summary.json, timeseries.csv) atomically.</summary>
public static class ResultWriter
{
    public static string Write(string outDirectory, AnalysedResult result)
    {
        string target = Path.Combine(outDirectory, result.Config.Name);
        using var folder = new AtomicDirectory(target);
        File.WriteAllText(folder.PathOf("timeseries.csv"), TimeSeriesCsv.Format(result.Run.Series));
        File.WriteAllText(folder.PathOf("summary.json"), SummaryJson.Format(SummaryJson.Build(result)));
        folder.Commit();
        return target;
    }
}
