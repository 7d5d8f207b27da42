using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// The truncated Lindblad equation of an <see cref="OpenSystemModel"/> on a <see cref="FockSpace"/>, in matrix form
/// on a row-major D×D density matrix (ħ = 1):
/// dρ/dt = −i(H_eff ρ − ρ H_eff†) + Σ_k L_k ρ L_k†, with H_eff = H − (i/2) Σ_k L_k† L_k,
/// where H and L_k are the truncated sparse matrices of the model's polynomials and L_k† L_k is the product of the
/// truncated matrices (so the trace is conserved exactly). Built once; immutable and shareable between threads.
/// Evaluate the right-hand side through <see cref="CreateRightHandSide"/> (which owns the work buffers).
/// <para>
/// With <see cref="UsesInteractionPicture"/> the evolved variable is ρ_I = e^{iH0 t} ρ e^{−iH0 t} with
/// H0 = diag(H) in the Fock basis (see <see cref="InteractionFrame"/>); every quantity handed to callers is in the
/// lab frame.
/// </para>
/// </summary>
public sealed class LindbladProblem
{
    private readonly double[] _frameEnergies;

    private LindbladProblem(
        OpenSystemModel model, FockSpace space, SparseMatrix hamiltonian, ImmutableArray<SparseMatrix> jumps,
        SparseMatrix effectiveHamiltonian, double[] frameEnergies, bool interactionPicture)
    {
        Model = model;
        Space = space;
        Hamiltonian = hamiltonian;
        Jumps = jumps;
        EffectiveHamiltonian = effectiveHamiltonian;
        _frameEnergies = frameEnergies;
        UsesInteractionPicture = interactionPicture;

        var frameDiagonal = new Complex[space.Dimension];
        for (int r = 0; r < frameDiagonal.Length; r++) frameDiagonal[r] = frameEnergies[r];
        // −i (H_eff − H0): the coherent generator of the working frame.
        CoherentGenerator = effectiveHamiltonian.Add(SparseMatrix.Diagonal(frameDiagonal), -Complex.One).Scale(-Complex.ImaginaryOne);
    }

    /// <summary>The model this problem was built from.</summary>
    public OpenSystemModel Model { get; }

    /// <summary>The truncated space.</summary>
    public FockSpace Space { get; }

    /// <summary>Hilbert-space dimension D (ρ has D² entries).</summary>
    public int Dimension => Space.Dimension;

    /// <summary>The truncated Hamiltonian H.</summary>
    public SparseMatrix Hamiltonian { get; }

    /// <summary>The truncated jump operators L_k (rates folded in), in the model's order.</summary>
    public ImmutableArray<SparseMatrix> Jumps { get; }

    /// <summary>H_eff = H − (i/2) Σ_k L_k† L_k.</summary>
    public SparseMatrix EffectiveHamiltonian { get; }

    /// <summary>True when the state is evolved in the interaction picture of H0 = diag(H).</summary>
    public bool UsesInteractionPicture { get; }

    /// <summary>E0_r = H_rr, the energies defining the frame (all zero when the frame is off).</summary>
    public ReadOnlySpan<double> FrameEnergies => _frameEnergies;

    /// <summary>True when <see cref="OpenSystemModel.ConservesExcitations"/> holds for the model.</summary>
    public bool ConservesExcitations => Model.ConservesExcitations;

    /// <summary>−i(H_eff − H0), the coherent part of the generator in the working frame (before phases).</summary>
    internal SparseMatrix CoherentGenerator { get; }

    /// <summary>
    /// Builds H, the jumps and H_eff on <paramref name="space"/>. <paramref name="interactionPicture"/> (default on)
    /// evolves in the interaction picture of diag(H); results are identical up to the integrator tolerance.
    /// </summary>
    public static LindbladProblem Build(OpenSystemModel model, FockSpace space, bool interactionPicture = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(space);
        if (model.Modes != space.Modes)
            throw new ArgumentException($"the model has {model.Modes} modes but the Fock space has {space.Modes}", nameof(space));

        var hamiltonian = FockOperators.Build(space, model.Hamiltonian);
        CheckHermitian(hamiltonian);
        var jumps = model.Jumps.Select(j => FockOperators.Build(space, j.Operator)).ToImmutableArray();

        var decay = SparseMatrix.Zero(space.Dimension);
        foreach (var jump in jumps) decay += jump.Adjoint() * jump;
        var effective = hamiltonian.Add(decay, new Complex(0, -0.5));

        var energies = new double[space.Dimension];
        if (interactionPicture)
            for (int r = 0; r < energies.Length; r++) energies[r] = hamiltonian[r, r].Real;
        return new LindbladProblem(model, space, hamiltonian, jumps, effective, energies, interactionPicture);
    }

    /// <summary>A right-hand-side evaluator with its own buffers (one per thread / evolution).</summary>
    public LindbladRightHandSide CreateRightHandSide() => new(this);

    /// <summary>
    /// Converts a working-frame matrix at time <paramref name="t"/> to the lab frame (allocates the phases; the
    /// evolution uses its own buffers instead). Identity when the frame is off.
    /// </summary>
    public void ToLabFrame(double t, ReadOnlySpan<Complex> working, Span<Complex> lab)
    {
        if (!UsesInteractionPicture)
        {
            working.CopyTo(lab);
            return;
        }
        var phases = new Complex[Dimension];
        InteractionFrame.ComputePhases(_frameEnergies, t, phases);
        InteractionFrame.ToLabFrame(phases, working, lab);
    }

    /// <summary>Converts a lab-frame matrix at time <paramref name="t"/> to the working frame (see <see cref="ToLabFrame"/>).</summary>
    public void ToWorkingFrame(double t, ReadOnlySpan<Complex> lab, Span<Complex> working)
    {
        if (!UsesInteractionPicture)
        {
            lab.CopyTo(working);
            return;
        }
        var phases = new Complex[Dimension];
        InteractionFrame.ComputePhases(_frameEnergies, t, phases);
        InteractionFrame.ToInteractionFrame(phases, lab, working);
    }

    private static void CheckHermitian(SparseMatrix hamiltonian)
    {
        var difference = hamiltonian - hamiltonian.Adjoint();
        double scale = 0, worst = 0;
        foreach (var v in hamiltonian.Values) scale = Math.Max(scale, Complex.Abs(v));
        foreach (var v in difference.Values) worst = Math.Max(worst, Complex.Abs(v));
        if (worst > 1e-12 * Math.Max(scale, 1))
            throw new ArgumentException($"the truncated Hamiltonian is not Hermitian (largest |H − H†| entry {worst:G3}); add the Hermitian conjugate terms", nameof(hamiltonian));
    }
}
