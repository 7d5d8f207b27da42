using System.Diagnostics;
using System.Globalization;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;
using BosonicTrajectories.Simulation;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Convergence;

/// <summary>
/// Chooses the truncation cutoff automatically (<c>run --cutoff auto</c>).
/// <list type="number">
/// <item>Start at c₀, the smallest cutoff ≥ 2 that holds the initial state to 1 − 1e-6 (the rule of
/// <see cref="Fock.InitialStates"/>, found directly by <see cref="InitialStateFit.SmallestCutoff"/>).</item>
/// <item>Run the search method (<see cref="ChooseSearchMethod"/>) at c and record the largest top-level population
/// (tail) and the covariance change max_jk |Σ_jk(c) − Σ_jk(c_previous)|.</item>
/// <item>Accept c when tail &lt; <see cref="AutoCutoffOptions.TailTolerance"/> and the change &lt;
/// <see cref="AutoCutoffOptions.CovarianceTolerance"/> (so at least two cutoffs are always tried); otherwise grow
/// c → <see cref="NextCutoff"/>(c) = c + max(2, ⌈c/4⌉) (+2 while c ≤ 8, then ≈ ×1.25: 2, 4, 6, 8, 10, 13, 17, 22, 28, 35, …).</item>
/// <item>Fail with a <see cref="NumericalFailureException"/> when the next cutoff's Hilbert dimension would exceed
/// <see cref="AutoCutoffOptions.MaxHilbertDimension"/>.</item>
/// </list>
/// The cutoff is levels per mode for a per-mode config, the bound K on Σ n_i for a total-excitation config.
/// </summary>
public static class AutoCutoff
{
    /// <summary>The growth rule: c + max(2, ⌈c/4⌉).</summary>
    public static int NextCutoff(int cutoff)
    {
        if (cutoff < 1) throw new ArgumentException($"a cutoff must be ≥ 1, got {cutoff}", nameof(cutoff));
        return cutoff + Math.Max(2, (cutoff + 3) / 4);
    }

    /// <summary>Whether a cutoff with this tail and covariance change meets the tolerances.</summary>
    public static bool Accepts(double tailPopulation, double? covarianceChange, AutoCutoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return tailPopulation < options.TailTolerance && covarianceChange is double change && change < options.CovarianceTolerance;
    }

    /// <summary>
    /// The method the search runs: <c>steadystate</c> when the config's method is <c>lindblad</c> or
    /// <c>trajectories</c> and the model conserves excitations (the steady state is then solved block by block, far
    /// cheaper than a time evolution, and from a weakly excited start it is the state that fills the most levels);
    /// otherwise the config's own method (a steady state without excitation conservation costs as much as the run and
    /// need not resemble the state at tEnd). With <c>trajectories</c> the covariance change then includes sampling
    /// noise, so the covariance tolerance may need more trajectories to be met.
    /// </summary>
    public static (RunMethod Method, string Reason) ChooseSearchMethod(SimulationConfig config, OpenSystemModel model)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        string own = config.Run.Method.ToString().ToLowerInvariant();
        return config.Run.Method switch
        {
            RunMethod.Lindblad or RunMethod.Trajectories when model.ConservesExcitations =>
                (RunMethod.SteadyState, $"the model conserves excitations, so the steady state (solved block by block) stands in for the {own} run: far cheaper, and it fills the most levels when the run starts weakly excited"),
            RunMethod.SteadyState => (RunMethod.SteadyState, "the config's own method"),
            _ => (config.Run.Method, $"the config's own method ({own}): the model does not conserve excitations, so a steady-state solve would cost as much and need not resemble the state at tEnd"),
        };
    }

    /// <summary>Searches for the cutoff of <paramref name="config"/>; see the class remarks for the rule.</summary>
    /// <exception cref="ConfigException">The method is gaussian, or no cutoff within the dimension limit holds the initial state.</exception>
    /// <exception cref="NumericalFailureException">No cutoff within the dimension limit meets both tolerances.</exception>
    public static AutoCutoffResult Search(SimulationConfig config, RunContext context, AutoCutoffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        options ??= new AutoCutoffOptions();
        options.Validate();
        if (config.Run.Method == RunMethod.Gaussian)
            throw new ConfigException("--cutoff", "method \"gaussian\" has no Fock truncation to choose; drop --cutoff auto or use a Fock method (--method steadystate | lindblad | trajectories)");

        var (searchMethod, reason) = ChooseSearchMethod(config, ModelBuilder.Build(config.Model));
        var searchConfig = WithMethod(config, searchMethod);
        long Dimension(int c) => CutoffTruncation.HilbertDimension(config.Truncation, c, config.Modes);
        if (Dimension(AutoCutoffOptions.MinimumCutoff) > options.MaxHilbertDimension)
            throw new NumericalFailureException(string.Create(CultureInfo.InvariantCulture,
                $"automatic cutoff: even cutoff {AutoCutoffOptions.MinimumCutoff} has Hilbert dimension {Dimension(AutoCutoffOptions.MinimumCutoff)} > {options.MaxHilbertDimension}; give the truncation in the config instead of --cutoff auto"));
        int start = InitialStateFit.SmallestCutoff(config, AutoCutoffOptions.MinimumCutoff, options.MaxHilbertDimension);

        var steps = new List<AutoCutoffStep>();
        Matrix<double>? previous = null;
        for (int cutoff = start; Dimension(cutoff) <= options.MaxHilbertDimension; cutoff = NextCutoff(cutoff))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            string detail = $"trying cutoff {cutoff} (D = {Dimension(cutoff)})";
            var inner = context with { Progress = (f, _) => context.Report(f, detail) };
            var watch = Stopwatch.StartNew();
            var result = SimulationRunner.Run(CutoffTruncation.Apply(searchConfig, cutoff), inner);
            var covariance = result.FinalQuadratures.Covariance;
            double tail = result.Run.MaxTailPopulation ?? double.NaN;
            double? change = previous is null ? null : ConvergenceStudy.MaxAbsDifference(covariance, previous);
            bool accepted = Accepts(tail, change, options);
            steps.Add(new AutoCutoffStep(cutoff, result.Run.HilbertDimension ?? 0, tail, change, watch.Elapsed.TotalSeconds, accepted));
            if (accepted)
                return new AutoCutoffResult(cutoff, start, searchMethod, reason, options, steps,
                    searchMethod == config.Run.Method ? result : null);
            previous = covariance;
        }
        throw new NumericalFailureException(NotConvergedMessage(config, options, steps, searchMethod));
    }

    private static SimulationConfig WithMethod(SimulationConfig config, RunMethod method)
    {
        if (method == config.Run.Method) return config;
        var json = config.NormalizedJson.DeepClone().AsObject();
        json["run"]!["method"] = method.ToString().ToLowerInvariant();
        return config with { Run = config.Run with { Method = method }, NormalizedJson = json };
    }

    private static string NotConvergedMessage(SimulationConfig config, AutoCutoffOptions options, List<AutoCutoffStep> steps, RunMethod method)
    {
        var inv = CultureInfo.InvariantCulture;
        string tried = steps.Count == 0 ? "none" : string.Join(", ", steps.Select(s =>
            string.Create(inv, $"{s.Cutoff} (tail {s.TailPopulation:G2}, Δcov {(s.CovarianceChange is double d ? d.ToString("G2", inv) : "–")})")));
        string key = CutoffTruncation.KeyOf(config.Truncation);
        string name = method.ToString().ToLowerInvariant();
        return string.Create(inv, $"automatic cutoff: no {key} cutoff with Hilbert dimension ≤ {options.MaxHilbertDimension} has tail population < {options.TailTolerance:G2} and covariance change < {options.CovarianceTolerance:G2} (method {name}; tried {tried}); ")
            + "the state is too highly excited for the Fock methods at this size: use method \"gaussian\" for a quadratic model, or give the truncation in the config and accept a larger tail";
    }
}
