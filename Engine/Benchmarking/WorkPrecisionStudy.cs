using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using BosonicTrajectories.Simulation;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Benchmarking;

/// <summary>
/// A work-precision study of the time integrators on one config: each integrator is run over a sweep of tolerances
/// (rk4: of fixed steps), and each run's error is set against its work (right-hand-side evaluations, steps, wall time).
/// <para>
/// Error: max over the output times t_k (the config's <c>samples</c> points on [0, tEnd]) and all mode pairs (i, j) of
/// |⟨a_i† a_j⟩(t_k) − reference|. Reference: for a quadratic model the exact Gaussian moments
/// (<see cref="GaussianEvolution"/>; the moment equations close, so they are exact for any initial state and carry no
/// Fock truncation), with the truncation floor measured by a tight Fock run; for any other model a Lindblad run with
/// vern7 at rtol 1e-12, atol 1e-14 on the same truncation (<see cref="WorkPrecisionReference"/>).
/// </para>
/// <para>
/// Trajectory points (fixed count and seed) report the same error, which cannot fall below the statistical error,
/// reported beside it as the largest standard error of the mean; the seed-matched deviation (against an ensemble with
/// the same seed run by the reference integrator) isolates the integration and jump-time error. The krylov integrator,
/// which needs a time-independent linear right-hand side, runs in the lab frame; every other integrator in the frame
/// the solvers use by default (Lindblad: interaction picture of diag H; trajectories: of the number terms).
/// </para>
/// </summary>
public static class WorkPrecisionStudy
{
    /// <summary>Runs the study of <paramref name="config"/> (its model, truncation, initial state, tEnd and samples).</summary>
    /// <exception cref="ConfigException">tEnd is "steady", fewer than 2 samples, an unknown integrator, or an initial
    /// state the cutoff cannot hold.</exception>
    public static WorkPrecisionResult Run(SimulationConfig config, WorkPrecisionSettings settings, RunContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        Validate(config, settings);
        var clock = Stopwatch.StartNew();
        double tEnd = config.Run.TEnd!.Value;
        int samples = config.Run.Samples;
        double[] times = OutputTimes.Evenly(tEnd, samples);

        var model = ModelBuilder.Build(config.Model);
        var space = new FockSpace(config.Truncation, model.Modes);
        var initial = InitialStates.Build(space, config.InitialState);
        var rho0 = initial.ToDensityMatrix();
        var labProblem = LindbladProblem.Build(model, space, interactionPicture: false);
        var framedProblem = new Lazy<LindbladProblem>(() => LindbladProblem.Build(model, space));

        bool wantsLindblad = settings.Methods.Contains(WorkPrecisionMethod.Lindblad);
        bool wantsTrajectories = settings.Methods.Contains(WorkPrecisionMethod.Trajectories);
        bool usesRk4 = settings.Integrators.Contains(Rk4);
        double? radius = usesRk4 && settings.Rk4Steps is null ? StiffnessEstimate.SpectralRadius(labProblem) : null;
        ImmutableArray<double> rk4Steps = !usesRk4 ? []
            : settings.Rk4Steps ?? [.. StiffnessEstimate.AutomaticSteps(radius!.Value, times[1] - times[0])];

        var plan = Plan(settings, rk4Steps);
        var progress = new StudyProgress(context, plan.Count + 1);

        // The reference (and, for a quadratic model, the truncation floor).
        progress.Begin("reference");
        LindbladWorkRun? tight = null;
        if (!model.IsQuadratic || wantsLindblad)
            tight = LindbladWorkRun.Run(framedProblem.Value, WorkPrecisionReference.Integrator, ReferenceOptions(), rho0, tEnd, samples,
                progress.Inner, context.Cancellation);
        CorrelationSeries reference;
        WorkPrecisionReference referenceInfo;
        if (model.IsQuadratic)
        {
            reference = ExactSeries(model, config.InitialState, times);
            referenceInfo = new WorkPrecisionReference(
                WorkPrecisionReferenceKind.ExactGaussian,
                "exact Gaussian moments (the moment equations of a quadratic model close: exact for any initial state, no Fock truncation)",
                tight is null ? null : CorrelationSeries.MaxAbsDifference(tight.Series, reference),
                tight?.MaxTailPopulation, tight?.Outcome.IntegratorRhsEvaluations ?? 0, tight?.WallSeconds ?? 0);
        }
        else
        {
            reference = tight!.Series;
            referenceInfo = new WorkPrecisionReference(
                WorkPrecisionReferenceKind.FockReferenceRun,
                string.Create(CultureInfo.InvariantCulture, $"Lindblad run with {WorkPrecisionReference.Integrator} at rtol {WorkPrecisionReference.RelativeTolerance:G3}, atol {WorkPrecisionReference.AbsoluteTolerance:G3} ") +
                "on the same truncation (the model is not quadratic, so no exact moments exist; truncation error is not part of the errors)",
                null, tight.MaxTailPopulation, tight.Outcome.IntegratorRhsEvaluations, tight.WallSeconds);
        }

        // Trajectory problems (built only when needed) and the seed-matched ensemble.
        var mixture = initial.Components.Select(c => (c.Probability, c.Vector.ToArray())).ToList();
        var numberFrame = new Lazy<TrajectoryProblem>(() => TrajectoryProblem.Build(labProblem, mixture, times));
        var labFrame = new Lazy<TrajectoryProblem>(() => TrajectoryProblem.Build(labProblem, mixture, times, TrajectoryFrame.Lab));
        TrajectoryWorkRun? seedMatched = null;
        if (wantsTrajectories)
        {
            var referenceSettings = new TrajectorySettings(
                WorkPrecisionReference.Integrator, WorkPrecisionReference.RelativeTolerance, WorkPrecisionReference.AbsoluteTolerance,
                WorkPrecisionReference.JumpTimeTolerance, settings.Seed);
            seedMatched = TrajectoryWorkRun.Run(numberFrame.Value, referenceSettings, settings.Trajectories, settings.Threads, context.Cancellation);
        }

        var points = ImmutableArray.CreateBuilder<WorkPrecisionPoint>(plan.Count);
        foreach (var item in plan)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            progress.Begin(item.Label);
            points.Add(item.Method == WorkPrecisionMethod.Lindblad
                ? LindbladPoint(item, IsKrylov(item.Integrator) ? labProblem : framedProblem.Value, rho0, tEnd, samples, reference, progress, context)
                : TrajectoryPoint(item, IsKrylov(item.Integrator) ? labFrame.Value : numberFrame.Value, settings, reference, seedMatched!, context));
        }
        progress.Done();

        SeedMatchedEnsembleInfo? seedInfo = seedMatched is null ? null : new SeedMatchedEnsembleInfo(
            CorrelationSeries.MaxAbsDifference(seedMatched.Series, reference), seedMatched.MaxStandardError,
            seedMatched.Sums.RhsEvaluations, seedMatched.WallSeconds);
        return new WorkPrecisionResult(config, settings, space.Dimension, [.. times], rk4Steps, usesRk4 && settings.Rk4Steps is null,
            radius, referenceInfo, seedInfo, points.ToImmutable(), clock.Elapsed.TotalSeconds);
    }

    private const string Rk4 = "rk4";

    /// <summary>One planned run: method, integrator, swept parameter and its value(s).</summary>
    private sealed record PlannedPoint(WorkPrecisionMethod Method, string Integrator, WorkPrecisionSweep Sweep, double? Tolerance, double? Step, double? JumpTimeTolerance)
    {
        public string Label => string.Create(CultureInfo.InvariantCulture, $"{Method.ToString().ToLowerInvariant()} {Integrator} ") + Sweep switch
        {
            WorkPrecisionSweep.Step => string.Create(CultureInfo.InvariantCulture, $"h = {Step:G3}"),
            WorkPrecisionSweep.JumpTime => string.Create(CultureInfo.InvariantCulture, $"jump tol {JumpTimeTolerance:G3}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"rtol {Tolerance:G3}"),
        };
    }

    private static List<PlannedPoint> Plan(WorkPrecisionSettings settings, ImmutableArray<double> rk4Steps)
    {
        var plan = new List<PlannedPoint>();
        double tightest = settings.Tolerances.Min();
        foreach (var method in settings.Methods)
        {
            double? jump = method == WorkPrecisionMethod.Trajectories ? settings.JumpTimeTolerance : null;
            foreach (string integrator in settings.Integrators)
            {
                if (integrator == Rk4) plan.AddRange(rk4Steps.Select(h => new PlannedPoint(method, integrator, WorkPrecisionSweep.Step, null, h, jump)));
                else plan.AddRange(settings.Tolerances.Select(tol => new PlannedPoint(method, integrator, WorkPrecisionSweep.Tolerance, tol, null, jump)));
                if (method != WorkPrecisionMethod.Trajectories) continue;
                plan.AddRange(settings.JumpTimeTolerances.Select(j => integrator == Rk4
                    ? new PlannedPoint(method, integrator, WorkPrecisionSweep.JumpTime, null, rk4Steps.Min(), j)
                    : new PlannedPoint(method, integrator, WorkPrecisionSweep.JumpTime, tightest, null, j)));
            }
        }
        return plan;
    }

    private static WorkPrecisionPoint LindbladPoint(
        PlannedPoint item, LindbladProblem problem, Complex[] rho0, double tEnd, int samples, CorrelationSeries reference,
        StudyProgress progress, RunContext context)
    {
        var options = OptionsFor(item.Integrator, item.Tolerance, item.Step);
        try
        {
            var run = LindbladWorkRun.Run(problem, item.Integrator, options, rho0, tEnd, samples, progress.Inner, context.Cancellation);
            var o = run.Outcome;
            return Point(item, options, CorrelationSeries.MaxAbsDifference(run.Series, reference), null, null, run.MaxTailPopulation,
                o.IntegratorRhsEvaluations, o.AcceptedSteps, o.RejectedSteps, run.WallSeconds, null);
        }
        catch (NumericalFailureException e)
        {
            return Point(item, options, double.NaN, null, null, null, 0, 0, 0, 0, e.Message);
        }
    }

    private static WorkPrecisionPoint TrajectoryPoint(
        PlannedPoint item, TrajectoryProblem problem, WorkPrecisionSettings settings, CorrelationSeries reference,
        TrajectoryWorkRun seedMatched, RunContext context)
    {
        var options = OptionsFor(item.Integrator, item.Tolerance, item.Step);
        var trajectorySettings = new TrajectorySettings(
            item.Integrator, options.RelativeTolerance, options.AbsoluteTolerance, item.JumpTimeTolerance!.Value, settings.Seed,
            FixedStep: item.Step);
        try
        {
            var run = TrajectoryWorkRun.Run(problem, trajectorySettings, settings.Trajectories, settings.Threads, context.Cancellation);
            var s = run.Sums;
            return Point(item, options, CorrelationSeries.MaxAbsDifference(run.Series, reference), run.MaxStandardError,
                CorrelationSeries.MaxAbsDifference(run.Series, seedMatched.Series), null,
                s.RhsEvaluations, s.AcceptedSteps, s.RejectedSteps, run.WallSeconds, null) with { Trajectories = s.Count, Seed = s.Seed };
        }
        catch (NumericalFailureException e)
        {
            return Point(item, options, double.NaN, null, null, null, 0, 0, 0, 0, e.Message) with { Trajectories = settings.Trajectories, Seed = settings.Seed };
        }
    }

    private static WorkPrecisionPoint Point(
        PlannedPoint item, IntegratorOptions options, double error, double? standardError, double? seedMatched, double? tail,
        long rhs, long accepted, long rejected, double seconds, string? failure)
    {
        bool fixedStep = item.Step is not null;
        return new WorkPrecisionPoint(item.Method, item.Integrator, item.Sweep,
            fixedStep ? null : options.RelativeTolerance, fixedStep ? null : options.AbsoluteTolerance, item.Step,
            item.JumpTimeTolerance, null, null, error, standardError, seedMatched, tail, rhs, accepted, rejected, seconds, failure);
    }

    /// <summary>The registry defaults of <paramref name="integrator"/> with rtol = tol, atol = tol/100, or the fixed step.</summary>
    private static IntegratorOptions OptionsFor(string integrator, double? tolerance, double? step)
    {
        var defaults = IntegratorRegistry.DefaultOptions(integrator);
        return step is double h
            ? defaults with { FixedStep = h }
            : defaults with { RelativeTolerance = tolerance!.Value, AbsoluteTolerance = WorkPrecisionSettings.AbsoluteToleranceFor(tolerance.Value) };
    }

    private static IntegratorOptions ReferenceOptions() =>
        IntegratorRegistry.DefaultOptions(WorkPrecisionReference.Integrator) with
        {
            RelativeTolerance = WorkPrecisionReference.RelativeTolerance,
            AbsoluteTolerance = WorkPrecisionReference.AbsoluteTolerance,
        };

    /// <summary>The krylov integrator needs dy/dt = L y with a time-independent L: the lab frame.</summary>
    private static bool IsKrylov(string integrator) => IntegratorRegistry.Create(integrator) is KrylovExponentialIntegrator;

    private static CorrelationSeries ExactSeries(OpenSystemModel model, InitialStateDescription initialState, double[] times)
    {
        var states = GaussianEvolution.Evolve(model, initialState, times);
        var series = new CorrelationSeries(times.Length, model.Modes);
        for (int t = 0; t < times.Length; t++)
        {
            var n = GaussianMoments.ToLadder(states[t]).AdaggerA;
            for (int i = 0; i < model.Modes; i++)
                for (int j = 0; j < model.Modes; j++) series[t, i, j] = n[i, j];
        }
        return series;
    }

    private static void Validate(SimulationConfig config, WorkPrecisionSettings settings)
    {
        var errors = new List<ConfigError>();
        if (config.Run.TEnd is null)
            errors.Add(new ConfigError("run.tEnd", "a work-precision study compares time series, so it needs a final time; set run.tEnd to a number"));
        if (config.Run.Samples < 2)
            errors.Add(new ConfigError("run.samples", $"{config.Run.Samples} output time(s); the study needs at least 2"));
        if (settings.Methods.IsDefaultOrEmpty) errors.Add(new ConfigError("--methods", "no method given; use lindblad, trajectories or both"));
        if (settings.Integrators.IsDefaultOrEmpty) errors.Add(new ConfigError("--integrators", $"no integrator given; valid: {string.Join(", ", IntegratorRegistry.Names)}"));
        else
            foreach (string name in settings.Integrators.Where(n => !IntegratorRegistry.IsRegistered(n)))
                errors.Add(new ConfigError("--integrators", $"unknown integrator \"{name}\"; valid: {string.Join(", ", IntegratorRegistry.Names)}"));
        if (settings.Tolerances.IsDefaultOrEmpty || settings.Tolerances.Any(t => !(t > 0 && t < 1)))
            errors.Add(new ConfigError("--tolerances", "every tolerance must lie in (0, 1)"));
        if (settings.Rk4Steps is { } steps && (steps.IsEmpty || steps.Any(h => !(h > 0) || double.IsInfinity(h))))
            errors.Add(new ConfigError("--rk4-steps", "every step must be positive and finite"));
        if (settings.Methods.Contains(WorkPrecisionMethod.Trajectories))
        {
            if (settings.Trajectories < 2)
                errors.Add(new ConfigError("--trajectories", $"{settings.Trajectories}: standard errors need at least 2 trajectories"));
            if (settings.JumpTimeTolerances.Any(j => !(j > 0 && j < 1)) || !(settings.JumpTimeTolerance > 0 && settings.JumpTimeTolerance < 1))
                errors.Add(new ConfigError("--jump-tolerances", "every jump-time tolerance must lie in (0, 1)"));
        }
        if (settings.Threads < 1) errors.Add(new ConfigError("--threads", $"{settings.Threads} is not a thread count; use 1 or more"));
        if (errors.Count > 0) throw new ConfigException(errors);
    }

    /// <summary>Progress over the planned runs, each counted equally (the reference as one).</summary>
    private sealed class StudyProgress(RunContext context, int total) : IProgress<double>
    {
        private int _index = -1;
        private string _label = "";

        public IProgress<double> Inner => this;

        public void Begin(string label)
        {
            _index++;
            _label = label;
            context.Report((double)_index / total, $"{label} ({_index + 1} of {total})");
        }

        public void Report(double value) => context.Report((_index + Math.Clamp(value, 0, 1)) / total, $"{_label} ({_index + 1} of {total})");

        public void Done() => context.Report(1);
    }
}
