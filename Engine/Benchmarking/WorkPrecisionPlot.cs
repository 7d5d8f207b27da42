using BosonicTrajectories.Output.Plots;

namespace BosonicTrajectories.Benchmarking;

/// <summary>
/// The work-precision pictures, log-log, one line per integrator (and per trajectory jump-time sweep): for each method
/// in the study, error against right-hand-side evaluations (<c>work-precision-&lt;method&gt;.png</c>) and against wall
/// time (<c>work-precision-&lt;method&gt;-time.png</c>). Floors are drawn as their own curves: the truncation floor for
/// lindblad (quadratic models), the standard error of each trajectory point.
/// </summary>
public static class WorkPrecisionPlot
{
    /// <summary>The work measures on the x axis.</summary>
    public enum Work { RhsEvaluations, WallSeconds }

    /// <summary>The file name of one picture.</summary>
    public static string FileName(WorkPrecisionMethod method, Work work) =>
        $"work-precision-{WorkPrecisionReport.MethodName(method)}{(work == Work.WallSeconds ? "-time" : "")}.png";

    /// <summary>The curves of one picture: (legend, x, y), successful points only, in sweep order.</summary>
    public static IReadOnlyList<LineSeries> Series(WorkPrecisionResult result, WorkPrecisionMethod method, Work work)
    {
        ArgumentNullException.ThrowIfNull(result);
        var points = result.Points.Where(p => p.Method == method && p.Succeeded).ToList();
        var curves = new List<LineSeries>();
        foreach (var group in points.GroupBy(p => (p.Integrator, JumpSweep: p.Sweep == WorkPrecisionSweep.JumpTime)))
        {
            var sorted = group.ToList();     // in sweep order (loosest first), as work-precision diagrams connect them
            string label = group.Key.Integrator + (group.Key.JumpSweep ? " (jump-time sweep)" : "");
            curves.Add(new LineSeries(label, [.. sorted.Select(p => X(p, work))], [.. sorted.Select(p => p.Error)]));
        }
        if (points.Count == 0) return curves;
        double left = points.Min(p => X(p, work)), right = points.Max(p => X(p, work));
        if (method == WorkPrecisionMethod.Lindblad && result.Reference.TruncationFloor is double floor)
            curves.Add(new LineSeries("truncation floor", [left, right], [floor, floor]));
        if (method == WorkPrecisionMethod.Trajectories)
        {
            var withError = points.Where(p => p.StandardError is not null && p.Sweep != WorkPrecisionSweep.JumpTime).OrderBy(p => X(p, work)).ToList();
            if (withError.Count > 0)
                curves.Add(new LineSeries("standard error (statistical floor)", [.. withError.Select(p => X(p, work))], [.. withError.Select(p => p.StandardError!.Value)]));
        }
        return curves;
    }

    /// <summary>
    /// Renders every picture of <paramref name="result"/> into <paramref name="folder"/> under the shared picture policy
    /// (<see cref="PictureGuard"/>); returns the file names written.
    /// </summary>
    public static IReadOnlyList<string> TryWrite(WorkPrecisionResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var written = new List<string>();
        foreach (var method in result.Settings.Methods)
            foreach (var work in new[] { Work.RhsEvaluations, Work.WallSeconds })
            {
                var curves = Series(result, method, work);
                if (curves.Count == 0) continue;
                string file = FileName(method, work);
                string path = Path.Combine(folder, file);
                string xLabel = work == Work.WallSeconds ? "wall time (s)" : "right-hand-side evaluations";
                PictureGuard.Draw(folder, () => LinePlot.Render(path,
                    $"{result.Config.Name}: {WorkPrecisionReport.MethodName(method)} work-precision",
                    xLabel, "max |Δ⟨a_i† a_j⟩|", curves, AxisScale.Log10, AxisScale.Log10));
                if (File.Exists(path)) written.Add(file);
            }
        return written;
    }

    private static double X(WorkPrecisionPoint p, Work work) => work == Work.WallSeconds ? p.WallSeconds : p.RhsEvaluations;
}
