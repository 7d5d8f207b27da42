using System.Text.Json.Nodes;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Output.Plots;

namespace BosonicTrajectories.Output;

/// <summary>
/// Writes <c>&lt;out&gt;/&lt;name&gt;/</c> (summary.json, timeseries.csv, pictures of the time series; for trajectories also
/// shard.json and ensemble.bin, in <c>&lt;name&gt;.shard-I-of-N/</c> for a shard) atomically.
/// </summary>
public static class ResultWriter
{
    public static string Write(string outDirectory, AnalysedResult result) => Write(outDirectory, result, amendSummary: null);

    /// <summary>As <see cref="Write(string, AnalysedResult)"/>, letting the caller add facts to summary.json before it is written
    /// (e.g. the <c>truncation.auto</c> block of <c>run --cutoff auto</c>).</summary>
    public static string Write(string outDirectory, AnalysedResult result, Action<JsonObject>? amendSummary)
    {
        var ensemble = result.Run.Ensemble;
        string target = Path.Combine(outDirectory, ensemble?.Manifest.Shard.FolderName(result.Config.Name) ?? result.Config.Name);
        using var folder = new AtomicDirectory(target);
        File.WriteAllText(folder.PathOf("timeseries.csv"), TimeSeriesCsv.Format(result.Run.Series));
        WritePictures(result, folder);
        var summary = SummaryJson.Build(result);
        amendSummary?.Invoke(summary);
        File.WriteAllText(folder.PathOf("summary.json"), SummaryJson.Format(summary));
        ensemble?.Manifest.WriteWith(ensemble.Sums, folder.StagingPath);
        folder.Commit();
        return target;
    }

    /// <summary>Readies the picture renderer (<see cref="PlotCanvas.WarmUp"/>); call it on an idle thread before a run.</summary>
    public static void WarmUpPictures() => PlotCanvas.WarmUp();

    /// <summary>occupations.png, entanglement.png and any Wigner pictures asked for, under <see cref="PictureGuard"/>.</summary>
    private static void WritePictures(AnalysedResult result, AtomicDirectory folder)
    {
        if (result.Run.Series.Rows.Count == 0) return;
        PictureGuard.Draw(folder.StagingPath, () =>
        {
            TimeSeriesPlots.WriteAll(result.Run.Series, folder.StagingPath, result.Config.Name);
            foreach (var snapshot in result.Run.Snapshots)
                foreach (int mode in result.Config.Analysis.Wigner?.Modes ?? [])
                    WignerPlot.RenderMode(snapshot.Space, snapshot.DensityMatrix, mode, snapshot.Time, folder.StagingPath, result.Config.Name);
        });
    }
}
