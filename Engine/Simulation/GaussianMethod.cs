using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json.Nodes;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Simulation;

/// <summary>
/// Method <c>gaussian</c>: exact first- and second-moment evolution of a quadratic model (no truncation) from the
/// exact moments of the initial state, d⟨x⟩/dt = F⟨x⟩ + b, dΣ/dt = FΣ + ΣFᵀ + D. With <c>"tEnd": "steady"</c> the
/// run lasts until the slowest drift mode has decayed by the steady tolerance, t = ln(1/tol)/|Re λ_slowest|.
/// </summary>
internal static class GaussianMethod
{
    public static RunResult Run(SimulationConfig config, OpenSystemModel model, ImmutableArray<Bipartition> bipartitions, RunContext context)
    {
        var dynamics = GaussianDynamics.FromModel(model);
        var steady = GaussianSteadyState.Solve(dynamics);   // throws UnstableModelException first
        double tEnd = config.Run.TEnd ?? RelaxationTime(dynamics, config.Run.SteadyTolerance);
        double[] times = OutputTimes.Evenly(tEnd, config.Run.Samples);
        var initial = GaussianMoments.ToQuadratures(InitialMoments.Of(config.InitialState, model.Modes));

        var columns = new List<string> { "t" };
        columns.AddRange(Enumerable.Range(0, model.Modes).Select(i => $"n_{i}"));
        columns.AddRange(bipartitions.Select(b => $"gaussian_logneg_{b.Label}"));
        var series = new TimeSeries(columns);
        var states = GaussianEvolution.Evolve(dynamics, initial, times);
        for (int k = 0; k < times.Length; k++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var ladder = GaussianMoments.ToLadder(states[k]);
            var row = new List<double> { times[k] };
            row.AddRange(ladder.Occupations);
            row.AddRange(bipartitions.Select(b => GaussianEntanglement.LogNegativity(states[k].Covariance, b.ModesB)));
            series.Add([.. row]);
            context.Report((k + 1.0) / times.Length);
        }

        var details = new JsonObject
        {
            ["steadyTimeUsed"] = config.Run.TEnd is null,
            ["distanceToSteadyState"] = (states[^1].Covariance - steady.Covariance).Enumerate().Max(Math.Abs),
        };
        return new RunResult("gaussian", null, tEnd, GaussianMoments.ToLadder(states[^1]), series, [],
            MaxTailPopulation: null, MomentErrorEstimate: 1e-10, Statistics: null, Details: details);
    }

    /// <summary>ln(1/tol) over the slowest decay rate of the drift.</summary>
    internal static double RelaxationTime(GaussianDynamics dynamics, double tolerance)
    {
        double slowest = dynamics.Drift.Evd().EigenValues.Select(l => -l.Real).Min();
        return Math.Log(1 / tolerance) / slowest;
    }
}
