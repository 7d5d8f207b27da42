using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace BosonicTrajectories.Trajectories;

/// <summary>How a trajectory ended.</summary>
public enum TrajectoryOutcome
{
    /// <summary>Reached the last output time.</summary>
    Completed,

    /// <summary>Stopped by the cancellation token; its record is incomplete.</summary>
    Cancelled,
}

/// <summary>
/// One Monte Carlo wave-function (quantum-jump) trajectory. Between jumps ψ_I follows
/// dψ_I/dt = −i (H_eff − H0)_I(t) ψ_I (see <see cref="TrajectoryProblem"/>), integrated by the adaptive integrator
/// chosen by name. The trajectory draws r ~ U(0, 1); when ‖ψ‖² falls to r inside a step the crossing time t* is
/// located on the dense output (<see cref="JumpTimeLocator"/>), channel k is chosen with probability
/// ∝ ‖L_k ψ(t*)‖², ψ ← L_k ψ / ‖L_k ψ‖, the integrator restarts at t* keeping its step size and a new r is drawn.
/// Output times are recorded from the dense output (never by stepping to them), normalised, in the lab frame.
/// Random numbers, in order: one for the initial mixture component, then per jump segment one threshold and
/// per jump one channel draw; all from <see cref="TrajectoryRandom.ForTrajectory"/>(seed, index).
/// No heap allocation after the worker is built.
/// </summary>
public static class TrajectorySolver
{
    /// <summary>Runs trajectory <paramref name="index"/> on <paramref name="worker"/>; results in <see cref="TrajectoryWorker.Record"/>.</summary>
    public static TrajectoryOutcome RunOne(TrajectoryWorker worker, long index, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var problem = worker.Problem;
        var settings = worker.Settings;
        var times = problem.OutputTimes;
        var integrator = worker.Integrator;
        var random = TrajectoryRandom.ForTrajectory(settings.Seed, index);

        worker.BeginTrajectory(index);
        var initial = problem.InitialState(random.NextDouble());
        MemoryMarshal.Cast<Complex, double>(initial).CopyTo(worker.State);
        double threshold = random.NextOpenDouble();
        double tEnd = times[^1];
        worker.StartSegment(times[0]);
        worker.RecordOutput(0, times[0], worker.State);
        int next = 1;

        while (integrator.Time < tEnd)
        {
            if (cancellation.IsCancellationRequested) return TrajectoryOutcome.Cancelled;
            integrator.Step(tEnd);
            double validUntil = integrator.Time;
            bool jumps = TensorPrimitives.SumOfSquares(integrator.State) <= threshold;
            double jumpTime = 0, normAtJump = 0;
            if (jumps)
            {
                jumpTime = JumpTimeLocator.Locate(integrator, threshold, settings.JumpTimeTolerance, worker.Probe, out normAtJump);
                validUntil = jumpTime;
            }
            while (next < times.Length && times[next] <= validUntil)
            {
                integrator.Interpolate(times[next], worker.Probe);
                worker.RecordOutput(next, times[next], worker.Probe);
                next++;
            }
            if (jumps)
            {
                integrator.Interpolate(jumpTime, worker.Probe);
                int channel = worker.ApplyJump(jumpTime, worker.Probe, random.NextDouble());
                worker.LogJump(new JumpEvent(jumpTime, channel, threshold, normAtJump));
                threshold = random.NextOpenDouble();
                worker.RestartAfterJump(jumpTime);
            }
        }
        worker.EndTrajectory();
        return TrajectoryOutcome.Completed;
    }
}
