using System.Numerics;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// What one trajectory produced, overwritten by the next trajectory of the same worker: the tracked observables at
/// every output time (<see cref="TrackedObservables"/> layout, time-major), their time averages over the steady-state
/// window, the normalised lab-frame states at the density-matrix times, and counters.
/// </summary>
public sealed class TrajectoryRecord
{
    internal TrajectoryRecord(int times, int observables, int densityTimes, int dimension, int channels, int jumpLogCapacity)
    {
        ObservableCount = observables;
        ObservableValues = new double[times * observables];
        WindowAverageValues = new double[observables];
        DensityStates = new Complex[densityTimes * dimension];
        JumpsPerChannel = new long[channels];
        JumpLog = new JumpEvent[jumpLogCapacity];
        Dimension = dimension;
    }

    public int ObservableCount { get; }

    public int Dimension { get; }

    internal double[] ObservableValues { get; }

    internal double[] WindowAverageValues { get; }

    internal Complex[] DensityStates { get; }

    internal long[] JumpsPerChannel { get; }

    internal JumpEvent[] JumpLog { get; }

    /// <summary>Trajectory index that produced this record.</summary>
    public long TrajectoryIndex { get; internal set; }

    /// <summary>Number of jumps in the trajectory.</summary>
    public int JumpCount { get; internal set; }

    /// <summary>Integrator work of the trajectory.</summary>
    public long AcceptedSteps { get; internal set; }

    public long RejectedSteps { get; internal set; }

    public long RhsEvaluations { get; internal set; }

    /// <summary>Observables at output time <paramref name="timeIndex"/>.</summary>
    public ReadOnlySpan<double> Observables(int timeIndex) => ObservableValues.AsSpan(timeIndex * ObservableCount, ObservableCount);

    /// <summary>Time averages over the steady-state window (empty content when there is no window).</summary>
    public ReadOnlySpan<double> WindowAverages => WindowAverageValues;

    /// <summary>Normalised lab-frame ψ at the <paramref name="slot"/>-th density-matrix time.</summary>
    public ReadOnlySpan<Complex> DensityState(int slot) => DensityStates.AsSpan(slot * Dimension, Dimension);

    /// <summary>The first min(JumpCount, capacity) jumps.</summary>
    public ReadOnlySpan<JumpEvent> Jumps => JumpLog.AsSpan(0, Math.Min(JumpCount, JumpLog.Length));
}
