using BosonicTrajectories.Analysis;
using ScottPlot;

namespace BosonicTrajectories.Output.Plots;

/// <summary>
/// Pictures of a run's <see cref="TimeSeries"/> (SPEC §5): the occupations ⟨n_i⟩ = ⟨a_i† a_i⟩ against time, with a
/// shaded ±1 standard-error band where an <c>n_i_se</c> column exists (trajectories), and the log-negativity of every
/// bipartition against time (columns <c>logneg_&lt;A|B&gt;</c> from a density matrix or ensemble, dashed
/// <c>gaussian_logneg_&lt;A|B&gt;</c> from the Gaussian covariance; a <c>_se</c> column adds a band).
/// </summary>
public static class TimeSeriesPlots
{
    public const string OccupationsFile = "occupations.png";
    public const string EntanglementFile = "entanglement.png";
    public const int DefaultWidth = 900;
    public const int DefaultHeight = 560;

    /// <summary>Room below 0 (fraction of the top) so a curve lying on 0 is not hidden by the frame.</summary>
    private const double FloorMargin = 0.03;

    /// <summary>Opacity of the standard-error bands.</summary>
    private const double BandAlpha = 0.25;

    /// <summary>
    /// Writes <see cref="OccupationsFile"/> and, when the series has log-negativity columns,
    /// <see cref="EntanglementFile"/> into <paramref name="folder"/>; returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(TimeSeries series, string folder, string? runName = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var written = new List<string>();
        if (OccupationColumns(series).Count > 0)
        {
            string path = Path.Combine(folder, OccupationsFile);
            Occupations(series, path, runName);
            written.Add(path);
        }
        if (LogNegativityColumns(series).Count > 0)
        {
            string path = Path.Combine(folder, EntanglementFile);
            Entanglement(series, path, runName);
            written.Add(path);
        }
        return written;
    }

    /// <summary>⟨n_i⟩ against time, one line per mode, ±SE bands when <c>n_i_se</c> exists.</summary>
    /// <exception cref="ArgumentException">The series has no <c>t</c> column or no <c>n_i</c> column.</exception>
    public static void Occupations(TimeSeries series, string path, string? runName = null, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(series);
        var columns = OccupationColumns(series);
        if (columns.Count == 0) throw new ArgumentException("the series has no occupation columns n_0, n_1, …", nameof(series));
        var plot = PlotCanvas.Create(Title("Mode occupations", runName), PlotCanvas.TimeLabel, "occupation ⟨n_i⟩ = ⟨a_i† a_i⟩");
        double[] t = series.Column("t");
        bool anyBand = false;
        foreach (string name in columns)
        {
            string mode = name[2..];
            anyBand |= AddCurve(plot, series, t, name, $"mode {mode}", dashed: false);
        }
        if (anyBand) AddBandLegend(plot);
        double top = NiceTop(MaxOf(series, columns, withErrors: true));
        plot.Axes.SetLimitsY(Math.Min(0, MinOf(series, columns)) - (FloorMargin * top), top);
        plot.Axes.SetLimitsX(t.Length > 0 ? t.Min() : 0, t.Length > 1 ? t.Max() : 1);
        plot.ShowLegend(Alignment.UpperRight);
        PlotCanvas.Save(plot, path, width, height);
    }

    /// <summary>Log-negativity E_N against time per bipartition (solid: measured; dashed: Gaussian).</summary>
    /// <exception cref="ArgumentException">The series has no log-negativity column.</exception>
    public static void Entanglement(TimeSeries series, string path, string? runName = null, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(series);
        var columns = LogNegativityColumns(series);
        if (columns.Count == 0) throw new ArgumentException("the series has no logneg_* or gaussian_logneg_* column", nameof(series));
        var plot = PlotCanvas.Create(Title("Entanglement across bipartitions", runName), PlotCanvas.TimeLabel, "log-negativity E_N");
        double[] t = series.Column("t");
        bool anyBand = false;
        foreach (string name in columns)
        {
            bool gaussian = name.StartsWith("gaussian_", StringComparison.Ordinal);
            string split = name[(gaussian ? "gaussian_logneg_".Length : "logneg_".Length)..];
            anyBand |= AddCurve(plot, series, t, name, gaussian ? $"{split} (Gaussian covariance)" : $"{split} (state)", dashed: gaussian);
        }
        if (anyBand) AddBandLegend(plot);
        double top = MaxOf(series, columns, withErrors: true);
        if (top <= 0)
        {
            // A flat zero line would sit on the frame: give it room and say what it means.
            var note = plot.Add.Text("E_N = 0 throughout: no entanglement detected (PPT)", t.Length > 0 ? t.Average() : 0, 0.5);
            note.LabelFontSize = PlotCanvas.LegendSize;
            note.LabelAlignment = Alignment.MiddleCenter;
            plot.Axes.SetLimitsY(-0.05, 1.0);
        }
        else
        {
            double nice = NiceTop(top);
            plot.Axes.SetLimitsY(Math.Min(0, MinOf(series, columns)) - (FloorMargin * nice), nice);
        }
        plot.Axes.SetLimitsX(t.Length > 0 ? t.Min() : 0, t.Length > 1 ? t.Max() : 1);
        plot.ShowLegend(Alignment.UpperRight);
        PlotCanvas.Save(plot, path, width, height);
    }

    /// <summary>Adds one curve (and its ±SE band when a "&lt;name&gt;_se" column exists); returns whether a band was drawn.</summary>
    private static bool AddCurve(Plot plot, TimeSeries series, double[] t, string name, string label, bool dashed)
    {
        double[] y = series.Column(name);
        var color = plot.Add.GetNextColor();
        bool band = series.Columns.Contains(name + "_se");
        if (band)
        {
            double[] se = series.Column(name + "_se");
            var fill = plot.Add.FillY(t, [.. y.Zip(se, (v, e) => v - e)], [.. y.Zip(se, (v, e) => v + e)]);
            fill.FillColor = color.WithAlpha(BandAlpha);
            fill.LineWidth = 0;
        }
        var line = plot.Add.ScatterLine(t, y, color);
        line.LegendText = label;
        line.LineWidth = 2.5f;
        if (dashed) line.LinePattern = LinePattern.Dashed;
        return band;
    }

    private static void AddBandLegend(Plot plot) =>
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "shaded: ±1 standard error", FillColor = Colors.Gray.WithAlpha(BandAlpha) });

    private static List<string> OccupationColumns(TimeSeries series) =>
        [.. series.Columns.Where(c => c.StartsWith("n_", StringComparison.Ordinal) && !c.EndsWith("_se", StringComparison.Ordinal)
                                      && int.TryParse(c.AsSpan(2), out _))];

    private static List<string> LogNegativityColumns(TimeSeries series) =>
        [.. series.Columns.Where(c => (c.StartsWith("logneg_", StringComparison.Ordinal) || c.StartsWith("gaussian_logneg_", StringComparison.Ordinal))
                                      && !c.EndsWith("_se", StringComparison.Ordinal))];

    private static double MaxOf(TimeSeries series, List<string> columns, bool withErrors)
    {
        double max = double.NegativeInfinity;
        foreach (string c in columns)
        {
            double[] y = series.Column(c);
            double[]? se = withErrors && series.Columns.Contains(c + "_se") ? series.Column(c + "_se") : null;
            for (int i = 0; i < y.Length; i++)
                if (double.IsFinite(y[i])) max = Math.Max(max, y[i] + (se is null || !double.IsFinite(se[i]) ? 0 : se[i]));
        }
        return double.IsFinite(max) ? max : 0;
    }

    private static double MinOf(TimeSeries series, List<string> columns) =>
        columns.SelectMany(series.Column).Where(double.IsFinite).DefaultIfEmpty(0).Min();

    /// <summary>A top with 15% headroom for the legend; at least 1e-3 so a tiny signal still shows.</summary>
    private static double NiceTop(double max) => Math.Max(max * 1.15, 1e-3);

    private static string Title(string what, string? runName) => runName is null ? what : $"{what} — {runName}";
}
