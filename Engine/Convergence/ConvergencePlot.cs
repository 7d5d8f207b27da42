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
    /// PLOT HOOK: renders <see cref="Series"/> to <paramref name="pngPath"/> with the shared line-plot helper
    /// (Engine/Output/Plots, branch <c>thermo</c>, log-scale y). That helper has not landed yet, so nothing is written and
    /// this returns false (convergence.json then says <c>"plot": null</c>); replace the body with the helper's call.
    /// </summary>
    public static bool TryWrite(ConvergenceStudyResult result, string pngPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        return false;
    }

    private static (string, double[], double[]) Curve(string label, IEnumerable<(int Cutoff, double? Value)> points)
    {
        var kept = points.Where(p => p.Value is double v && double.IsFinite(v) && v > 0).ToList();
        return (label, [.. kept.Select(p => (double)p.Cutoff)], [.. kept.Select(p => p.Value!.Value)]);
    }
}
