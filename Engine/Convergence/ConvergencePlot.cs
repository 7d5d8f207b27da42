using BosonicTrajectories.Output.Plots;

namespace BosonicTrajectories.Convergence;

/// <summary>
/// The convergence plot: error and tail population against the cutoff, log-scale y axis
/// (<see cref="Series"/> gives the curves; cutoffs without a positive finite value are left out of a curve).
/// </summary>
public static class ConvergencePlot
{
    /// <summary>The PNG's file name inside the study folder.</summary>
    public const string FileName = "convergence.png";

    /// <summary>The curves to draw: (legend label, cutoffs, values), values all positive and finite.</summary>
    public static IReadOnlyList<(string Label, double[] Cutoffs, double[] Values)> Series(ConvergenceStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string errorLabel = result.ErrorReference == ConvergenceErrorReference.Gaussian ? "max |ΔΣ| vs Gaussian" : "max |ΔΣ| vs largest cutoff";
        return
        [
            Curve(errorLabel, result.Points.Select(p => (p.Cutoff, p.Error))),
            Curve("tail population", result.Points.Select(p => (p.Cutoff, (double?)p.TailPopulation))),
        ];
    }

    /// <summary>
    /// Renders <see cref="Series"/> to <paramref name="pngPath"/> (log-scale y) under the shared picture policy; returns
    /// whether the file was written (false when no curve has a point, or the graphics stack failed).
    /// </summary>
    public static bool TryWrite(ConvergenceStudyResult result, string pngPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        var curves = Series(result).Where(c => c.Cutoffs.Length > 0).Select(c => new LineSeries(c.Label, c.Cutoffs, c.Values)).ToList();
        if (curves.Count == 0) return false;
        PictureGuard.Draw(Path.GetDirectoryName(Path.GetFullPath(pngPath))!, () => LinePlot.Render(pngPath,
            "Truncation convergence", "cutoff (Fock levels per mode, or total excitations)", "error / population", curves, yScale: AxisScale.Log10));
        return File.Exists(pngPath);
    }

    private static (string, double[], double[]) Curve(string label, IEnumerable<(int Cutoff, double? Value)> points)
    {
        var kept = points.Where(p => p.Value is double v && double.IsFinite(v) && v > 0).ToList();
        return (label, [.. kept.Select(p => (double)p.Cutoff)], [.. kept.Select(p => p.Value!.Value)]);
    }
}
