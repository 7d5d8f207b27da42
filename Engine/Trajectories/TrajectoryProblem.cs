using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// The Schrödinger problem of quantum-jump (Monte Carlo wave-function) trajectories, built once and shared by
/// every trajectory and thread (immutable). Between jumps the unnormalised state obeys
/// dψ/dt = −i H_eff ψ with H_eff = H − (i/2) Σ_k L_k† L_k (ħ = 1), taken from the same <see cref="LindbladProblem"/>
/// the density-matrix solver uses (L_k† L_k is the product of the truncated matrices, so d‖ψ‖²/dt = −Σ_k ‖L_k ψ‖²
/// holds exactly in the truncated space).
/// <para>
/// Interaction picture (<see cref="TrajectoryFrame"/>): with a Fock-diagonal H0 = diag(E0) — by default the number
/// terms Σ_i ω_i n_i of H, optionally the whole diagonal of H — the integrated state is ψ_I = e^{iH0 t} ψ and
/// dψ_I/dt = −i e^{iH0 t}(H_eff − H0)e^{−iH0 t} ψ_I, whose entries carry phases e^{i(E0_r − E0_c)t}
/// (<see cref="InteractionPictureOperator"/>). The norm is frame invariant, so jump times are unchanged; jump
/// operators transform the same way; outputs use ψ = e^{−iH0 t} ψ_I (lab frame).
/// </para>
/// </summary>
public sealed class TrajectoryProblem
{
    private readonly Complex[][] _initialStates;
    private readonly double[] _cumulativeProbabilities;

    private TrajectoryProblem(
        OpenSystemModel model, FockSpace space, TrajectoryFrame frame, double[] frameFrequencies, double[] frameEnergies,
        InteractionPictureOperator generator,
        ImmutableArray<InteractionPictureOperator> jumps, PureStateMoments moments, Complex[][] initialStates, double[] cumulativeProbabilities,
        ImmutableArray<double> outputTimes)
    {
        Model = model;
        Space = space;
        Frame = frame;
        FrameFrequencies = [.. frameFrequencies];
        FrameEnergies = [.. frameEnergies];
        Generator = generator;
        Jumps = jumps;
        Moments = moments;
        _initialStates = initialStates;
        _cumulativeProbabilities = cumulativeProbabilities;
        OutputTimes = outputTimes;
    }

    public OpenSystemModel Model { get; }

    public FockSpace Space { get; }

    public int Modes => Space.Modes;

    public int Dimension => Space.Dimension;

    /// <summary>The frame the state is integrated in.</summary>
    public TrajectoryFrame Frame { get; }

    /// <summary>ω_i of H0 = Σ_i ω_i n_i in the <see cref="TrajectoryFrame.NumberTerms"/> frame (zero otherwise).</summary>
    public ImmutableArray<double> FrameFrequencies { get; }

    /// <summary>E0_r, the diagonal of H0 (zero in the lab frame).</summary>
    public ImmutableArray<double> FrameEnergies { get; }

    /// <summary>−i(H_eff − H0) in the interaction picture: dψ_I/dt = Generator_I(t) ψ_I.</summary>
    public InteractionPictureOperator Generator { get; }

    /// <summary>The jump operators L_k in the interaction picture, in the model's order.</summary>
    public ImmutableArray<InteractionPictureOperator> Jumps { get; }

    /// <summary>The ladder moments of a pure state (⟨a_i⟩, ⟨a_i† a_j⟩, ⟨a_i a_j⟩), evaluated in the working frame.</summary>
    public PureStateMoments Moments { get; }

    /// <summary>Output times: trajectories start at the first and end at the last.</summary>
    public ImmutableArray<double> OutputTimes { get; }

    /// <summary>Number of pure states in the initial mixture.</summary>
    public int InitialComponentCount => _initialStates.Length;

    /// <summary>Builds the problem of <paramref name="model"/> on <paramref name="space"/> (H_eff and L_k via <see cref="LindbladProblem.Build"/>).</summary>
    /// <param name="model">Hamiltonian and jump operators.</param>
    /// <param name="space">The truncated Fock space.</param>
    /// <param name="initialMixture">The initial state as a mixture Σ_j p_j |ψ_j⟩⟨ψ_j| (a pure state is one component
    /// with p = 1). Each trajectory samples one component with probability p_j; states are normalised here.</param>
    /// <param name="outputTimes">Strictly increasing, finite output times; the first is the start time.</param>
    /// <param name="frame">The integration frame (default: the number terms of H).</param>
    public static TrajectoryProblem Build(
        OpenSystemModel model,
        FockSpace space,
        IReadOnlyList<(double Probability, Complex[] State)> initialMixture,
        IReadOnlyList<double> outputTimes,
        TrajectoryFrame frame = TrajectoryFrame.NumberTerms) =>
        Build(LindbladProblem.Build(model, space, interactionPicture: false), initialMixture, outputTimes, frame);

    /// <summary>
    /// Builds the problem from the truncated matrices of a <see cref="LindbladProblem"/>: its H_eff (with L_k† L_k the
    /// product of truncated matrices) and its jump operators; the Lindblad problem's own frame is not used.
    /// </summary>
    public static TrajectoryProblem Build(
        LindbladProblem lindblad,
        IReadOnlyList<(double Probability, Complex[] State)> initialMixture,
        IReadOnlyList<double> outputTimes,
        TrajectoryFrame frame = TrajectoryFrame.NumberTerms)
    {
        ArgumentNullException.ThrowIfNull(lindblad);
        ArgumentNullException.ThrowIfNull(initialMixture);
        ArgumentNullException.ThrowIfNull(outputTimes);
        var model = lindblad.Model;
        var space = lindblad.Space;
        CheckOutputTimes(outputTimes);
        var (states, cumulative) = NormaliseMixture(initialMixture, space.Dimension);

        double[] omega = frame == TrajectoryFrame.NumberTerms ? NumberTermFrequencies(model.Hamiltonian, space.Modes) : new double[space.Modes];
        double[] energies = new double[space.Dimension];
        for (int r = 0; r < space.Dimension; r++)
        {
            if (frame == TrajectoryFrame.FockDiagonal) energies[r] = lindblad.Hamiltonian[r, r].Real;
            else for (int i = 0; i < space.Modes; i++) energies[r] += omega[i] * space.Occupation(r, i);
        }
        var generator = InFrame(
            lindblad.EffectiveHamiltonian.Add(SparseMatrix.Diagonal([.. energies.Select(e => (Complex)e)]), -Complex.One).Scale(-Complex.ImaginaryOne));

        return new TrajectoryProblem(
            model, space, frame, omega, energies, generator,
            [.. lindblad.Jumps.Select(InFrame)],
            new PureStateMoments(space),
            states, cumulative, [.. outputTimes]);

        InteractionPictureOperator InFrame(SparseMatrix matrix) => frame == TrajectoryFrame.FockDiagonal
            ? InteractionPictureOperator.WithBasisEnergies(matrix, space, energies)
            : InteractionPictureOperator.WithModeFrequencies(matrix, space, omega);
    }

    /// <summary>Builds the problem from an initial state made by <see cref="InitialStates.Build"/> (its mixture components).</summary>
    public static TrajectoryProblem Build(
        OpenSystemModel model, InitialFockState initialState, IReadOnlyList<double> outputTimes,
        TrajectoryFrame frame = TrajectoryFrame.NumberTerms)
    {
        ArgumentNullException.ThrowIfNull(initialState);
        var mixture = initialState.Components.Select(c => (c.Probability, c.Vector.ToArray())).ToList();
        return Build(model, initialState.Space, mixture, outputTimes, frame);
    }

    /// <summary>The normalised initial component chosen by a uniform number u ∈ [0, 1) (inverse CDF).</summary>
    public ReadOnlySpan<Complex> InitialState(double u)
    {
        int j = 0;
        while (j < _cumulativeProbabilities.Length - 1 && u >= _cumulativeProbabilities[j]) j++;
        return _initialStates[j];
    }

    /// <summary>ω_i = Re of the coefficients of the terms written exactly as a_i† a_i.</summary>
    private static double[] NumberTermFrequencies(Polynomial hamiltonian, int modes)
    {
        var omega = new double[modes];
        foreach (var term in hamiltonian.Terms)
        {
            var ops = term.Operators;
            if (ops.Length == 2 && ops[0].Create && !ops[1].Create && ops[0].Mode == ops[1].Mode)
                omega[ops[0].Mode] += term.Coefficient.Real;
        }
        return omega;
    }

    private static void CheckOutputTimes(IReadOnlyList<double> times)
    {
        if (times.Count < 1) throw new ArgumentException("need at least one output time", nameof(times));
        for (int i = 0; i < times.Count; i++)
        {
            if (!double.IsFinite(times[i])) throw new ArgumentException($"output time [{i}] = {times[i]} is not finite", nameof(times));
            if (i > 0 && times[i] <= times[i - 1])
                throw new ArgumentException($"output times must increase strictly: [{i - 1}] = {times[i - 1]}, [{i}] = {times[i]}", nameof(times));
        }
    }

    private static (Complex[][] States, double[] Cumulative) NormaliseMixture(
        IReadOnlyList<(double Probability, Complex[] State)> mixture, int dimension)
    {
        if (mixture.Count == 0) throw new ArgumentException("the initial mixture is empty", nameof(mixture));
        double total = 0;
        for (int j = 0; j < mixture.Count; j++)
        {
            var (p, state) = mixture[j];
            if (!(p >= 0) || !double.IsFinite(p)) throw new ArgumentException($"initial component {j} has probability {p}", nameof(mixture));
            if (state is null || state.Length != dimension)
                throw new ArgumentException($"initial component {j} has length {state?.Length}, expected {dimension}", nameof(mixture));
            total += p;
        }
        if (!(total > 0)) throw new ArgumentException("the initial probabilities sum to zero", nameof(mixture));

        var states = new Complex[mixture.Count][];
        var cumulative = new double[mixture.Count];
        double running = 0;
        for (int j = 0; j < mixture.Count; j++)
        {
            var state = mixture[j].State;
            double norm = Math.Sqrt(ComplexSpan.NormSquared(state));
            if (!(norm > 0)) throw new ArgumentException($"initial component {j} is the zero vector", nameof(mixture));
            states[j] = new Complex[dimension];
            ComplexSpan.Scale(state, 1 / norm, states[j]);
            running += mixture[j].Probability / total;
            cumulative[j] = running;
        }
        cumulative[^1] = 1.0;
        return (states, cumulative);
    }
}
