using System.Globalization;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Sharding;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Cli;

/// <summary>The trajectory-ensemble options of <c>run</c>: <c>--shard I/N</c>, <c>--resume</c> and <c>--max-wall</c>.</summary>
internal sealed record EnsembleOptions(ShardSpec Shard, bool Resume, TimeSpan? WallClockLimit)
{
    /// <summary>Parses and checks the options against the config (they apply to method trajectories only).</summary>
    public static EnsembleOptions Read(string? shardText, bool resume, double? maxWallSeconds, SimulationConfig config, string? cutoff)
    {
        var errors = new List<ConfigError>();
        var shard = ShardSpec.Whole;
        if (shardText is not null)
        {
            try { shard = ShardSpec.Parse(shardText); }
            catch (ConfigException e) { errors.AddRange(e.Errors); }
        }
        if (maxWallSeconds is double seconds && !(seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds))
            errors.Add(new ConfigError("--max-wall", $"{seconds.ToString(CultureInfo.InvariantCulture)} is not valid; expected a number of seconds > 0"));
        bool trajectories = config.Run.Method == RunMethod.Trajectories;
        foreach (var (given, option) in new[] { (shardText is not null, "--shard"), (resume, "--resume"), (maxWallSeconds is not null, "--max-wall") })
        {
            if (!given) continue;
            if (!trajectories)
                errors.Add(new ConfigError(option, $"applies to method trajectories only; this run uses method {config.Run.Method.ToString().ToLowerInvariant()} (set --method trajectories)"));
            else if (cutoff == "auto")
                errors.Add(new ConfigError(option, "cannot be combined with --cutoff auto; choose the cutoff first (run --cutoff auto with method lindblad or steadystate), then pass --cutoff c"));
        }
        if (errors.Count > 0) throw new ConfigException(errors);
        return new EnsembleOptions(shard, resume, maxWallSeconds is double s ? TimeSpan.FromSeconds(s) : null);
    }

    /// <summary>The run context, with the saved sums to continue from when resuming.</summary>
    public RunContext Context(SimulationConfig config, string outDirectory, int threads, CancellationToken cancellation)
    {
        var context = new RunContext(threads, null, cancellation) { Shard = Shard, WallClockLimit = WallClockLimit };
        if (!Resume) return context;
        string folder = Path.Combine(outDirectory, Shard.FolderName(config.Name));
        var saved = ResumePoint.Find(folder, config, Shard);
        Console.WriteLine(saved is null
            ? $"--resume: nothing saved in {folder}; starting from the first trajectory"
            : $"--resume: {folder} holds {saved.Manifest.Completed} of {Shard.Range(config.Run.Trajectories).Count} trajectories; continuing");
        return context with { ResumeFrom = saved?.Sums };
    }

    /// <summary>0 for a complete result; <see cref="CommandLine.Partial"/> when a trajectories run stopped early.</summary>
    public static int ExitCode(AnalysedResult result, string folder)
    {
        if (result.Run.Ensemble is not { } ensemble || ensemble.Manifest.IsFinished) return CommandLine.Success;
        var m = ensemble.Manifest;
        Console.Error.WriteLine($"partial result: {m.Completed} of {m.Range.Count} trajectories (stopped: {m.StopReason}). " +
            $"Continue with the same command plus --resume; it will read {folder}.");
        return CommandLine.Partial;
    }
}
