using ScottPlot;

namespace BosonicTrajectories.Output.Plots;

/// <summary>
/// Whether the pictures can carry text. ScottPlot draws text with a system font through SkiaSharp (the Linux native
/// assets without dependencies, so no fontconfig is needed); a machine with no font at all still renders every curve,
/// but no labels. Debian's fonts-dejavu-core (on the dotnet machine image) provides DejaVu Sans.
/// </summary>
public static class PlotFonts
{
    /// <summary>The advice given when <see cref="CanDrawText"/> is false.</summary>
    public const string MissingFontAdvice =
        "no font with glyphs was found, so the pictures have no text (axes, titles, legends); " +
        "install a font, e.g. on Debian: apt-get install fonts-dejavu-core";

    /// <summary>True when a preferred sans-serif family or SkiaSharp's default typeface has glyphs.</summary>
    public static bool CanDrawText => PlotCanvas.FontFamily is not null || SkiaSharp.SKTypeface.Default.GlyphCount > 0;
}

/// <summary>
/// The common look of every picture (ScottPlot 5, rendered off-screen by SkiaSharp, no display needed): a sans-serif
/// font when the machine has one (DejaVu Sans on Debian's fonts-dejavu-core; otherwise ScottPlot's default), readable
/// sizes, and PNG output of a stated size.
/// </summary>
internal static class PlotCanvas
{
    public const float TitleSize = 20;
    public const float LabelSize = 17;
    public const float TickSize = 14;
    public const float LegendSize = 14;

    /// <summary>Preferred font families, first available wins.</summary>
    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"];

    private static readonly Lazy<string?> Font = new(() => PreferredFonts.FirstOrDefault(IsInstalled));

    /// <summary>The family used for text, or null when none of the preferred ones is installed.</summary>
    public static string? FontFamily => Font.Value;

    /// <summary>The time axis label (SPEC: ħ = 1, time in units of 1/frequency, "1/ω").</summary>
    public const string TimeLabel = "time t (1/ω)";

    /// <summary>A new plot with the common style and the given title and axis labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (Font.Value is { } font) plot.Font.Set(font);
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Legend.FontSize = LegendSize;
        return plot;
    }

    /// <summary>Writes <paramref name="plot"/> as a PNG of <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    /// <exception cref="ArgumentException">A size below 100 pixels or above 10000, or an empty path.</exception>
    public static void Save(Plot plot, string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckSize(width, nameof(width));
        CheckSize(height, nameof(height));
        plot.SavePng(path, width, height);
    }

    /// <summary>
    /// Draws a small styled plot with a legend into a PNG in memory and discards it: the first picture of a process
    /// otherwise pays for loading SkiaSharp, finding the font and compiling the renderer (about a quarter of a second),
    /// which <c>run</c> does on an idle core while the solver works. Any failure is left for the real pictures to meet
    /// and report (<see cref="PictureGuard"/>).
    /// </summary>
    public static void WarmUp()
    {
        try
        {
            var plot = Create("warm-up", TimeLabel, "⟨n⟩");
            var line = plot.Add.Scatter(new double[] { 0, 1, 2 }, new double[] { 0, 1, 0.5 });
            line.LegendText = "n";
            plot.ShowLegend();
            _ = plot.GetPngHtml(160, 120, "", "");
        }
        catch (Exception)
        {
            // Deliberately ignored: the real pictures run the same code and report what went wrong.
        }
    }

    /// <summary>SkiaSharp substitutes a default face for an unknown family, so compare the family it returns.</summary>
    private static bool IsInstalled(string family) =>
        string.Equals(Fonts.GetTypeface(family, false, false)?.FamilyName, family, StringComparison.OrdinalIgnoreCase);

    private static void CheckSize(int pixels, string argument)
    {
        if (pixels is < 100 or > 10000) throw new ArgumentException($"a picture side must be 100..10000 pixels, got {pixels}", argument);
    }
}
