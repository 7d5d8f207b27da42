using System.Numerics;
using System.Runtime.InteropServices;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Lindblad;

/// <summary>Receives the lab-frame density matrix (row-major D×D, valid only during the call) at an output time.</summary>
public delegate void DensityMatrixObserver(double time, ReadOnlySpan<Complex> densityMatrix);

/// <summary>
/// Time evolution of the truncated Lindblad equation dρ/dt = −i(H_eff ρ − ρ H_eff†) + Σ_k L_k ρ L_k†
/// (<see cref="LindbladProblem"/>) with any step-by-step <see cref="IOdeIntegrator"/>. The integrator state is ρ
/// (in the problem's working frame) viewed as interleaved real numbers; output times are served from the
/// integrator's dense output, so steps never have to land on them. Every ρ handed out is in the lab frame.
/// Owns its buffers (one evolution at a time per instance).
/// <para>
/// When the model conserves excitations (<see cref="LindbladProblem.ConservesExcitations"/>) and
/// <see cref="UseCoherenceSectors"/> is on (the default), the integrator state is only the blocks ρ_{N'+k, N'} of the
/// coherence orders k ≥ 0 present in the initial state (<see cref="CoherenceSectorLayout"/>,
/// <see cref="CoherenceSectorRightHandSide"/>): the same equation, with the orders that stay zero and the conjugate
/// half left out. Otherwise the state is the whole D×D matrix (<see cref="LindbladRightHandSide"/>).
/// </para>
/// </summary>
public sealed class LindbladEvolution
{
    private readonly LindbladProblem _problem;
    private readonly IOdeIntegrator _integrator;
    private readonly IntegratorOptions _options;
    private readonly LindbladRightHandSide _rightHandSide;
    private readonly Complex[] _working;
    private readonly Complex[] _lab;
    private readonly Complex[] _derivative;
    private readonly Complex[] _phases;
    private CoherenceSectorRightHandSide? _sectorRightHandSide;     // set by Start when the sector path is taken
    private Complex[] _packed = [];

    /// <summary>Evolves <paramref name="problem"/> with <paramref name="integrator"/> under <paramref name="options"/> (rtol, atol, step limits).</summary>
    public LindbladEvolution(LindbladProblem problem, IOdeIntegrator integrator, IntegratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(integrator);
        ArgumentNullException.ThrowIfNull(options);
        _problem = problem;
        _integrator = integrator;
        _options = options;
        _rightHandSide = problem.CreateRightHandSide();
        int entries = problem.Dimension * problem.Dimension;
        _working = new Complex[entries];
        _lab = new Complex[entries];
        _derivative = new Complex[entries];
        _phases = new Complex[problem.Dimension];
    }

    /// <summary>
    /// Evolves <paramref name="problem"/> with the integrator registered as <paramref name="integratorName"/>
    /// (<see cref="IntegratorRegistry"/>; an unknown name fails with the list of valid ones).
    /// </summary>
    public LindbladEvolution(LindbladProblem problem, string integratorName, IntegratorOptions options)
        : this(problem, IntegratorRegistry.Create(integratorName), options)
    {
    }

    /// <summary>The problem being evolved.</summary>
    public LindbladProblem Problem => _problem;

    /// <summary>The integrator's registry name.</summary>
    public string IntegratorName => _integrator.Name;

    /// <summary>
    /// Evolve only the coherence orders present initially, k ≥ 0, when the model conserves excitations (default on;
    /// off forces the whole D×D matrix, e.g. to compare the two paths).
    /// </summary>
    public bool UseCoherenceSectors { get; init; } = true;

    /// <summary>The coherence orders k ≥ 0 evolved by the last run, or null when it evolved the whole D×D matrix.</summary>
    public IReadOnlyList<int>? EvolvedCoherenceOrders => _sectorRightHandSide?.Layout.Orders;

    /// <summary>
    /// Evolves <paramref name="initialState"/> (lab frame, t = 0) to <paramref name="endTime"/> and calls
    /// <paramref name="observer"/> at <paramref name="samples"/> evenly spaced times t_i = i·tEnd/(samples − 1)
    /// (only at tEnd when samples = 1). <paramref name="progress"/> receives the fraction of [0, tEnd] done.
    /// </summary>
    public LindbladEvolutionResult Run(
        ReadOnlySpan<Complex> initialState, double endTime, int samples, DensityMatrixObserver observer,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (!(endTime > 0) || double.IsInfinity(endTime))
            throw new ArgumentException($"the end time must be positive and finite, got {endTime}", nameof(endTime));
        if (samples < 1) throw new ArgumentException($"need at least one output time, got {samples}", nameof(samples));
        Start(initialState);

        for (int i = 0; i < samples; i++)
        {
            double t = i == samples - 1 ? endTime : endTime * i / (samples - 1);
            while (_integrator.Time < t)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _integrator.Step(endTime);
                progress?.Report(_integrator.Time / endTime);
            }
            Observe(t, observer);
        }
        return Result(derivativeNorm: null);
    }

    /// <summary>
    /// Evolves <paramref name="initialState"/> until the lab-frame ‖dρ/dt‖_F = (Σ_rc |(dρ/dt)_rc|²)^{1/2} falls below
    /// <paramref name="derivativeTolerance"/> (checked after every accepted step, one extra right-hand-side evaluation
    /// each), then calls <paramref name="observer"/> once at the time reached. Throws
    /// <see cref="NumericalFailureException"/> when the tolerance is not reached by <paramref name="maxTime"/>.
    /// <paramref name="progress"/> receives ln(‖dρ/dt‖₀/‖dρ/dt‖)/ln(‖dρ/dt‖₀/tolerance), clamped to [0, 1] and non-decreasing.
    /// </summary>
    public LindbladEvolutionResult RunToSteadyState(
        ReadOnlySpan<Complex> initialState, double derivativeTolerance, double maxTime, DensityMatrixObserver observer,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (!(derivativeTolerance > 0)) throw new ArgumentException($"the tolerance must be positive, got {derivativeTolerance}", nameof(derivativeTolerance));
        if (!(maxTime > 0)) throw new ArgumentException($"the time limit must be positive, got {maxTime}", nameof(maxTime));
        Start(initialState);

        double initialNorm = DerivativeNorm(0, MemoryMarshal.Cast<double, Complex>(_integrator.State));
        double norm = initialNorm, reported = 0;
        while (norm >= derivativeTolerance)
        {
            if (_integrator.Time >= maxTime)
                throw new NumericalFailureException(
                    $"the Lindblad evolution did not reach ‖dρ/dt‖ < {derivativeTolerance:G3} by t = {maxTime:G6} (‖dρ/dt‖ = {norm:G3}); " +
                    "raise the steady-state time limit, loosen the steady-state tolerance, or use method \"steadystate\"");
            cancellationToken.ThrowIfCancellationRequested();
            _integrator.Step(maxTime);
            norm = DerivativeNorm(_integrator.Time, MemoryMarshal.Cast<double, Complex>(_integrator.State));
            if (progress is not null && initialNorm > derivativeTolerance && norm > 0)
            {
                double fraction = Math.Clamp(Math.Log(initialNorm / norm) / Math.Log(initialNorm / derivativeTolerance), 0, 1);
                if (fraction > reported) progress.Report(reported = fraction);
            }
        }
        progress?.Report(1);
        Observe(_integrator.Time, observer);
        return Result(norm);
    }

    private void Start(ReadOnlySpan<Complex> initialState)
    {
        int entries = _problem.Dimension * _problem.Dimension;
        if (initialState.Length != entries)
            throw new ArgumentException($"expected a {_problem.Dimension}×{_problem.Dimension} density matrix, got {initialState.Length} entries", nameof(initialState));
        _problem.ToWorkingFrame(0, initialState, _working);     // t = 0: all phases are 1
        if (UseCoherenceSectors && _problem.ConservesExcitations)
        {
            var layout = CoherenceSectorLayout.ForState(_problem.Space, _working);
            if (_sectorRightHandSide is null || !_sectorRightHandSide.Layout.Orders.SequenceEqual(layout.Orders))
            {
                _sectorRightHandSide = new CoherenceSectorRightHandSide(_problem, layout);
                _packed = new Complex[layout.Length];
            }
            _sectorRightHandSide.Layout.Pack(_working, _packed);
            _integrator.Initialize(0, MemoryMarshal.Cast<Complex, double>(_packed.AsSpan()), _sectorRightHandSide.AsRealRightHandSide, _options);
            return;
        }
        _sectorRightHandSide = null;
        _integrator.Initialize(0, MemoryMarshal.Cast<Complex, double>(_working.AsSpan()), _rightHandSide.AsRealRightHandSide, _options);
    }

    private double DerivativeNorm(double t, ReadOnlySpan<Complex> state)
    {
        if (_sectorRightHandSide is { } sectors)
        {
            var derivative = _derivative.AsSpan(0, state.Length);
            sectors.Evaluate(t, state, derivative);
            return sectors.LabFrameDerivativeNorm(state, derivative);
        }
        _rightHandSide.Evaluate(t, state, _derivative);
        return _rightHandSide.LabFrameDerivativeNorm(state, _derivative);
    }

    /// <summary>Writes the lab-frame ρ(t) (dense output inside the last step) and hands it to the observer.</summary>
    private void Observe(double t, DensityMatrixObserver observer)
    {
        var state = _sectorRightHandSide is null ? _working.AsSpan() : _packed.AsSpan();
        var stateReal = MemoryMarshal.Cast<Complex, double>(state);
        if (t == _integrator.Time) _integrator.State.CopyTo(stateReal);
        else _integrator.Interpolate(t, stateReal);
        _sectorRightHandSide?.Layout.Unpack(_packed, _working);
        if (_problem.UsesInteractionPicture)
        {
            InteractionFrame.ComputePhases(_problem.FrameEnergies, t, _phases);
            InteractionFrame.ToLabFrame(_phases, _working, _lab);
        }
        else
        {
            _working.CopyTo(_lab, 0);
        }
        observer(t, _lab);
    }

    private LindbladEvolutionResult Result(double? derivativeNorm)
    {
        var statistics = _integrator.Statistics;
        return new LindbladEvolutionResult(
            _integrator.Time, statistics.AcceptedSteps, statistics.RejectedSteps, statistics.RhsEvaluations,
            _sectorRightHandSide?.Evaluations ?? _rightHandSide.Evaluations, derivativeNorm, (Complex[])_lab.Clone());
    }
}

/// <summary>What a Lindblad evolution did.</summary>
/// <param name="FinalTime">The time reached (tEnd, or the time the steady-state criterion was met).</param>
/// <param name="AcceptedSteps">Accepted integrator steps.</param>
/// <param name="RejectedSteps">Rejected integrator steps.</param>
/// <param name="IntegratorRhsEvaluations">Right-hand-side evaluations made by the integrator.</param>
/// <param name="TotalRhsEvaluations">All right-hand-side evaluations, including the steady-state checks.</param>
/// <param name="FinalDerivativeNorm">Lab-frame ‖dρ/dt‖_F at the final time (steady-state runs only).</param>
/// <param name="FinalDensityMatrix">The lab-frame ρ at the last output time (row-major D×D).</param>
public sealed record LindbladEvolutionResult(
    double FinalTime,
    long AcceptedSteps,
    long RejectedSteps,
    long IntegratorRhsEvaluations,
    long TotalRhsEvaluations,
    double? FinalDerivativeNorm,
    Complex[] FinalDensityMatrix);
