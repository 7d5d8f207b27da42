using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BosonicTrajectories.Output;
using static BosonicTrajectories.Output.JsonValues;

namespace BosonicTrajectories.Benchmarking;

/// <summary>
/// The files and screen table of a work-precision study: work-precision.csv, work-precision.json, the plots
/// (<see cref="WorkPrecisionPlot"/>) and a text table.
/// </summary>
public static class WorkPrecisionReport
{
    /// <summary>The CSV columns, in order (documented in <see cref="Csv"/>).</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "method", "integrator", "sweep", "rtol", "atol", "fixedStep", "jumpTimeTolerance", "trajectories", "seed",
        "error", "standardError", "seedMatchedDeviation", "maxTailPopulation",
        "rhsEvaluations", "acceptedSteps", "rejectedSteps", "wallSeconds", "status",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// work-precision.csv: the header <see cref="CsvColumns"/>, then one row per run in the order run:
    /// <c>method</c> lindblad | trajectories; <c>integrator</c> registry name; <c>sweep</c> tolerance | step | jumpTime;
    /// <c>rtol</c>, <c>atol</c> (atol = rtol/100; empty for rk4); <c>fixedStep</c> (rk4 only); <c>jumpTimeTolerance</c>,
    /// <c>trajectories</c>, <c>seed</c> (trajectories only); <c>error</c> = max over output times and (i, j) of
    /// |⟨a_i† a_j⟩ − reference|; <c>standardError</c> its statistical floor and <c>seedMatchedDeviation</c> the same
    /// maximum against the seed-matched reference ensemble (trajectories only); <c>maxTailPopulation</c> (lindblad only);
    /// <c>rhsEvaluations</c>, <c>acceptedSteps</c>, <c>rejectedSteps</c> (trajectories: summed over the ensemble);
    /// <c>wallSeconds</c>; <c>status</c> ok, or "failed: reason". Numbers at round-trip precision, absent values empty.
    /// </summary>
    public static string Csv(WorkPrecisionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = new StringBuilder();
        s.AppendLine(string.Join(',', CsvColumns));
        foreach (var p in result.Points)
        {
            string[] fields =
            [
                MethodName(p.Method), p.Integrator, SweepName(p.Sweep), Field(p.RelativeTolerance), Field(p.AbsoluteTolerance),
                Field(p.FixedStep), Field(p.JumpTimeTolerance), p.Trajectories?.ToString(Inv) ?? "", p.Seed?.ToString(Inv) ?? "",
                Field(p.Error), Field(p.StandardError), Field(p.SeedMatchedDeviation), Field(p.MaxTailPopulation),
                p.RhsEvaluations.ToString(Inv), p.AcceptedSteps.ToString(Inv), p.RejectedSteps.ToString(Inv), Field(p.WallSeconds),
                p.Failure is null ? "ok" : Quote("failed: " + p.Failure),
            ];
            s.AppendLine(string.Join(',', fields));
        }
        return s.ToString();
    }

    /// <summary>work-precision.json: settings, the error's definition and reference, floors, machine, one object per run.</summary>
    public static JsonObject Json(WorkPrecisionResult result, IReadOnlyList<string> plotFiles)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plotFiles);
        var settings = result.Settings;
        var reference = result.Reference;
        return new JsonObject
        {
            ["name"] = result.Config.Name,
            ["modes"] = result.Config.Modes,
            ["hilbertDimension"] = result.HilbertDimension,
            ["tEnd"] = Number(result.OutputTimes[^1]),
            ["samples"] = result.OutputTimes.Length,
            ["error"] = "max over the output times and all mode pairs (i, j) of |<a_i^dag a_j>(t) - reference|",
            ["reference"] = new JsonObject
            {
                ["kind"] = reference.Kind == WorkPrecisionReferenceKind.ExactGaussian ? "exactGaussian" : "fockReferenceRun",
                ["description"] = reference.Description,
                ["integrator"] = reference.Kind == WorkPrecisionReferenceKind.FockReferenceRun || reference.TruncationFloor is not null ? WorkPrecisionReference.Integrator : null,
                ["rtol"] = Number(WorkPrecisionReference.RelativeTolerance),
                ["atol"] = Number(WorkPrecisionReference.AbsoluteTolerance),
                ["truncationFloor"] = reference.TruncationFloor is double f ? Number(f) : null,
                ["truncationFloorMeaning"] = reference.Kind == WorkPrecisionReferenceKind.ExactGaussian
                    ? "error of the tight Fock run against the exact moments: the Fock truncation error, below which no lindblad error can fall"
                    : "not applicable: the reference has the same truncation",
                ["maxTailPopulation"] = reference.MaxTailPopulation is double tail ? Number(tail) : null,
                ["rhsEvaluations"] = reference.ReferenceRhsEvaluations,
                ["wallSeconds"] = Number(reference.ReferenceWallSeconds),
            },
            ["seedMatchedEnsemble"] = result.SeedMatchedEnsemble is { } e ? new JsonObject
            {
                ["integrator"] = WorkPrecisionReference.Integrator,
                ["rtol"] = Number(WorkPrecisionReference.RelativeTolerance),
                ["atol"] = Number(WorkPrecisionReference.AbsoluteTolerance),
                ["jumpTimeTolerance"] = Number(WorkPrecisionReference.JumpTimeTolerance),
                ["error"] = Number(e.Error),
                ["standardError"] = Number(e.StandardError),
                ["rhsEvaluations"] = e.RhsEvaluations,
                ["wallSeconds"] = Number(e.WallSeconds),
            } : null,
            ["settings"] = new JsonObject
            {
                ["methods"] = Strings(settings.Methods.Select(MethodName)),
                ["integrators"] = Strings(settings.Integrators),
                ["tolerances"] = Numbers(settings.Tolerances),
                ["atol"] = $"rtol / {WorkPrecisionSettings.AbsoluteToleranceDivisor}",
                ["rk4Steps"] = Numbers(result.Rk4Steps),
                ["rk4StepsAutomatic"] = result.Rk4StepsAutomatic,
                ["spectralRadiusEstimate"] = result.SpectralRadius is double r ? Number(r) : null,
                ["jumpTimeTolerance"] = Number(settings.JumpTimeTolerance),
                ["jumpTimeTolerances"] = Numbers(settings.JumpTimeTolerances),
                ["trajectories"] = settings.Trajectories,
                ["seed"] = settings.Seed,
                ["threads"] = settings.Threads,
            },
            ["machine"] = new JsonObject { ["processorCount"] = Environment.ProcessorCount, ["os"] = Environment.OSVersion.VersionString, [".net"] = Environment.Version.ToString() },
            ["points"] = new JsonArray([.. result.Points.Select(p => (JsonNode)PointJson(p))]),
            ["plots"] = Strings(plotFiles),
            ["timing"] = new JsonObject { ["wallSeconds"] = Number(result.WallSeconds) },
        };
    }

    /// <summary>A fixed-width table for the terminal, one row per run, with the reference and floors above it.</summary>
    public static string Table(WorkPrecisionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = new StringBuilder();
        var r = result.Reference;
        s.AppendLine(Inv, $"{result.Config.Name}: work-precision study (D = {result.HilbertDimension}, {result.OutputTimes.Length} output times on [0, {result.OutputTimes[^1]:G6}])");
        s.AppendLine("error = max_t,ij |<a_i^dag a_j> - reference|; reference: " + r.Description);
        if (r.TruncationFloor is double floor) s.AppendLine(Inv, $"truncation floor (tight Fock run vs exact): {floor:0.00e+00}");
        if (r.MaxTailPopulation is double tail) s.AppendLine(Inv, $"max tail population (tight Fock run): {tail:0.00e+00}");
        if (result.SeedMatchedEnsemble is { } e)
            s.AppendLine(Inv, $"seed-matched ensemble ({WorkPrecisionReference.Integrator}, rtol {WorkPrecisionReference.RelativeTolerance:G3}): error {e.Error:0.00e+00}, max standard error {e.StandardError:0.00e+00}");
        string[] header = ["method", "integrator", "sweep", "value", "jump tol", "error", "SE", "seed dev", "RHS evals", "acc", "rej", "wall s", "status"];
        var rows = result.Points.Select(p => new[]
        {
            MethodName(p.Method), p.Integrator, SweepName(p.Sweep),
            Short(p.Sweep == WorkPrecisionSweep.Step || p.FixedStep is not null ? p.FixedStep : p.RelativeTolerance), Short(p.JumpTimeTolerance),
            Short(p.Error), Short(p.StandardError), Short(p.SeedMatchedDeviation),
            p.RhsEvaluations.ToString(Inv), p.AcceptedSteps.ToString(Inv), p.RejectedSteps.ToString(Inv), p.WallSeconds.ToString("F3", Inv),
            p.Failure is null ? "ok" : "failed",
        }).ToList();
        int[] widths = [.. header.Select((h, i) => Math.Max(h.Length, rows.Select(row => row[i].Length).DefaultIfEmpty(0).Max()))];
        s.AppendLine(string.Join("  ", header.Select((h, i) => h.PadLeft(widths[i]))));
        foreach (var row in rows) s.AppendLine(string.Join("  ", row.Select((c, i) => c.PadLeft(widths[i]))));
        foreach (var failed in result.Points.Where(p => p.Failure is not null))
            s.AppendLine(Inv, $"failed: {MethodName(failed.Method)} {failed.Integrator} {SweepName(failed.Sweep)}: {failed.Failure}");
        return s.ToString().TrimEnd();
    }

    /// <summary>Writes <c>&lt;out&gt;/&lt;name&gt;-work-precision/</c> atomically; returns its path.</summary>
    public static string Write(string outDirectory, WorkPrecisionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string target = Path.Combine(outDirectory, result.Config.Name + "-work-precision");
        using var folder = new AtomicDirectory(target);
        File.WriteAllText(folder.PathOf("work-precision.csv"), Csv(result));
        var plots = WorkPrecisionPlot.TryWrite(result, folder.StagingPath);
        File.WriteAllText(folder.PathOf("work-precision.json"), SummaryJson.Format(Json(result, plots)));
        folder.Commit();
        return target;
    }

    internal static string MethodName(WorkPrecisionMethod method) => method == WorkPrecisionMethod.Lindblad ? "lindblad" : "trajectories";

    internal static string SweepName(WorkPrecisionSweep sweep) => sweep switch
    {
        WorkPrecisionSweep.Step => "step",
        WorkPrecisionSweep.JumpTime => "jumpTime",
        _ => "tolerance",
    };

    private static JsonObject PointJson(WorkPrecisionPoint p) => new()
    {
        ["method"] = MethodName(p.Method),
        ["integrator"] = p.Integrator,
        ["sweep"] = SweepName(p.Sweep),
        ["rtol"] = Optional(p.RelativeTolerance),
        ["atol"] = Optional(p.AbsoluteTolerance),
        ["fixedStep"] = Optional(p.FixedStep),
        ["jumpTimeTolerance"] = Optional(p.JumpTimeTolerance),
        ["trajectories"] = p.Trajectories,
        ["seed"] = p.Seed,
        ["error"] = Number(p.Error),
        ["standardError"] = Optional(p.StandardError),
        ["seedMatchedDeviation"] = Optional(p.SeedMatchedDeviation),
        ["maxTailPopulation"] = Optional(p.MaxTailPopulation),
        ["rhsEvaluations"] = p.RhsEvaluations,
        ["acceptedSteps"] = p.AcceptedSteps,
        ["rejectedSteps"] = p.RejectedSteps,
        ["wallSeconds"] = Number(p.WallSeconds),
        ["status"] = p.Failure is null ? "ok" : "failed",
        ["failure"] = p.Failure,
    };

    private static JsonNode? Optional(double? x) => x is double v ? Number(v) : null;

    private static JsonArray Numbers(IEnumerable<double> values) => [.. values.Select(Number)];

    private static string Field(double? x) => x is double v && double.IsFinite(v) ? v.ToString("R", Inv) : "";

    private static string Short(double? x) => x is double v && !double.IsNaN(v) ? v.ToString("0.00e+00", Inv) : "–";

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal).ReplaceLineEndings(" ") + "\"";
}
