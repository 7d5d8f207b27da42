using System.CommandLine;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Convergence;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Cli;

/// <summary>
/// <c>converge CONFIG --cutoffs FROM:STEP:TO [--out DIR] [--method M] [--threads N]</c>: runs the config at each cutoff
/// and writes <c>&lt;out&gt;/&lt;name&gt;-convergence/</c> (convergence.csv, convergence.json, convergence.png).
/// </summary>
internal static class ConvergeCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("CONFIG") { Description = "config file" };
        var cutoffs = new Option<string>("--cutoffs") { Description = "cutoffs FROM:STEP:TO (levels per mode, or K for a totalExcitations config)", Required = true };
        var output = new Option<string>("--out") { Description = "output folder (default results/)", DefaultValueFactory = _ => "results" };
        var method = new Option<string?>("--method") { Description = "override run.method: steadystate | lindblad | trajectories" };
        var threads = new Option<int?>("--threads") { Description = "worker threads (default: all cores); results never depend on it" };
        var command = new Command("converge", "Truncation convergence study: run the config at several cutoffs and tabulate error, tail population and entanglement.")
        {
            config, cutoffs, output, method, threads,
        };
        command.SetAction(parse => CommandLine.Guard(() =>
        {
            var range = CutoffRange.Parse(parse.GetValue(cutoffs));
            var loaded = ConfigLoader.ApplyOverrides(ConfigLoader.Load(parse.GetValue(config)!), parse.GetValue(method));
            if (loaded.Run.Method == RunMethod.Gaussian)
                throw new ConfigException(parse.GetValue(method) is null ? "run.method" : "--method",
                    "method \"gaussian\" has no Fock truncation to study; use --method steadystate, lindblad or trajectories");
            int threadCount = parse.GetValue(threads) ?? Environment.ProcessorCount;
            if (threadCount < 1) throw new ConfigException("--threads", $"{threadCount} is not a thread count; use 1 or more");

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                ConvergenceStudyResult study;
                using (var progress = new ProgressDisplay($"{loaded.Name} convergence ({loaded.Run.Method.ToString().ToLowerInvariant()})"))
                    study = ConvergenceStudy.Run(loaded, range.Cutoffs, new RunContext(threadCount, progress.Report, cancel.Token), range);
                if (study.Points.Count == 0)
                {
                    var largest = study.Skipped[^1];
                    throw new ConfigException([
                        new ConfigError("--cutoffs", $"no cutoff in {range} holds the initial state; raise the cutoffs (the largest, {largest.Cutoff}, fails as follows)"),
                        .. largest.Problems]);
                }
                string folder = ConvergenceReport.Write(parse.GetValue(output)!, study);
                Console.WriteLine(ConvergenceReport.Table(study));
                if (!File.Exists(Path.Combine(folder, ConvergencePlot.FileName)))
                    Console.WriteLine("(no convergence.png: the PNG plotting helper is not in this build yet)");
                Console.WriteLine($"wrote {folder}");
                return CommandLine.Success;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }
}
