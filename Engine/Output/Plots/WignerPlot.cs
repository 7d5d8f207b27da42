using System.Globalization;
using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using ScottPlot;

namespace BosonicTrajectories.Output.Plots;

/// <summary>Options of a Wigner picture; every field has a default.</summary>
/// <param name="Mode">The mode the reduced density matrix belongs to (title and file name).</param>
/// <param name="Time">The time of the state (title and file name); null or +∞ for a steady state.</param>
/// <param name="HalfWidth">The picture shows q, p ∈ [−HalfWidth, HalfWidth]; null: √(2⟨n⟩ + 1) + 3 (the state's rms radius
/// in phase space plus three vacuum widths), rounded up to a multiple of 0.5.</param>
/// <param name="GridPoints">Points per axis.</param>
/// <param name="Width">Picture width in pixels.</param>
/// <param name="Height">Picture height in pixels.</param>
/// <param name="RunName">Shown in the title when given.</param>
public sealed record WignerPlotOptions(
    int Mode = 0, double? Time = null, double? HalfWidth = null, int GridPoints = 161, int Width = 720, int Height = 640, string? RunName = null);

/// <summary>
/// A heat map of the Wigner function W(q, p) of one mode (<see cref="WignerFunction"/>; SPEC quadratures
/// q = (a + a†)/√2, p = i(a† − a)/√2, vacuum W = e^{−q² − p²}/π) on a diverging colour scale centred at 0, so negative
/// regions (non-classicality) show blue and positive red.
/// <para>
/// Use: take the reduced density matrix of a mode at the chosen time (<see cref="ReducedDensityMatrix.OfMode"/>) and
/// write <c>WignerPlot.Render(rho, Path.Combine(folder, WignerPlot.FileName(mode, t)), new WignerPlotOptions(mode, t))</c>;
/// or, from the full state, <c>WignerPlot.RenderMode(space, rho, mode, t, folder, runName)</c>.
/// </para>
/// </summary>
public static class WignerPlot
{
    /// <summary>"wigner_mode&lt;mode&gt;_t&lt;time&gt;.png" (time with up to 4 decimals; "steady" for null or +∞, a steady state).</summary>
    public static string FileName(int mode, double? time) =>
        string.Create(CultureInfo.InvariantCulture, $"wigner_mode{mode}_t{(time is { } t && double.IsFinite(t) ? t.ToString("0.####", CultureInfo.InvariantCulture) : "steady")}.png");

    /// <summary>
    /// Writes the heat map of W(q, p) of <paramref name="reducedRho"/> (a single-mode density matrix in the Fock basis)
    /// to <paramref name="path"/> and returns the grid it drew (values[i, j] = W(q_i, p_j) with q, p the axis points).
    /// </summary>
    /// <exception cref="ArgumentException">ρ is not square, fewer than 2 grid points, a bad half-width or size.</exception>
    public static WignerGrid Render(Complex[,] reducedRho, string path, WignerPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reducedRho);
        options ??= new WignerPlotOptions();
        if (options.GridPoints < 2) throw new ArgumentException($"need at least 2 grid points, got {options.GridPoints}", nameof(options));
        double half = options.HalfWidth ?? AutomaticHalfWidth(reducedRho);
        if (!(half > 0) || !double.IsFinite(half)) throw new ArgumentException($"half-width must be positive, got {half}", nameof(options));

        var axis = WignerFunction.Axis(-half, half, options.GridPoints);
        var values = WignerFunction.OnGrid(reducedRho, axis, axis);

        // The heat map's row 0 is drawn at the top: row r holds p = axis[n − 1 − r], column c holds q = axis[c].
        int n = axis.Length;
        var image = new double[n, n];
        double largest = 0;
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                image[r, c] = values[c, n - 1 - r];
                largest = Math.Max(largest, Math.Abs(image[r, c]));
            }

        string title = "Wigner function W(q, p) of mode " + options.Mode.ToString(CultureInfo.InvariantCulture)
                       + (options.Time is { } t && double.IsFinite(t) ? string.Create(CultureInfo.InvariantCulture, $" at t = {t:G4}") : " in the steady state")
                       + (options.RunName is { } name ? $" — {name}" : "");
        var plot = PlotCanvas.Create(title, "q = (a + a†)/√2", "p = i(a† − a)/√2");
        var heatmap = plot.Add.Heatmap(image);
        double step = axis[1] - axis[0];
        heatmap.Extent = new CoordinateRect(-half - (step / 2), half + (step / 2), -half - (step / 2), half + (step / 2));
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        double scale = largest > 0 ? largest : 1 / Math.PI;
        heatmap.ManualRange = new ScottPlot.Range(-scale, scale);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "W(q, p)";
        bar.LabelStyle.FontSize = PlotCanvas.LabelSize;
        plot.Axes.SetLimits(-half, half, -half, half);
        plot.Axes.SquareUnits();
        PlotCanvas.Save(plot, path, options.Width, options.Height);
        return new WignerGrid(axis, axis, values);
    }

    /// <summary>
    /// Convenience for a run: reduces the multi-mode <paramref name="rho"/> (row-major on <paramref name="space"/>) to
    /// <paramref name="mode"/>, and writes <see cref="FileName"/>(mode, time) into <paramref name="folder"/>; returns the path.
    /// </summary>
    public static string RenderMode(FockSpace space, ReadOnlySpan<Complex> rho, int mode, double? time, string folder, string? runName = null)
    {
        var reduced = ReducedDensityMatrix.OfMode(space, rho, mode);
        string path = Path.Combine(folder, FileName(mode, time));
        Render(reduced, path, new WignerPlotOptions(Mode: mode, Time: time, RunName: runName));
        return path;
    }

    /// <summary>√(2⟨n⟩ + 1) + 3, with ⟨n⟩ = Σ_n n ρ_nn / Tr ρ, rounded up to a multiple of 0.5.</summary>
    private static double AutomaticHalfWidth(Complex[,] rho)
    {
        double trace = 0, mean = 0;
        for (int k = 0; k < rho.GetLength(0); k++)
        {
            trace += rho[k, k].Real;
            mean += k * rho[k, k].Real;
        }
        double nbar = trace > 0 ? Math.Max(0, mean / trace) : 0;
        return Math.Ceiling(2 * (Math.Sqrt((2 * nbar) + 1) + 3)) / 2;
    }
}

/// <summary>W on a grid: Values[i, j] = W(Q[i], P[j]).</summary>
public sealed record WignerGrid(IReadOnlyList<double> Q, IReadOnlyList<double> P, double[,] Values);
