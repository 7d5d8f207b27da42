using System.Diagnostics;
using System.Globalization;

namespace BosonicTrajectories.Cli;

/// <summary>
/// A one-line progress display on stderr with rate and ETA, redrawn at most every 0.2 s (a new line every 5 s when
/// stderr is not a terminal, so logs stay short). Thread-safe.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private readonly string label;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !Console.IsErrorRedirected;
    private readonly Lock gate = new();
    private double lastDraw = double.NegativeInfinity;
    private bool drewSomething;

    public ProgressDisplay(string label) => this.label = label;

    /// <summary>Reports progress as a fraction in [0, 1] with an optional extra text (e.g. the largest standard error).</summary>
    public void Report(double fraction, string? extra = null)
    {
        lock (gate)
        {
            double now = clock.Elapsed.TotalSeconds;
            if (now - lastDraw < (interactive ? 0.2 : 5.0) && fraction < 1) return;
            lastDraw = now;
            fraction = Math.Clamp(fraction, 0, 1);
            string eta = fraction > 1e-3 ? FormatSeconds(now * (1 - fraction) / fraction) : "?";
            string text = string.Create(CultureInfo.InvariantCulture,
                $"{label}: {fraction * 100,5:F1}%  elapsed {FormatSeconds(now)}  ETA {eta}{(extra is null ? "" : "  " + extra)}");
            if (interactive) Console.Error.Write("\r" + text.PadRight(Math.Min(Console.WindowWidth > 0 ? Console.WindowWidth - 1 : 100, 140)));
            else Console.Error.WriteLine(text);
            drewSomething = true;
        }
    }

    private static string FormatSeconds(double s) =>
        s < 120 ? s.ToString("F1", CultureInfo.InvariantCulture) + " s" : TimeSpan.FromSeconds(Math.Round(s)).ToString("c", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        lock (gate) if (interactive && drewSomething) Console.Error.WriteLine();
    }
}
