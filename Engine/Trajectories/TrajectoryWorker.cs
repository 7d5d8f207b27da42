using System.Numerics;
using System.Runtime.InteropServices;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// Per-thread state of the trajectory solver: an integrator instance, the right-hand side delegate and every buffer
/// a trajectory needs, allocated once. Not thread safe; one worker per thread.
/// </summary>
public sealed class TrajectoryWorker
{
    private readonly Complex[] _generatorPhases;
    private readonly Complex[] _labState;            // normalised lab-frame ψ at an output time
    private readonly Complex[][] _jumpPhases;
    private readonly Complex[][] _jumpTargets;
    private readonly double[] _jumpWeights;
    private readonly Complex[] _mean;
    private readonly Complex[] _adaggerA;
    private readonly Complex[] _aa;
    private readonly Complex[] _momentWork;
    private readonly Complex[][] _modePhaseTables;   // e^{−iω_i n t}, n = 0..max level, per mode
    private readonly int[] _densitySlotOfTime;       // output-time index → density slot or −1
    private readonly int _windowStart;
    private readonly long[] _totals = new long[3];   // accepted, rejected, rhs before the last Initialize
    private bool _restartSupported = true;

    /// <summary>Creates the worker (allocates every buffer and the integrator).</summary>
    public TrajectoryWorker(TrajectoryProblem problem, TrajectorySettings settings)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(problem);
        Problem = problem;
        Settings = settings;
        int d = problem.Modes, dim = problem.Dimension;
        Integrator = IntegratorRegistry.Create(settings.Integrator);
        Options = settings.CreateIntegratorOptions();
        RightHandSide = EvaluateRightHandSide;
        State = new double[2 * dim];
        Probe = new double[2 * dim];
        _generatorPhases = new Complex[problem.Generator.PhaseBufferLength];
        _labState = new Complex[dim];
        _jumpPhases = [.. problem.Jumps.Select(j => new Complex[j.PhaseBufferLength])];
        _jumpTargets = [.. problem.Jumps.Select(_ => new Complex[dim])];
        _jumpWeights = new double[problem.Jumps.Length];
        _mean = new Complex[d];
        _adaggerA = new Complex[d * d];
        _aa = new Complex[d * d];
        _momentWork = new Complex[problem.Moments.WorkLength];
        _modePhaseTables = [.. Enumerable.Range(0, d).Select(i => new Complex[problem.Space.MaxLevel(i) + 1])];
        _densitySlotOfTime = Enumerable.Repeat(-1, problem.OutputTimes.Length).ToArray();
        var densityTimes = settings.DensityTimes;
        for (int slot = 0; slot < densityTimes.Length; slot++) _densitySlotOfTime[densityTimes[slot]] = slot;
        _windowStart = settings.WindowStartIndex(problem);
        Record = new TrajectoryRecord(
            problem.OutputTimes.Length, TrackedObservables.Count(d), densityTimes.Length, dim, problem.Jumps.Length,
            settings.JumpLogCapacity);
    }

    public TrajectoryProblem Problem { get; }

    public TrajectorySettings Settings { get; }

    /// <summary>The outputs of the last trajectory this worker ran.</summary>
    public TrajectoryRecord Record { get; }

    internal IOdeIntegrator Integrator { get; }

    internal IntegratorOptions Options { get; }

    internal RightHandSide RightHandSide { get; }

    /// <summary>ψ_I as interleaved (re, im): the state handed to the integrator at a (re)start.</summary>
    internal double[] State { get; }

    /// <summary>Dense-output buffer of the same layout.</summary>
    internal double[] Probe { get; }

    /// <summary>dψ_I/dt = −i (H_eff − H0)_I(t) ψ_I.</summary>
    private void EvaluateRightHandSide(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        Problem.Generator.ComputePhases(t, _generatorPhases);
        Problem.Generator.Multiply(_generatorPhases, MemoryMarshal.Cast<double, Complex>(y), MemoryMarshal.Cast<double, Complex>(dydt));
    }

    /// <summary>Starts a new trajectory's record and counters.</summary>
    internal void BeginTrajectory(long index)
    {
        Record.TrajectoryIndex = index;
        Record.JumpCount = 0;
        Array.Clear(Record.JumpsPerChannel);
        Array.Clear(Record.WindowAverageValues);
        Array.Clear(_totals);
    }

    /// <summary>(Re)starts the integrator at (t, <see cref="State"/>), keeping the work counters of earlier segments.</summary>
    internal void StartSegment(double t)
    {
        AddIntegratorStatistics();
        Integrator.Initialize(t, State, RightHandSide, Options);
    }

    /// <summary>
    /// Restarts the integrator at a jump time t inside its last step from <see cref="State"/>, keeping its step size
    /// (<see cref="IOdeIntegrator.RestartAt"/>); integrators without that support are re-initialised instead.
    /// </summary>
    internal void RestartAfterJump(double t)
    {
        if (_restartSupported)
        {
            try
            {
                Integrator.RestartAt(t, State);
                return;
            }
            catch (NotSupportedException)
            {
                _restartSupported = false;
            }
        }
        StartSegment(t);
    }

    /// <summary>Closes the trajectory's counters and window averages.</summary>
    internal void EndTrajectory()
    {
        AddIntegratorStatistics();
        Record.AcceptedSteps = _totals[0];
        Record.RejectedSteps = _totals[1];
        Record.RhsEvaluations = _totals[2];
        if (_windowStart >= 0)
        {
            double count = Problem.OutputTimes.Length - _windowStart;
            for (int k = 0; k < Record.WindowAverageValues.Length; k++) Record.WindowAverageValues[k] /= count;
        }
    }

    private void AddIntegratorStatistics()
    {
        var s = Integrator.Statistics;
        _totals[0] += s.AcceptedSteps;
        _totals[1] += s.RejectedSteps;
        _totals[2] += s.RhsEvaluations;
        s.Clear();
    }

    /// <summary>
    /// Records the lab-frame observables of the (unnormalised) interaction-picture state <paramref name="y"/> at output
    /// time index <paramref name="timeIndex"/> (time t).
    /// </summary>
    internal void RecordOutput(int timeIndex, double t, ReadOnlySpan<double> y)
    {
        var psi = MemoryMarshal.Cast<double, Complex>(y);
        int d = Problem.Modes;
        double norm = ComplexSpan.NormSquared(psi);
        if (!(norm > 0) || !double.IsFinite(norm))
            throw new NumericalFailureException($"trajectory {Record.TrajectoryIndex}: ‖ψ‖² = {norm} at t = {t}; tighten rtol/atol");
        ToLabFrame(t, psi, 1 / Math.Sqrt(norm), _labState);
        Problem.Moments.Compute(_labState, _mean, _adaggerA, _aa, _momentWork);
        var values = Record.ObservableValues.AsSpan(timeIndex * Record.ObservableCount, Record.ObservableCount);
        for (int i = 0; i < d; i++)
        {
            values[TrackedObservables.Occupation(i)] = _adaggerA[(i * d) + i].Real;
            Write(values, TrackedObservables.Annihilation(d, i), _mean[i]);
            for (int j = 0; j < d; j++)
            {
                Write(values, TrackedObservables.CreationAnnihilation(d, i, j), _adaggerA[(i * d) + j]);
                Write(values, TrackedObservables.AnnihilationPair(d, i, j), _aa[(i * d) + j]);
            }
        }
        if (_windowStart >= 0 && timeIndex >= _windowStart)
        {
            var window = Record.WindowAverageValues;
            for (int k = 0; k < window.Length; k++) window[k] += values[k];
        }
        int slot = _densitySlotOfTime[timeIndex];
        if (slot >= 0) _labState.CopyTo(Record.DensityStates.AsSpan(slot * Record.Dimension, Record.Dimension));
    }

    private static void Write(Span<double> values, int index, Complex value)
    {
        values[index] = value.Real;
        values[index + 1] = value.Imaginary;
    }

    /// <summary>target ← scale · e^{−iH0 t} ψ_I (the lab-frame state).</summary>
    private void ToLabFrame(double t, ReadOnlySpan<Complex> psi, double scale, Span<Complex> target)
    {
        switch (Problem.Frame)
        {
            case TrajectoryFrame.Lab:
                ComplexSpan.Scale(psi, scale, target);
                break;
            case TrajectoryFrame.FockDiagonal:
                var energies = Problem.FrameEnergies;
                for (int r = 0; r < psi.Length; r++)
                {
                    double angle = -energies[r] * t;
                    target[r] = new Complex(scale * Math.Cos(angle), scale * Math.Sin(angle)) * psi[r];
                }
                break;
            default:
                // e^{−iE0_r t} = Π_i (e^{−iω_i t})^{n_i}: one table of e^{−iω_i n t} per mode.
                var space = Problem.Space;
                int d = Problem.Modes;
                for (int i = 0; i < d; i++)
                {
                    var table = _modePhaseTables[i];
                    for (int n = 0; n < table.Length; n++)
                    {
                        double angle = -Problem.FrameFrequencies[i] * n * t;
                        table[n] = new Complex(Math.Cos(angle), Math.Sin(angle));
                    }
                }
                for (int r = 0; r < psi.Length; r++)
                {
                    Complex phase = scale;
                    for (int i = 0; i < d; i++) phase *= _modePhaseTables[i][space.Occupation(r, i)];
                    target[r] = phase * psi[r];
                }
                break;
        }
    }

    /// <summary>
    /// Applies a jump at time t to the interaction-picture state <paramref name="y"/>: channel k with probability
    /// ‖L_k ψ‖² / Σ_j ‖L_j ψ‖² (chosen by <paramref name="u"/> ∈ [0, 1)), writing L_k ψ / ‖L_k ψ‖ into <see cref="State"/>.
    /// </summary>
    /// <returns>The channel k.</returns>
    internal int ApplyJump(double t, ReadOnlySpan<double> y, double u)
    {
        var psi = MemoryMarshal.Cast<double, Complex>(y);
        double total = 0;
        for (int k = 0; k < _jumpTargets.Length; k++)
        {
            var jump = Problem.Jumps[k];
            jump.ComputePhases(t, _jumpPhases[k]);
            jump.Multiply(_jumpPhases[k], psi, _jumpTargets[k]);
            _jumpWeights[k] = ComplexSpan.NormSquared(_jumpTargets[k]);
            total += _jumpWeights[k];
        }
        if (!(total > 0))
            throw new NumericalFailureException(
                $"trajectory {Record.TrajectoryIndex}: the norm decayed at t = {t} but every jump operator annihilates the state; " +
                "tighten rtol/atol");
        double target = u * total, running = 0;
        int channel = _jumpTargets.Length - 1;
        for (int k = 0; k < _jumpTargets.Length; k++)
        {
            running += _jumpWeights[k];
            if (target < running && _jumpWeights[k] > 0) { channel = k; break; }
        }
        while (_jumpWeights[channel] == 0) channel--;
        ComplexSpan.Scale(_jumpTargets[channel], 1 / Math.Sqrt(_jumpWeights[channel]), MemoryMarshal.Cast<double, Complex>(State.AsSpan()));
        return channel;
    }

    /// <summary>Logs a jump in the record.</summary>
    internal void LogJump(in JumpEvent jump)
    {
        if (Record.JumpCount < Record.JumpLog.Length) Record.JumpLog[Record.JumpCount] = jump;
        Record.JumpCount++;
        Record.JumpsPerChannel[jump.Channel]++;
    }
}
