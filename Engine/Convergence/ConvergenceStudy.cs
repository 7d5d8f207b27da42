using System.Collections.Immutable;
using System.Diagnostics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Simulation;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Convergence;

/// <summary>
/// A truncation convergence study: runs one config at a list of cutoffs (see <see cref="CutoffTruncation"/>) with
/// its own method and reports, per cutoff, the covariance error, the tail population, the log-negativity of each
/// bipartition, the Hilbert dimension and the wall time.
/// <para>
/// Error: for a quadratic model, max_jk |Σ_jk − Σ^G_jk| against the exact Gaussian covariance Σ^G at the run's final
/// time (the Lyapunov steady state for a steady-state solve), exactly the cross-check of <see cref="ResultAnalysis"/>;
/// for any other model, against the covariance at the largest cutoff that ran (whose own error is then null).
/// A cutoff too small for the initial state is skipped with the <see cref="ConfigException"/> message of
/// <see cref="Fock.InitialStates"/>; when every cutoff is skipped the result has no points.
/// </para>
/// </summary>
public static class ConvergenceStudy
{
    /// <summary>Runs <paramref name="config"/> at each of <paramref name="cutoffs"/> (ascending, distinct, ≥ 1).</summary>
    /// <exception cref="ConfigException">The method is <c>gaussian</c> (it has no truncation).</exception>
    public static ConvergenceStudyResult Run(SimulationConfig config, IReadOnlyList<int> cutoffs, RunContext context, CutoffRange? range = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cutoffs);
        ArgumentNullException.ThrowIfNull(context);
        if (cutoffs.Count == 0) throw new ArgumentException("need at least one cutoff", nameof(cutoffs));
        for (int k = 0; k < cutoffs.Count; k++)
            if (cutoffs[k] < 1 || (k > 0 && cutoffs[k] <= cutoffs[k - 1]))
                throw new ArgumentException($"cutoffs must be ascending, distinct and ≥ 1; got {string.Join(", ", cutoffs)}", nameof(cutoffs));
        RequireTruncatedMethod(config);

        var clock = Stopwatch.StartNew();
        // Progress weights: the cost of a cutoff is taken ∝ D² (the size of ρ), so the ETA is dominated by the largest cutoffs.
        double[] weights = [.. cutoffs.Select(c => Math.Pow(CutoffTruncation.HilbertDimension(config.Truncation, c, config.Modes), 2))];
        double totalWeight = weights.Sum();
        double done = 0;

        var skipped = new List<SkippedCutoff>();
        var runs = new List<(int Cutoff, AnalysedResult Result, double Seconds)>();
        for (int k = 0; k < cutoffs.Count; k++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            int cutoff = cutoffs[k];
            var atCutoff = CutoffTruncation.Apply(config, cutoff);
            if (InitialStateFit.Problem(atCutoff) is { } problem)
            {
                skipped.Add(new SkippedCutoff(cutoff, problem.Errors));
            }
            else
            {
                double before = done;
                double weight = weights[k];
                string detail = $"cutoff {cutoff} (D = {CutoffTruncation.HilbertDimension(config.Truncation, cutoff, config.Modes)}), {k + 1} of {cutoffs.Count}";
                var inner = context with { Progress = (f, _) => context.Report((before + (weight * Math.Clamp(f, 0, 1))) / totalWeight, detail) };
                var watch = Stopwatch.StartNew();
                var result = SimulationRunner.Run(atCutoff, inner);
                runs.Add((cutoff, result, watch.Elapsed.TotalSeconds));
            }
            done += weights[k];
            context.Report(done / totalWeight);
        }
        return Assemble(config, range, runs, skipped, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Refuses the <c>gaussian</c> method, which has no truncation to study.</summary>
    internal static void RequireTruncatedMethod(SimulationConfig config)
    {
        if (config.Run.Method == RunMethod.Gaussian)
            throw new ConfigException("run.method", "method \"gaussian\" has no Fock truncation to study; use \"steadystate\", \"lindblad\" or \"trajectories\" (e.g. --method steadystate)");
    }

    /// <summary>max_jk |A_jk − B_jk|.</summary>
    public static double MaxAbsDifference(Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (a - b).Enumerate().Max(Math.Abs);
    }

    private static ConvergenceStudyResult Assemble(SimulationConfig config, CutoffRange? range,
        List<(int Cutoff, AnalysedResult Result, double Seconds)> runs, List<SkippedCutoff> skipped, double wallSeconds)
    {
        string method = runs.Count > 0 ? runs[0].Result.Run.Method : config.Run.Method.ToString().ToLowerInvariant();
        var bipartitions = runs.Count > 0 ? runs[0].Result.Entanglement.Select(e => e.Bipartition).ToImmutableArray() : [];
        bool gaussian = runs.Count > 0 && runs[0].Result.CrossCheck is not null;
        var reference = gaussian ? runs[^1].Result.Gaussian : null;
        var referenceMoments = reference is null ? null : reference.AtFinalTime ?? reference.Steady;
        var referenceLogNegativities = referenceMoments is null ? ImmutableArray<double>.Empty
            : [.. bipartitions.Select(b => GaussianEntanglement.LogNegativity(referenceMoments.Covariance, b.ModesB))];

        var points = new List<ConvergencePoint>();
        for (int k = 0; k < runs.Count; k++)
        {
            var (cutoff, result, seconds) = runs[k];
            var covariance = result.FinalQuadratures.Covariance;
            double? error = gaussian ? result.CrossCheck!.CovarianceMaxAbsError
                : k == runs.Count - 1 ? null
                : MaxAbsDifference(covariance, runs[^1].Result.FinalQuadratures.Covariance);
            double? change = k == 0 ? null : MaxAbsDifference(covariance, runs[k - 1].Result.FinalQuadratures.Covariance);
            var logNegativities = result.Entanglement.Select(e => e.Measured?.LogNegativity ?? double.NaN).ToImmutableArray();
            points.Add(new ConvergencePoint(cutoff, result.Run.HilbertDimension ?? 0, error, change,
                result.Run.MaxTailPopulation ?? double.NaN, logNegativities, seconds, result.FinalQuadratures, result.Verdict.Value));
        }

        string description = gaussian
            ? (reference!.AtFinalTime is null
                ? "max |ΔΣ| against the exact Gaussian (Lyapunov) steady-state covariance"
                : "max |ΔΣ| against the exact Gaussian covariance at each run's final time")
            : runs.Count > 0
                ? $"max |ΔΣ| against the covariance at the largest cutoff that ran ({runs[^1].Cutoff}); the model is not quadratic, so there is no exact Gaussian reference"
                : "no cutoff ran";
        return new ConvergenceStudyResult(config, method, range,
            gaussian ? ConvergenceErrorReference.Gaussian : ConvergenceErrorReference.LargestCutoff, description,
            bipartitions, referenceMoments, referenceLogNegativities, points, skipped, wallSeconds);
    }
}
