using System.Text.Json.Nodes;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Output.Plots;

namespace BosonicTrajectories.Output;

/// <summary>Writes <c>&lt;out&gt;/&lt;name&gt;/</c> (summary.json, timeseries.csv, pictures of the time series) atomically.</summary>
public static class ResultWriter
{
    /// <summary>Written instead of the pictures when they cannot be drawn (the numbers are still written).</summary>
    public const string PictureFailureFile = "pictures-failed.txt";

    /// <summary>Written beside the pictures when they were drawn without text (no font on the machine).</summary>
    public const string PictureNoteFile = "pictures-note.txt";

    public static string Write(string outDirectory, AnalysedResult result) => Write(outDirectory, result, amendSummary: null);

    /// <summary>As <see cref="Write(string, AnalysedResult)"/>, letting the caller add facts to summary.json before it is written
    /// (e.g. the <c>truncation.auto</c> block of <c>run --cutoff auto</c>).</summary>
    public static string Write(string outDirectory, AnalysedResult result, Action<JsonObject>? amendSummary)
    {
        string target = Path.Combine(outDirectory, result.Config.Name);
        using var folder = new AtomicDirectory(target);
        File.WriteAllText(folder.PathOf("timeseries.csv"), TimeSeriesCsv.Format(result.Run.Series));
        WritePictures(result, folder);
        var summary = SummaryJson.Build(result);
        amendSummary?.Invoke(summary);
        File.WriteAllText(folder.PathOf("summary.json"), SummaryJson.Format(summary));
        folder.Commit();
        return target;
    }

    /// <summary>
    /// occupations.png and entanglement.png (<see cref="TimeSeriesPlots"/>). Pictures are secondary output: if the
    /// graphics stack fails (e.g. a missing native library), the reason goes to <see cref="PictureFailureFile"/> and
    /// the run's numbers are still written.
    /// </summary>
    private static void WritePictures(AnalysedResult result, AtomicDirectory folder)
    {
        if (result.Run.Series.Rows.Count == 0) return;
        try
        {
            TimeSeriesPlots.WriteAll(result.Run.Series, folder.StagingPath, result.Config.Name);
            foreach (var snapshot in result.Run.Snapshots)
                foreach (int mode in result.Config.Analysis.Wigner?.Modes ?? [])
                    WignerPlot.RenderMode(snapshot.Space, snapshot.DensityMatrix, mode, snapshot.Time, folder.StagingPath, result.Config.Name);
            if (!PlotFonts.CanDrawText) File.WriteAllText(folder.PathOf(PictureNoteFile), PlotFonts.MissingFontAdvice + Environment.NewLine);
        }
#pragma warning disable CA1031 // any failure of the graphics stack must not lose the computed results
        catch (Exception e)
#pragma warning restore CA1031
        {
            File.WriteAllText(folder.PathOf(PictureFailureFile), $"the pictures could not be drawn: {e.GetType().Name}: {e.Message}{Environment.NewLine}");
        }
    }
}
