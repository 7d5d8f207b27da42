namespace BosonicTrajectories.Simulation;

/// <summary>
/// How a run is carried out, as opposed to what is computed: threads, progress reporting, cancellation.
/// Results never depend on it.
/// </summary>
/// <param name="Threads">Worker threads for trajectory ensembles (default: all cores).</param>
/// <param name="Progress">Called with the fraction done in [0, 1] and an optional detail text.</param>
public sealed record RunContext(int Threads, Action<double, string?>? Progress, CancellationToken Cancellation)
{
    public static RunContext Default => new(Environment.ProcessorCount, null, CancellationToken.None);

    public void Report(double fraction, string? detail = null) => Progress?.Invoke(fraction, detail);
}
