using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using BosonicTrajectories.Output;
using BosonicTrajectories.Sharding;
using BosonicTrajectories.Trajectories;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Simulation;

/// <summary>
/// Method <c>trajectories</c>: a quantum-jump ensemble of <c>run.trajectories</c> trajectories (indices [0, N), trajectory
/// k on its own random stream (seed, k)), in parallel on <see cref="RunContext.Threads"/> threads with results that do
/// not depend on the thread count. Reports ensemble means with standard errors of the mean (columns <c>n_i_se</c>),
/// and the ensemble density matrix at the final time, whose log-negativity per bipartition carries a delete-group
/// jackknife interval (±4 SE). Log-negativity is not tracked over time (ρ is accumulated at the final time only).
/// Cancellation (Ctrl-C) or the wall-clock limit keeps the completed leading trajectories and reports them as a partial
/// result; <see cref="RunContext.ResumeFrom"/> continues one. With <see cref="RunContext.Shard"/> only that block of
/// indices runs (<see cref="ShardSpec.Range"/>). <c>run.steadyStateFrom</c> adds time-averaged steady-state occupations
/// whose standard errors come from the per-trajectory averages (independent across trajectories, so correct whatever
/// the correlation in time).
/// </summary>
internal static class TrajectoryMethod
{
    public static RunResult Run(SimulationConfig config, OpenSystemModel model, ImmutableArray<Bipartition> bipartitions, RunContext context)
    {
        if (!context.Shard.IsWhole && config.Run.StandardErrorTarget is not null)
            throw new ConfigException("run.standardErrorTarget",
                $"cannot be combined with --shard {context.Shard}: each shard would stop on its own; remove it, or run unsharded");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var space = new FockSpace(config.Truncation, model.Modes);
        var initial = InitialStates.Build(space, config.InitialState);
        double tEnd = config.Run.TEnd ?? throw new ConfigException("run.tEnd", "the trajectories method needs a final time > 0, not \"steady\"");
        double[] times = OutputTimes.Evenly(tEnd, config.Run.Samples);
        var frame = config.Run.Integrator == "krylov" ? TrajectoryFrame.Lab : TrajectoryFrame.NumberTerms;
        var problem = TrajectoryProblem.Build(model, initial, times, frame);
        var settings = new TrajectorySettings(config.Run.Integrator, config.Run.RelativeTolerance, config.Run.AbsoluteTolerance,
            Seed: config.Run.Seed, DensityMatrixTimes: [times.Length - 1], SteadyStateWindowStart: config.Run.SteadyStateFrom,
            StandardErrorTarget: config.Run.StandardErrorTarget, WallClockLimit: context.WallClockLimit);
        var range = context.Shard.Range(config.Run.Trajectories);
        var progress = new EnsembleProgressReporter(context);
        var sums = TrajectoryEnsemble.Run(problem, settings, range, context.Threads, EnsembleIdentity.ConfigHash(config),
            progress, context.ResumeFrom, context.Cancellation);
        double solveSeconds = clock.Elapsed.TotalSeconds;
        if (sums.Count == 0)
            throw new NumericalFailureException(sums.StopReason == EnsembleStopReason.WallClockLimit
                ? $"the wall-clock limit passed before the first trajectory finished; nothing to report or resume — raise --max-wall (it ran {solveSeconds:G3} s)"
                : $"stopped ({sums.StopReason}) before the first trajectory finished; nothing to report or resume");
        var result = FromSums(space, bipartitions, sums, range.Count) with { SolveSeconds = solveSeconds };
        if (!context.Shard.IsWhole)
            result.Statistics!["shard"] = new JsonObject
            {
                ["index"] = context.Shard.Index, ["count"] = context.Shard.Count, ["range"] = new JsonArray(range.Start, range.End),
            };
        return result with { Ensemble = new ShardedEnsemble(ShardManifest.Describe(config, context.Shard, sums), sums) };
    }

    /// <summary>The reported result of an ensemble's sums (one home for <c>run</c> and any later merge of shards).</summary>
    public static RunResult FromSums(FockSpace space, ImmutableArray<Bipartition> bipartitions, EnsembleSums sums, long requested)
    {
        var result = EnsembleResult.From(sums);
        int d = space.Modes, last = result.OutputTimes.Length - 1;

        var columns = new List<string> { "t" };
        columns.AddRange(Enumerable.Range(0, d).Select(i => $"n_{i}"));
        columns.AddRange(Enumerable.Range(0, d).Select(i => $"n_{i}_se"));
        var series = new TimeSeries(columns);
        for (int k = 0; k <= last; k++)
        {
            var row = new double[columns.Count];
            row[0] = result.OutputTimes[k];
            for (int i = 0; i < d; i++)
            {
                row[1 + i] = result.Occupation(k, i);
                row[1 + d + i] = result.OccupationStandardError(k, i);
            }
            series.Add(row);
        }

        var final = new LadderMoments(
            MathNet.Numerics.LinearAlgebra.Vector<Complex>.Build.Dense(d, i => result.Annihilation(last, i)),
            Matrix<Complex>.Build.DenseOfArray(result.CreationAnnihilation(last)),
            Matrix<Complex>.Build.DenseOfArray(result.AnnihilationPairs(last)));
        var rho = result.DensityMatrix(0);
        var entanglement = bipartitions.Select(b =>
        {
            var e = result.LogNegativity(0, space, b.ModesB);
            var n = DensityMatrixEntanglement.Negativity(rho, space, b.ModesB);
            return new MeasuredEntanglement(b, n.Negativity, e.Estimate, NoiseFloor: 0,
                LogNegativityLower: e.Lower, LogNegativityUpper: e.Upper, LogNegativityStandardError: e.StandardError,
                TrajectoriesNeeded: double.IsFinite(e.TrajectoriesNeeded) ? (int)Math.Min(int.MaxValue, Math.Ceiling(e.TrajectoriesNeeded)) : null);
        }).ToList();

        double maxSecondMomentError = Enumerable.Range(0, sums.ObservableCount).Max(k => result.StandardError(last, k));
        var statistics = new JsonObject
        {
            ["trajectories"] = result.Trajectories,
            ["requested"] = requested,
            ["seed"] = result.Seed,
            ["maxStandardError"] = JsonValues.Number(result.MaxStandardError),   // null below 2 trajectories
            ["stopReason"] = result.StopReason.ToString(),
            ["chunkSize"] = sums.ChunkSize,
            ["jackknifeGroups"] = sums.JackknifeGroups,
            ["trajectoryRanges"] = new JsonArray([.. result.TrajectoryRanges.Select(r => (JsonNode)r.ToString())]),
            ["totalJumps"] = sums.TotalJumps,
        };
        if (result.SteadyStateWindowStart is double from) statistics["steadyState"] = SteadyStateEstimate(result, from, d);
        var details = new JsonObject
        {
            ["acceptedSteps"] = sums.AcceptedSteps,
            ["rejectedSteps"] = sums.RejectedSteps,
            ["rhsEvaluations"] = sums.RhsEvaluations,
            // Stopped by Ctrl-C or the wall clock; a run that met its standard-error target is complete.
            ["partial"] = result.StopReason is EnsembleStopReason.Cancelled or EnsembleStopReason.WallClockLimit,
        };
        // A 4σ band on the final second moments; a covariance entry combines a few of them, hence the factor 2.
        // Below 2 trajectories (a shard or an interrupted run that small) there is no standard error: the error is unknown.
        double momentError = double.IsFinite(maxSecondMomentError) ? 2 * 4 * maxSecondMomentError : double.PositiveInfinity;
        return new RunResult("trajectories", space.Dimension, result.OutputTimes[last], final, series, entanglement,
            DensityMatrixAnalysis.TailPopulations(rho, space).Max(), momentError, statistics, details);
    }

    /// <summary>
    /// Time-averaged occupations over the output times in [from, t_end]: the mean over trajectories of each trajectory's
    /// time average, with the standard error across trajectories.
    /// </summary>
    private static JsonObject SteadyStateEstimate(EnsembleResult result, double from, int modes) => new()
    {
        ["from"] = from,
        ["to"] = result.OutputTimes[^1],
        ["outputTimes"] = result.OutputTimes.Count(t => t >= from),
        ["occupations"] = new JsonArray([.. Enumerable.Range(0, modes).Select(i => JsonValues.Number(result.SteadyStateMeans[TrackedObservables.Occupation(i)]))]),
        ["standardErrors"] = new JsonArray([.. Enumerable.Range(0, modes).Select(i => JsonValues.Number(result.SteadyStateStandardErrors[TrackedObservables.Occupation(i)]))]),
    };

    /// <summary>Forwards ensemble progress to the run's progress display (synchronously, from the committing thread).</summary>
    private sealed class EnsembleProgressReporter(RunContext context) : IProgress<EnsembleProgress>
    {
        public void Report(EnsembleProgress value) => context.Report(
            value.Requested == 0 ? 1 : (double)value.Completed / value.Requested,
            string.Create(CultureInfo.InvariantCulture, $"{value.Completed}/{value.Requested} trajectories, {value.RatePerSecond:F1}/s, max SE {value.MaxStandardError:G3}"));
    }
}
