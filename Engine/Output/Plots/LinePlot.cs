using System.Globalization;
using ScottPlot;

namespace BosonicTrajectories.Output.Plots;

/// <summary>One curve of a <see cref="LinePlot"/>: points (X[i], Y[i]) and the legend text.</summary>
public sealed record LineSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>Axis scale of a <see cref="LinePlot"/>.</summary>
public enum AxisScale { Linear, Log10 }

/// <summary>
/// Generic line plots (e.g. convergence: error against cutoff on a log scale). A logarithmic axis plots log10 of the
/// values with ticks labelled as powers of ten; points whose value is not positive cannot be shown there and are left
/// out (a curve that is identically 0, e.g. an exact result, disappears and its legend entry says so).
/// </summary>
public static class LinePlot
{
    public const int DefaultWidth = 900;
    public const int DefaultHeight = 560;

    /// <summary>Writes a PNG with one line (with markers) per series.</summary>
    /// <exception cref="ArgumentException">No series, X and Y of different lengths, or a bad size.</exception>
    public static void Render(
        string path, string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series,
        AxisScale xScale = AxisScale.Linear, AxisScale yScale = AxisScale.Linear,
        int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("no series to plot", nameof(series));
        foreach (var s in series)
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"series '{s.Label}' has {s.X.Count} x values and {s.Y.Count} y values", nameof(series));

        var plot = PlotCanvas.Create(title, xLabel, yLabel);
        foreach (var s in series)
        {
            var points = Enumerable.Range(0, s.X.Count)
                .Where(i => Shown(s.X[i], xScale) && Shown(s.Y[i], yScale))
                .Select(i => (X: Scaled(s.X[i], xScale), Y: Scaled(s.Y[i], yScale)))
                .ToArray();
            if (points.Length == 0)
            {
                // keep the legend entry so the reader learns why the curve is missing
                var empty = plot.Add.Scatter(Array.Empty<double>(), Array.Empty<double>());
                empty.LegendText = s.Label + " (no positive values)";
                continue;
            }
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            line.LegendText = s.Label;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        if (xScale == AxisScale.Log10) plot.Axes.Bottom.TickGenerator = LogTicks();
        if (yScale == AxisScale.Log10) plot.Axes.Left.TickGenerator = LogTicks();
        plot.ShowLegend(Alignment.UpperRight);
        PlotCanvas.Save(plot, path, width, height);
    }

    private static bool Shown(double v, AxisScale scale) => double.IsFinite(v) && (scale == AxisScale.Linear || v > 0);

    private static double Scaled(double v, AxisScale scale) => scale == AxisScale.Log10 ? Math.Log10(v) : v;

    /// <summary>Major ticks at integer powers of ten labelled 10ᵏ, minor ticks at 2..9 × 10ᵏ.</summary>
    internal static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = PowerOfTen,
    };

    /// <summary>10 with a superscript exponent: 10⁻³, 10⁰, 10².</summary>
    internal static string PowerOfTen(double exponent)
    {
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        string digits = Math.Round(exponent).ToString("0", CultureInfo.InvariantCulture);
        return "10" + string.Concat(digits.Select(c => c == '-' ? '⁻' : superscripts[c - '0']));
    }
}
