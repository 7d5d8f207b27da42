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
/// <para>
/// When <see cref="UseNormalModes"/> is on (the default) and the problem is passive — H = Σ_ij h_ij a_i† a_j, linear
/// jumps — on a total-excitation truncation, the integrator evolves the same equation written in the normal modes of h
/// (<see cref="NormalModeFrame"/>): ρ_b = T† ρ T with T the Fock-space matrix of the passive unitary, which leaves the
/// truncated space invariant, so the result is exact. There H is Fock diagonal and the interaction picture removes all
/// of it. Every ρ handed out is still the local-mode, lab-frame ρ = T ρ_b T†.
/// </para>
/// </summary>
public sealed class LindbladEvolution
{
    private readonly LindbladProblem _problem;
    private readonly IOdeIntegrator _integrator;
    private readonly IntegratorOptions _options;
    private readonly Complex[] _working;
    private readonly Complex[] _lab;
    private readonly Complex[] _derivative;
    private readonly Complex[] _phases;
    private LindbladProblem? _evolved;                              // set by the first Start: _problem or its normal-mode twin
    private NormalModeFrame? _normalModes;                          // set by the first Start when the frame applies
    private LindbladRightHandSide? _rightHandSide;                  // whole-matrix path, built on first use
    private CoherenceSectorRightHandSide? _sectorRightHandSide;     // set by Start when the sector path is taken
    private Complex[] _packed = [];
    private Complex[] _packedLocal = [];                            // stored blocks in local modes (normal-mode frame only)

    /// <summary>Evolves <paramref name="problem"/> with <paramref name="integrator"/> under <paramref name="options"/> (rtol, atol, step limits).</summary>
    public LindbladEvolution(LindbladProblem problem, IOdeIntegrator integrator, IntegratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(integrator);
        ArgumentNullException.ThrowIfNull(options);
        _problem = problem;
        _integrator = integrator;
        _options = options;
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

    /// <summary>The problem as given (local modes); with the normal-mode frame the integrator evolves its normal-mode twin.</summary>
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
    /// Evolve in the normal modes of a passive Hamiltonian when that is exact (total-excitation truncation, H = Σ h_ij
    /// a_i† a_j, linear jumps); otherwise, and when off, the local modes (default on; off e.g. to compare the two).
    /// </summary>
    public bool UseNormalModes { get; init; } = true;

    /// <summary>
    /// Threads of the coherence-sector right-hand side (default 1): its stored blocks are split into this many chunks
    /// run on the calling thread and the thread pool (<see cref="CoherenceSectorRightHandSide"/>); the result is the same
    /// to the bit for any number. Two threads make one right-hand side 1.6–2 times faster at D ≈ 500–950
    /// (BENCHMARKS.md). A whole evolution gains in proportion to the right-hand side's share of it, since the stage
    /// combinations and the per-sample conversions are not split: much for the local-mode kernels, little for the
    /// ladder kernel. The <c>run</c> command keeps 1, because its second core computes the per-sample analysis.
    /// </summary>
    public int RightHandSideThreads { get; init; } = 1;

    /// <summary>True when the runs evolve the normal-mode twin of the problem (known once a run has started).</summary>
    public bool EvolvedInNormalModes => _normalModes is not null;

    /// <summary>The kernel the last run computed its coherence-sector blocks with (null: the whole ρ, or no run yet).</summary>
    public SectorKernel? EvolvedWithKernel => _sectorRightHandSide?.Kernel;

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
        if (_evolved is null)
        {
            _normalModes = UseNormalModes ? NormalModeFrame.TryCreate(_problem) : null;
            _evolved = _normalModes?.Problem ?? _problem;
        }
        var problem = _evolved;
        if (_normalModes is { } normalModes)
        {
            normalModes.ToNormalModes(initialState, _lab);      // ρ_b = T† ρ T (_lab is free until the first output)
            problem.ToWorkingFrame(0, _lab, _working);          // t = 0: all phases are 1
        }
        else
        {
            problem.ToWorkingFrame(0, initialState, _working);
        }
        if (UseCoherenceSectors && problem.ConservesExcitations)
        {
            var layout = CoherenceSectorLayout.ForState(problem.Space, _working);
            if (_sectorRightHandSide is null || !_sectorRightHandSide.Layout.Orders.SequenceEqual(layout.Orders))
            {
                _sectorRightHandSide = new CoherenceSectorRightHandSide(problem, layout, RightHandSideThreads);
                _packed = new Complex[layout.Length];
                _packedLocal = _normalModes is null ? [] : new Complex[layout.Length];
            }
            _sectorRightHandSide.Layout.Pack(_working, _packed);
            _integrator.Initialize(0, MemoryMarshal.Cast<Complex, double>(_packed.AsSpan()), _sectorRightHandSide.AsRealRightHandSide, _options);
            return;
        }
        _sectorRightHandSide = null;
        _rightHandSide ??= problem.CreateRightHandSide();
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
        // ‖dρ/dt‖_F is the same in both mode bases (T is unitary).
        _rightHandSide!.Evaluate(t, state, _derivative);
        return _rightHandSide.LabFrameDerivativeNorm(state, _derivative);
    }

    /// <summary>Writes the local-mode, lab-frame ρ(t) (dense output inside the last step) and hands it to the observer.</summary>
    private void Observe(double t, DensityMatrixObserver observer)
    {
        var problem = _evolved!;
        var state = _sectorRightHandSide is null ? _working.AsSpan() : _packed.AsSpan();
        var stateReal = MemoryMarshal.Cast<Complex, double>(state);
        if (t == _integrator.Time) _integrator.State.CopyTo(stateReal);
        else _integrator.Interpolate(t, stateReal);
        if (problem.UsesInteractionPicture) InteractionFrame.ComputePhases(problem.FrameEnergies, t, _phases);
        if (_normalModes is { } normalModes)
            ToLocalLabFrame(normalModes, problem.UsesInteractionPicture);
        else
        {
            _sectorRightHandSide?.Layout.Unpack(_packed, _working);
            if (problem.UsesInteractionPicture) InteractionFrame.ToLabFrame(_phases, _working, _lab);
            else _working.CopyTo(_lab, 0);
        }
        observer(t, _lab);
    }

    /// <summary>
    /// _lab ← T ρ_b T† from the normal-mode working state (stored blocks or whole matrix): the normal-mode phases first
    /// (in place), then T block by block — on the stored blocks only, before unpacking, when the sector path is taken.
    /// </summary>
    private void ToLocalLabFrame(NormalModeFrame normalModes, bool interactionPicture)
    {
        if (_sectorRightHandSide is { Layout: var layout })
        {
            if (interactionPicture) InteractionFrame.ToLabFrame(_phases, layout, _packed);
            normalModes.ToLocalModes(layout, _packed, _packedLocal);
            layout.Unpack(_packedLocal, _lab);
            return;
        }
        if (interactionPicture) InteractionFrame.ToLabFrame(_phases, _working, _working);
        normalModes.ToLocalModes(_working, _lab);
    }

    private LindbladEvolutionResult Result(double? derivativeNorm)
    {
        var statistics = _integrator.Statistics;
        return new LindbladEvolutionResult(
            _integrator.Time, statistics.AcceptedSteps, statistics.RejectedSteps, statistics.RhsEvaluations,
            _sectorRightHandSide?.Evaluations ?? _rightHandSide!.Evaluations, derivativeNorm, (Complex[])_lab.Clone());
    }
}

/// <summary>What a Lindblad evolution did.</summary>
/// <param name="FinalTime">The time reached (tEnd, or the time the steady-state criterion was met).</param>
/// <param name="AcceptedSteps">Accepted integrator steps.</param>
/// <param name="RejectedSteps">Rejected integrator steps.</param>
/// <param name="IntegratorRhsEvaluations">Right-hand-side evaluations made by the integrator.</param>
/// <param name="TotalRhsEvaluations">All right-hand-side evaluations, including the steady-state checks.</param>
/// <param name="FinalDerivativeNorm">Lab-frame ‖dρ/dt‖_F at the final time (steady-state runs only).</param>
/// <param name="FinalDensityMatrix">The lab-frame ρ at the last output time (row-major D×D, local modes).</param>
public sealed record LindbladEvolutionResult(
    double FinalTime,
    long AcceptedSteps,
    long RejectedSteps,
    long IntegratorRhsEvaluations,
    long TotalRhsEvaluations,
    double? FinalDerivativeNorm,
    Complex[] FinalDensityMatrix);
