using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using BosonicTrajectories.Benchmarking;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Cli;

/// <summary>
/// <c>bench-integrators CONFIG [--out DIR] [--methods lindblad,trajectories] [--integrators dopri5,tsit5,…]
/// [--tolerances 1e-3:1e-9] [--rk4-steps auto|H0:H1] [--jump-tolerances 1e-2:1e-10:0.5] [--jump-tolerance T]
/// [--trajectories N] [--seed S] [--threads N]</c>: a work-precision study of the integrators
/// (<see cref="WorkPrecisionStudy"/>); writes <c>&lt;out&gt;/&lt;name&gt;-work-precision/</c> (work-precision.csv,
/// work-precision.json, PNG plots). An unknown integrator or method is a usage error (exit 2) listing the valid names.
/// </summary>
internal static class BenchIntegratorsCommand
{
    private static readonly string[] MethodNames = ["lindblad", "trajectories"];

    public static Command Create()
    {
        var config = new Argument<string>("CONFIG") { Description = "config file (its model, truncation, initial state, tEnd and samples are used)" };
        var output = new Option<string>("--out") { Description = "output folder (default results/); writes <out>/<name>-work-precision/", DefaultValueFactory = _ => "results" };
        var methods = new Option<string>("--methods") { Description = "comma-separated: lindblad, trajectories", DefaultValueFactory = _ => string.Join(',', MethodNames) };
        var integrators = new Option<string>("--integrators") { Description = $"comma-separated registry names (default all: {string.Join(",", IntegratorRegistry.Names)})", DefaultValueFactory = _ => string.Join(',', IntegratorRegistry.Names) };
        var tolerances = new Option<string>("--tolerances") { Description = "rtol sweep FROM:TO[:PER] (PER points per decade; atol = rtol/100)", DefaultValueFactory = _ => WorkPrecisionSettings.DefaultTolerances };
        var rk4Steps = new Option<string>("--rk4-steps") { Description = "rk4 fixed steps FROM:TO (halving), or auto (from the Liouvillian's spectral radius)", DefaultValueFactory = _ => "auto" };
        var jumpTolerances = new Option<string>("--jump-tolerances") { Description = "trajectory jump-time sweep FROM:TO[:PER] (at the tightest rtol)", DefaultValueFactory = _ => WorkPrecisionSettings.DefaultJumpTimeTolerances };
        var jumpTolerance = new Option<double>("--jump-tolerance") { Description = "jump-time tolerance of the trajectory rtol sweep", DefaultValueFactory = _ => WorkPrecisionSettings.DefaultJumpTimeTolerance };
        var trajectories = new Option<int?>("--trajectories") { Description = "trajectories per trajectory point (default run.trajectories)" };
        var seed = new Option<ulong?>("--seed") { Description = "ensemble seed of every trajectory point (default run.seed)" };
        var threads = new Option<int?>("--threads") { Description = "worker threads for trajectory ensembles (default: all cores); wall times depend on it, results do not" };
        var command = new Command("bench-integrators", "Work-precision study: error against the exact (or a reference) solution vs right-hand-side evaluations and wall time, per integrator and tolerance.")
        {
            config, output, methods, integrators, tolerances, rk4Steps, jumpTolerances, jumpTolerance, trajectories, seed, threads,
        };
        command.SetAction(parse => CommandLine.Guard(() =>
        {
            var parsedMethods = ParseMethods(parse.GetValue(methods));
            var parsedIntegrators = ParseIntegrators(parse.GetValue(integrators));
            var parsedTolerances = GeometricSweep.Tolerances(parse.GetValue(tolerances), "--tolerances");
            string stepsText = parse.GetValue(rk4Steps) ?? "auto";
            ImmutableArray<double>? steps = stepsText.Trim() == "auto" ? null : GeometricSweep.Halvings(stepsText, "--rk4-steps");
            var parsedJumps = GeometricSweep.Tolerances(parse.GetValue(jumpTolerances), "--jump-tolerances");
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            var settings = new WorkPrecisionSettings(
                parsedMethods, parsedIntegrators, parsedTolerances, steps, parsedJumps, parse.GetValue(jumpTolerance),
                parse.GetValue(trajectories) ?? loaded.Run.Trajectories, parse.GetValue(seed) ?? loaded.Run.Seed,
                parse.GetValue(threads) ?? Environment.ProcessorCount);

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                WorkPrecisionResult result;
                using (var progress = new ProgressDisplay($"{loaded.Name} work-precision"))
                    result = WorkPrecisionStudy.Run(loaded, settings, new RunContext(settings.Threads, progress.Report, cancel.Token));
                string folder = WorkPrecisionReport.Write(parse.GetValue(output)!, result);
                Console.WriteLine(WorkPrecisionReport.Table(result));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {folder} in {result.WallSeconds:F2} s"));
                return CommandLine.Success;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }

    /// <summary>Comma-separated methods; an unknown one is an error naming <c>--methods</c> and the valid names.</summary>
    internal static ImmutableArray<WorkPrecisionMethod> ParseMethods(string? text)
    {
        var names = Split(text);
        var unknown = names.Where(n => !MethodNames.Contains(n)).ToList();
        if (names.Count == 0 || unknown.Count > 0)
            throw new ConfigException("--methods", $"{(names.Count == 0 ? "no method given" : $"unknown method(s) {string.Join(", ", unknown.Select(n => $"\"{n}\""))}")}; valid: {string.Join(", ", MethodNames)}");
        return [.. names.Distinct().Select(n => n == "lindblad" ? WorkPrecisionMethod.Lindblad : WorkPrecisionMethod.Trajectories)];
    }

    /// <summary>Comma-separated integrator names; unknown ones are one error naming <c>--integrators</c> and the valid names.</summary>
    internal static ImmutableArray<string> ParseIntegrators(string? text)
    {
        var names = Split(text);
        var unknown = names.Where(n => !IntegratorRegistry.IsRegistered(n)).ToList();
        if (names.Count == 0 || unknown.Count > 0)
            throw new ConfigException("--integrators",
                $"{(names.Count == 0 ? "no integrator given" : $"unknown integrator(s) {string.Join(", ", unknown.Select(n => $"\"{n}\""))}")}; valid: {string.Join(", ", IntegratorRegistry.Names)}");
        return [.. names.Distinct()];
    }

    private static List<string> Split(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
