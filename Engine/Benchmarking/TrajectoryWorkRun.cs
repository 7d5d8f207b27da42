using System.Diagnostics;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Benchmarking;

/// <summary>One timed trajectory ensemble: the ensemble means ⟨a_i† a_j⟩(t), their standard errors and the work.</summary>
internal sealed record TrajectoryWorkRun(CorrelationSeries Series, double MaxStandardError, EnsembleSums Sums, double WallSeconds)
{
    /// <summary>Runs trajectories 0..<paramref name="count"/>−1 of <paramref name="problem"/> with <paramref name="settings"/>.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static TrajectoryWorkRun Run(
        TrajectoryProblem problem, TrajectorySettings settings, long count, int threads, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var sums = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, count), threads, cancellation: cancellation);
        double seconds = clock.Elapsed.TotalSeconds;
        cancellation.ThrowIfCancellationRequested();
        var result = EnsembleResult.From(sums);
        int modes = problem.Modes, times = problem.OutputTimes.Length;
        var series = new CorrelationSeries(times, modes);
        double largestError = 0;
        for (int t = 0; t < times; t++)
        {
            var means = result.CreationAnnihilation(t);
            for (int i = 0; i < modes; i++)
                for (int j = 0; j < modes; j++)
                {
                    series[t, i, j] = means[i, j];
                    int re = TrackedObservables.CreationAnnihilation(modes, i, j);
                    double se = Math.Sqrt(Square(result.StandardError(t, re)) + Square(result.StandardError(t, re + 1)));
                    largestError = Math.Max(largestError, se);
                }
        }
        return new TrajectoryWorkRun(series, largestError, sums, seconds);
    }

    private static double Square(double x) => x * x;
}
