using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;
using BosonicTrajectories.Output;
using BosonicTrajectories.Output.Plots;
using BosonicTrajectories.Simulation;
using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Tests.Output.Plots;

/// <summary>Every picture is written as a valid PNG of the stated size (rendered off-screen, no display).</summary>
public class PlotTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "bt-plots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void TimeSeries_WithErrorsAndLogNegativity_WritesBothPictures()
    {
        var series = new TimeSeries(["t", "n_0", "n_1", "n_0_se", "n_1_se", "logneg_A|B", "logneg_A|B_se", "gaussian_logneg_A|B"]);
        for (int k = 0; k <= 50; k++)
        {
            double t = 4.0 * k;
            series.Add([t, 4 * Math.Exp(-t / 40), 0.3 * (1 - Math.Exp(-t / 30)), 0.05, 0.02, 0.4 * Math.Exp(-t / 25), 0.01, 0.0]);
        }

        var written = TimeSeriesPlots.WriteAll(series, folder, "test run");

        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { TimeSeriesPlots.OccupationsFile, TimeSeriesPlots.EntanglementFile }));
        foreach (string path in written)
            Assert.That(PngFile.AssertValid(path), Is.EqualTo((TimeSeriesPlots.DefaultWidth, TimeSeriesPlots.DefaultHeight)));
    }

    [Test]
    public void WarmUp_WritesNothing_AndLeavesLaterPicturesUnchanged()
    {
        // run warms the renderer up on an idle core; the pictures must not depend on whether it did.
        var series = new TimeSeries(["t", "n_0"]);
        for (int k = 0; k <= 20; k++) series.Add([k, Math.Exp(-k / 7.0)]);
        string before = Path.Combine(folder, "before"), after = Path.Combine(folder, "after");
        Directory.CreateDirectory(before);
        Directory.CreateDirectory(after);

        TimeSeriesPlots.WriteAll(series, before);
        ResultWriter.WarmUpPictures();
        TimeSeriesPlots.WriteAll(series, after);

        Assert.That(Directory.GetFileSystemEntries(folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "before", "after" }));
        Assert.That(File.ReadAllBytes(Path.Combine(after, TimeSeriesPlots.OccupationsFile)),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(before, TimeSeriesPlots.OccupationsFile))));
    }

    [Test]
    public void TimeSeries_WithoutLogNegativity_WritesOnlyOccupations()
    {
        var series = new TimeSeries(["t", "n_0"]);
        series.Add([0, 1]);
        series.Add([1, 0.5]);

        var written = TimeSeriesPlots.WriteAll(series, folder);

        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { TimeSeriesPlots.OccupationsFile }));
        Assert.That(() => TimeSeriesPlots.Entanglement(series, Path.Combine(folder, "e.png")),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("series"));
    }

    [Test]
    public void Occupations_OfTheStatedSize()
    {
        var series = new TimeSeries(["t", "n_0", "gaussian_logneg_A|B"]);
        series.Add([0, 0, 0]);
        series.Add([1, 0, 0]);
        string path = Path.Combine(folder, "o.png");

        TimeSeriesPlots.Occupations(series, path, width: 640, height: 400);

        Assert.That(PngFile.AssertValid(path), Is.EqualTo((640, 400)));
    }

    [Test]
    public void WignerPicture_OfAnEvenCat_IsWrittenAndItsGridMatchesTheFunction()
    {
        int levels = 30;
        var rho = EvenCat(levels, 1.5);
        string path = Path.Combine(folder, WignerPlot.FileName(0, 12.5));

        var grid = WignerPlot.Render(rho, path, new WignerPlotOptions(Mode: 0, Time: 12.5, GridPoints: 81, Width: 600, Height: 520));

        Assert.That(Path.GetFileName(path), Is.EqualTo("wigner_mode0_t12.5.png"));
        Assert.That(PngFile.AssertValid(path), Is.EqualTo((600, 520)));
        Assert.That(grid.Values[40, 40], Is.EqualTo(WignerFunction.Evaluate(rho, 0, 0)), "grid[i, j] = W(q_i, p_j)");
        Assert.That(grid.Q[40], Is.EqualTo(0).Within(1e-12), "the axis is centred");
        Assert.That(grid.Values.Cast<double>().Min(), Is.LessThan(-0.1), "the cat's negative fringes are on the grid");
    }

    [Test]
    public void WignerOfOneMode_FromATwoModeState_UsesTheReducedState()
    {
        // |1⟩ ⊗ |0⟩: mode 0's picture is the Fock-1 Wigner function, negative at the origin.
        var space = new FockSpace(new PerModeTruncation([4]), 2);
        var rho = new Complex[space.Dimension * space.Dimension];
        int k = space.IndexOf([1, 0]);
        rho[(k * space.Dimension) + k] = 1;

        string path = WignerPlot.RenderMode(space, rho, 0, 3.0, folder, "two modes");

        Assert.That(Path.GetFileName(path), Is.EqualTo("wigner_mode0_t3.png"));
        var size = PngFile.AssertValid(path);
        Assert.That(size, Is.EqualTo((new WignerPlotOptions().Width, new WignerPlotOptions().Height)));
        Assert.That(WignerFunction.Evaluate(ReducedDensityMatrix.OfMode(space, rho, 0), 0, 0), Is.EqualTo(-1 / Math.PI).Within(1e-14));
    }

    [Test]
    public void WignerFileName_UsesInvariantDigitsAndNamesSteadyStates()
    {
        Assert.That(WignerPlot.FileName(2, 100), Is.EqualTo("wigner_mode2_t100.png"));
        Assert.That(WignerPlot.FileName(0, 0.123456), Is.EqualTo("wigner_mode0_t0.1235.png"));
        Assert.That(WignerPlot.FileName(1, null), Is.EqualTo("wigner_mode1_tsteady.png"));
        Assert.That(WignerPlot.FileName(1, double.PositiveInfinity), Is.EqualTo("wigner_mode1_tsteady.png"));
    }

    [Test]
    public void WignerPicture_BadOptions_AreCallerErrors()
    {
        var rho = new Complex[2, 2];
        rho[0, 0] = 1;
        Assert.That(() => WignerPlot.Render(rho, Path.Combine(folder, "w.png"), new WignerPlotOptions(GridPoints: 1)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("options"));
        Assert.That(() => WignerPlot.Render(rho, Path.Combine(folder, "w.png"), new WignerPlotOptions(Width: 10)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("width"));
    }

    [Test]
    public void LinePlot_LogScale_WithAZeroPoint_IsWritten()
    {
        string path = Path.Combine(folder, "convergence.png");
        int[] cutoffs = [4, 6, 8, 10];

        LinePlot.Render(path, "Convergence", "cutoff", "error",
            [new LineSeries("error", [.. cutoffs.Select(c => (double)c)], [1e-1, 1e-3, 1e-5, 0.0]),
             new LineSeries("exact", [4.0, 6.0], [0.0, 0.0])],
            yScale: AxisScale.Log10, width: 500, height: 300);

        Assert.That(PngFile.AssertValid(path), Is.EqualTo((500, 300)));
    }

    [Test]
    public void LinePlot_CallerErrors()
    {
        string path = Path.Combine(folder, "x.png");
        Assert.That(() => LinePlot.Render(path, "t", "x", "y", []), Throws.ArgumentException.With.Property("ParamName").EqualTo("series"));
        Assert.That(() => LinePlot.Render(path, "t", "x", "y", [new LineSeries("s", [1.0, 2.0], [1.0])]),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("series"));
    }

    [TestCase(-3, "10⁻³")]
    [TestCase(0, "10⁰")]
    [TestCase(12, "10¹²")]
    public void LogTickLabels_ArePowersOfTen(double exponent, string expected) =>
        Assert.That(LinePlot.PowerOfTen(exponent), Is.EqualTo(expected));

    [Test]
    public void Histogram_WithMarker_AndDegenerateValues_IsWritten()
    {
        string path = Path.Combine(folder, "margins.png");
        var random = new Random(3);

        HistogramPlot.Render(path, "Margins", "margin", [.. Enumerable.Range(0, 300).Select(_ => random.NextDouble() - 0.1), double.NaN],
            bins: 20, marker: 0, markerLabel: "threshold");
        string flat = Path.Combine(folder, "flat.png");
        HistogramPlot.Render(flat, "All equal", "x", [2.0, 2.0, 2.0], width: 400, height: 300);

        Assert.That(PngFile.AssertValid(path), Is.EqualTo((HistogramPlot.DefaultWidth, HistogramPlot.DefaultHeight)));
        Assert.That(PngFile.AssertValid(flat), Is.EqualTo((400, 300)));
        Assert.That(() => HistogramPlot.Render(path, "none", "x", [double.NaN]), Throws.ArgumentException.With.Property("ParamName").EqualTo("values"));
    }

    [Test]
    public void ResultWriter_PutsThePicturesInTheResultFolder()
    {
        var config = ConfigLoader.ApplyOverrides(ConfigLoader.Default(), method: "gaussian");
        var result = SimulationRunner.Run(config, new RunContext(1, null, CancellationToken.None));

        string target = ResultWriter.Write(folder, result);

        Assert.That(PngFile.AssertValid(Path.Combine(target, TimeSeriesPlots.OccupationsFile)).Width, Is.EqualTo(TimeSeriesPlots.DefaultWidth));
        Assert.That(PngFile.AssertValid(Path.Combine(target, TimeSeriesPlots.EntanglementFile)).Height, Is.EqualTo(TimeSeriesPlots.DefaultHeight));
        Assert.That(File.Exists(Path.Combine(target, PictureGuard.FailureFile)), Is.False);
        Assert.That(File.Exists(Path.Combine(target, "summary.json")), Is.True);
    }

    private static Complex[,] EvenCat(int levels, double beta)
    {
        var v = new Complex[levels];
        double term = Math.Exp(-beta * beta / 2);
        for (int n = 0; n < levels; n++)
        {
            v[n] = n % 2 == 0 ? 2 * term : 0;
            term *= beta / Math.Sqrt(n + 1);
        }
        double norm2 = v.Sum(z => z.Magnitude * z.Magnitude);
        var rho = new Complex[levels, levels];
        for (int i = 0; i < levels; i++)
            for (int j = 0; j < levels; j++) rho[i, j] = v[i] * Complex.Conjugate(v[j]) / norm2;
        return rho;
    }
}
