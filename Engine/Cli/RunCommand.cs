using System.CommandLine;
using System.Globalization;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Convergence;
using BosonicTrajectories.Output;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Cli;

/// <summary>
/// <c>run [CONFIG] [--out DIR] [--method M] [--trajectories N] [--seed S] [--t-end T] [--threads N] [--cutoff auto|c]
/// [--shard I/N] [--resume] [--max-wall SECONDS]</c> (SPEC §4). A trajectories run that stops before all its trajectories
/// (Ctrl-C, <c>--max-wall</c>) writes a valid partial result and exits with <see cref="CommandLine.Partial"/>;
/// <c>--resume</c> continues it to the same bits as an uninterrupted run. <c>--cutoff c</c> sets the truncation to c levels per mode (K = c for a totalExcitations config);
/// <c>--cutoff auto</c> chooses it by <see cref="AutoCutoff"/> and records the evidence in summary.json (<c>truncation.auto</c>).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Argument<string?>("CONFIG") { Description = "config file; omitted: the embedded default (two-mode hot/cold machine, even cat)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--out") { Description = "output folder (default results/)", DefaultValueFactory = _ => "results" };
        var method = new Option<string?>("--method") { Description = "override run.method: lindblad | trajectories | steadystate | gaussian" };
        var trajectories = new Option<int?>("--trajectories") { Description = "override run.trajectories" };
        var seed = new Option<ulong?>("--seed") { Description = "override run.seed" };
        var tEnd = new Option<string?>("--t-end") { Description = "override run.tEnd (a number or 'steady')" };
        var threads = new Option<int?>("--threads") { Description = "worker threads (default: all cores); results never depend on it" };
        var cutoff = new Option<string?>("--cutoff") { Description = "override the truncation: c levels per mode (K = c for totalExcitations), or 'auto': grow c until the tail population < 1e-6 and the covariance changes by < 1e-4" };
        var shard = new Option<string?>("--shard") { Description = "trajectories: run shard I of N (0 ≤ I < N), the contiguous block [⌊I·T/N⌋, ⌊(I+1)·T/N⌋) of the T trajectories; writes <out>/<name>.shard-I-of-N/ for `merge`" };
        var resume = new Option<bool>("--resume") { Description = "trajectories: continue the interrupted run (or shard) saved in the output folder; starts fresh when there is none" };
        var maxWall = new Option<double?>("--max-wall") { Description = "trajectories: stop after this many seconds, writing a partial result (exit code 75) that --resume continues" };
        var command = new Command("run", "Run a config and write <out>/<name>/ (summary.json, timeseries.csv, pictures).")
        {
            config, output, method, trajectories, seed, tEnd, threads, cutoff, shard, resume, maxWall,
        };
        command.SetAction(parse => CommandLine.Guard(() =>
        {
            string? path = parse.GetValue(config);
            var loaded = path is null ? ConfigLoader.Parse(ConfigLoader.DefaultConfigJson, "embedded default") : ConfigLoader.Load(path);
            loaded = ConfigLoader.ApplyOverrides(loaded, parse.GetValue(method), parse.GetValue(trajectories), parse.GetValue(seed), parse.GetValue(tEnd));
            int threadCount = parse.GetValue(threads) ?? Environment.ProcessorCount;
            if (threadCount < 1) throw new ConfigException("--threads", $"{threadCount} is not a thread count; use 1 or more");
            var ensembleOptions = EnsembleOptions.Read(parse.GetValue(shard), parse.GetValue(resume), parse.GetValue(maxWall),
                loaded, parse.GetValue(cutoff));

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                AutoCutoffResult? auto = null;
                switch (parse.GetValue(cutoff))
                {
                    case null:
                        break;
                    case "auto":
                        using (var search = new ProgressDisplay($"{loaded.Name} automatic cutoff"))
                            auto = AutoCutoff.Search(loaded, new RunContext(threadCount, search.Report, cancel.Token));
                        loaded = CutoffTruncation.Apply(loaded, auto.Cutoff);
                        Console.WriteLine(AutoCutoffReport.Text(auto, loaded));
                        break;
                    case var text:
                        loaded = CutoffTruncation.Apply(loaded, ParseCutoff(text));
                        break;
                }

                var plotWarmUp = Task.Run(ResultWriter.WarmUpPictures);
                string outDirectory = parse.GetValue(output)!;
                AnalysedResult result;
                if (auto?.FinalResult is { } reused) result = reused;
                else
                {
                    var context = ensembleOptions.Context(loaded, outDirectory, threadCount, cancel.Token);
                    using var progress = new ProgressDisplay($"{loaded.Name} ({loaded.Run.Method.ToString().ToLowerInvariant()})");
                    result = SimulationRunner.Run(loaded, context with { Progress = progress.Report });
                }
                plotWarmUp.Wait();
                string folder = ResultWriter.Write(outDirectory, result, auto is null ? null : summary =>
                {
                    if (summary["truncation"] is not System.Text.Json.Nodes.JsonObject truncation) summary["truncation"] = truncation = [];
                    truncation["auto"] = AutoCutoffReport.Json(auto, loaded);
                });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Config.Name}: verdict {result.Verdict.Value} — {result.Verdict.Reason}"));
                if (result.CrossCheck is { } c)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"cross-check against {c.Reference}: max |ΔΣ| = {c.CovarianceMaxAbsError:G3} (tolerance {c.Tolerance:G3}) → {(c.Agrees ? "agrees" : "DISAGREES")}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {folder} in {result.WallSeconds:F2} s"));
                return EnsembleOptions.ExitCode(result, folder);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }

    private static int ParseCutoff(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int c) && c >= 1 ? c
        : throw new ConfigException("--cutoff", $"\"{text}\" is not valid; expected \"auto\" or a cutoff ≥ 1 (levels per mode, or K for a totalExcitations config)");
}
