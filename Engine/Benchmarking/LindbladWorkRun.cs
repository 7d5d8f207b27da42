using System.Diagnostics;
using System.Numerics;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Lindblad;

namespace BosonicTrajectories.Benchmarking;

/// <summary>One timed Lindblad evolution observed at the output times: ⟨a_i† a_j⟩(t), the tail population and the work.</summary>
internal sealed record LindbladWorkRun(CorrelationSeries Series, double MaxTailPopulation, LindbladEvolutionResult Outcome, double WallSeconds)
{
    /// <summary>
    /// Evolves <paramref name="rho0"/> on <paramref name="problem"/> to <paramref name="endTime"/> with the integrator
    /// <paramref name="integrator"/>, observing <paramref name="samples"/> evenly spaced times. The wall time covers the
    /// evolution and the observations (a few sparse expectations per output time), not the problem's construction.
    /// </summary>
    /// <exception cref="Model.NumericalFailureException">The integrator failed (e.g. an unstable fixed step).</exception>
    public static LindbladWorkRun Run(
        LindbladProblem problem, string integrator, IntegratorOptions options, Complex[] rho0, double endTime, int samples,
        IProgress<double>? progress, CancellationToken cancellation)
    {
        var observer = new FockCorrelationObserver(problem.Space, samples);
        var evolution = new LindbladEvolution(problem, integrator, options);
        var clock = Stopwatch.StartNew();
        var outcome = evolution.Run(rho0, endTime, samples, observer.Observe, progress, cancellation);
        double seconds = clock.Elapsed.TotalSeconds;
        return new LindbladWorkRun(observer.Series, observer.MaxTailPopulation, outcome, seconds);
    }
}
