using ScottPlot;

namespace BosonicTrajectories.Output.Plots;

/// <summary>Histograms (e.g. the verify campaign's margins): counts of values in equal-width bins.</summary>
public static class HistogramPlot
{
    public const int DefaultWidth = 900;
    public const int DefaultHeight = 560;

    /// <summary>
    /// Writes a PNG histogram of <paramref name="values"/> (non-finite values are left out) in <paramref name="bins"/>
    /// equal bins spanning their range; an optional vertical marker (e.g. a threshold at 0) is drawn and labelled.
    /// </summary>
    /// <exception cref="ArgumentException">No finite value, fewer than 1 bin, or a bad size.</exception>
    public static void Render(
        string path, string title, string xLabel, IReadOnlyList<double> values, int bins = 30,
        double? marker = null, string? markerLabel = null, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (bins < 1) throw new ArgumentException($"need at least one bin, got {bins}", nameof(bins));
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) throw new ArgumentException("no finite values to histogram", nameof(values));

        double min = finite.Min(), max = finite.Max();
        if (marker is { } m && double.IsFinite(m)) (min, max) = (Math.Min(min, m), Math.Max(max, m));
        if (max <= min) (min, max) = (min - 0.5, max + 0.5);   // all values equal: one visible bin around them
        var histogram = ScottPlot.Statistics.Histogram.WithBinCount(bins, min, max);
        histogram.AddRange(finite);

        var plot = PlotCanvas.Create(title, xLabel, "count");
        var bars = plot.Add.Histogram(histogram);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{finite.Length} values, {bins} bins", FillColor = bars.Bars[0].FillColor });
        if (marker is { } at && double.IsFinite(at))
        {
            var line = plot.Add.VerticalLine(at, 2, Colors.Black, LinePattern.Dashed);
            line.LegendText = markerLabel ?? $"x = {at:G3}";
        }
        double pad = 0.03 * (max - min);
        plot.Axes.SetLimits(min - pad, max + pad, 0, Math.Max(1, histogram.Counts.Max()) * 1.15);
        plot.ShowLegend(Alignment.UpperRight);
        PlotCanvas.Save(plot, path, width, height);
    }
}
