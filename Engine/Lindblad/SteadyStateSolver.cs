using System.Diagnostics;
using System.Numerics;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// The steady state of the truncated Lindblad equation (ħ = 1): ℒρ = −i(H_eff ρ − ρ H_eff†) + Σ_k L_k ρ L_k† = 0 with
/// Tr ρ = 1. When the model conserves excitations (weak U(1) symmetry) the steady state has coherence order
/// k = N − N' = 0 only, so the unknowns are the diagonal blocks ρ_{N,N} (Σ_N size_N² instead of D²); otherwise the
/// whole ρ. The singular system is made regular by the rank-one trace term, 𝒜ρ = ℒρ + x Tr ρ = x with x = M X₀
/// (X₀ = identity / its size, M the preconditioner's approximation of ℒ, so that M⁻¹x = X₀): then Tr ρ = 1 and ℒρ = 0.
/// It is solved by
/// restarted GMRES over Hermitian matrices (ℒ preserves Hermiticity, so the Krylov coefficients are real),
/// right-preconditioned with over-relaxed symmetric block Gauss–Seidel sweeps over the excitation blocks whose block solves are the
/// exact no-jump (Sylvester) solves (see <see cref="ExcitationSweepPreconditioner"/> and
/// <see cref="NoJumpPreconditioner"/>), or with the no-jump solve alone.
/// </summary>
public static class SteadyStateSolver
{
    /// <summary>Solves for the steady state of <paramref name="problem"/> (the frame option of the problem is irrelevant).</summary>
    /// <exception cref="NumericalFailureException">GMRES did not reach the tolerance within the iteration budget.</exception>
    public static SteadyStateResult Solve(LindbladProblem problem, SteadyStateOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new SteadyStateOptions();
        if (!(options.Tolerance > 0)) throw new ArgumentException($"the tolerance must be positive, got {options.Tolerance}", nameof(options));
        if (options.MaxIterations < 1) throw new ArgumentException($"MaxIterations must be ≥ 1, got {options.MaxIterations}", nameof(options));
        if (options.Restart < 1) throw new ArgumentException($"Restart must be ≥ 1, got {options.Restart}", nameof(options));
        if (!(options.SweepRelaxation > 0 && options.SweepRelaxation < 2))
            throw new ArgumentException($"SweepRelaxation must lie in (0, 2), got {options.SweepRelaxation}", nameof(options));
        var stopwatch = Stopwatch.StartNew();

        bool structured = options.UseExcitationStructure && problem.ConservesExcitations;
        var liouvillian = structured ? BlockLiouvillian.ExcitationSectors(problem) : BlockLiouvillian.Full(problem);
        bool jacobi = options.Preconditioner == SteadyStatePreconditioner.Jacobi ||
            (options.Preconditioner == SteadyStatePreconditioner.Auto && liouvillian.Blocks.Max(b => b.Length) > options.MaxDenseBlock);
        var noJump = new NoJumpPreconditioner(liouvillian, jacobi, options.Preconditioner == SteadyStatePreconditioner.Sylvester ? int.MaxValue : options.MaxDenseBlock);
        var sweeps = options.BlockSweeps && liouvillian.Blocks.Length > 1 ? new ExcitationSweepPreconditioner(liouvillian, noJump, options.SweepRelaxation) : null;

        int n = liouvillian.Length;
        var rhoBlocks = IdentityOverBlocks(liouvillian);            // X₀, Tr X₀ = 1 (the initial guess)
        var anchor = new Complex[n];
        if (sweeps is not null) sweeps.ApplyOperator(rhoBlocks, anchor);    // x = M X₀, so that M⁻¹x = X₀
        else noJump.ApplyOperator(rhoBlocks, anchor);
        var coarse = options.PopulationCorrection && !jacobi ? PopulationCoarseCorrection.TryCreate(liouvillian, noJump, anchor) : null;

        // GMRES runs on packed Hermitian blocks (real vectors); the maps unpack, act on complex blocks, and pack.
        var input = new Complex[n];
        var output = new Complex[n];
        var coarseResidual = coarse is null ? null : new Complex[n];

        void Augmented(ReadOnlySpan<Complex> rho, Span<Complex> result)
        {
            liouvillian.Apply(rho, result);
            ComplexSpan.Axpy(liouvillian.Trace(rho), anchor, result);
        }

        void PackedAugmented(ReadOnlySpan<double> x, Span<double> y)
        {
            HermitianBlockPacking.Unpack(liouvillian, x, input);
            Augmented(input, output);
            HermitianBlockPacking.Pack(liouvillian, output, y);
        }

        void PackedPrecondition(ReadOnlySpan<double> r, Span<double> z)
        {
            HermitianBlockPacking.Unpack(liouvillian, r, input);
            if (sweeps is not null) sweeps.Apply(input, output);
            else noJump.Apply(input, output);
            if (coarse is not null)
            {
                Augmented(output, coarseResidual);
                for (int i = 0; i < n; i++) coarseResidual![i] = input[i] - coarseResidual[i];
                coarse.AddCorrection(coarseResidual, output);
            }
            HermitianBlockPacking.Pack(liouvillian, output, z);
        }

        var packedAnchor = new double[n];
        var packedRho = new double[n];
        HermitianBlockPacking.Pack(liouvillian, anchor, packedAnchor);
        HermitianBlockPacking.Pack(liouvillian, rhoBlocks, packedRho);
        int iterations;
        double relative;
        using (var gmres = new RestartedGmres(n, Math.Min(options.Restart, Math.Max(n, 1))))
            (iterations, relative) = gmres.Solve(PackedAugmented, PackedPrecondition, packedAnchor, packedRho,
                options.Tolerance, options.MaxIterations, cancellationToken);
        HermitianBlockPacking.Unpack(liouvillian, packedRho, rhoBlocks);
        if (!(relative <= options.Tolerance))
            throw new NumericalFailureException(
                $"the steady-state solver (GMRES, {(jacobi ? "Jacobi" : "no-jump")} block solves{(sweeps is null ? "" : " in Gauss–Seidel sweeps")}, {n} unknowns) did not converge in " +
                $"{iterations} iterations (relative residual {relative:G3} > tolerance {options.Tolerance:G3}); raise the steady-state " +
                $"MaxIterations (now {options.MaxIterations}) or Restart (now {options.Restart}), loosen Tolerance, or run method " +
                "\"lindblad\" with tEnd \"steady\"");

        // Diagnostics of the raw solution, then the Hermitian unit-trace ρ and its residual (all on the blocks; the
        // entries outside them are zero).
        Complex trace = liouvillian.Trace(rhoBlocks);
        double hermiticityError = HermiticityError(liouvillian, rhoBlocks);
        MakeHermitianUnitTrace(liouvillian, rhoBlocks, trace);
        liouvillian.Apply(rhoBlocks, output);
        double residual = Math.Sqrt(ComplexSpan.NormSquared(output));
        var rho = new Complex[problem.Dimension * problem.Dimension];
        liouvillian.ToDensityMatrix(rhoBlocks, rho);

        return new SteadyStateResult(rho, residual, Complex.Abs(trace - 1), hermiticityError, iterations, structured, n,
            jacobi ? SteadyStatePreconditioner.Jacobi : SteadyStatePreconditioner.Sylvester, coarse is not null, stopwatch.Elapsed.TotalSeconds)
        {
            UsedBlockSweeps = sweeps is not null,
        };
    }

    private static Complex[] IdentityOverBlocks(BlockLiouvillian liouvillian)
    {
        var x = new Complex[liouvillian.Length];
        for (int b = 0; b < liouvillian.Blocks.Length; b++)
        {
            int size = liouvillian.Blocks[b].Length;
            for (int i = 0; i < size; i++) x[liouvillian.Offsets[b] + (i * size) + i] = 1.0 / liouvillian.Dimension;
        }
        return x;
    }

    /// <summary>‖X − X†‖_F over the blocks.</summary>
    private static double HermiticityError(BlockLiouvillian liouvillian, ReadOnlySpan<Complex> x)
    {
        double sum = 0;
        for (int b = 0; b < liouvillian.Blocks.Length; b++)
        {
            int size = liouvillian.Blocks[b].Length;
            var block = x.Slice(liouvillian.Offsets[b], size * size);
            for (int r = 0; r < size; r++)
                for (int c = 0; c < size; c++)
                {
                    Complex diff = block[(r * size) + c] - Complex.Conjugate(block[(c * size) + r]);
                    sum += (diff.Real * diff.Real) + (diff.Imaginary * diff.Imaginary);
                }
        }
        return Math.Sqrt(sum);
    }

    /// <summary>X ← (X + X†) / (2 Re Tr X) block by block.</summary>
    private static void MakeHermitianUnitTrace(BlockLiouvillian liouvillian, Span<Complex> x, Complex trace)
    {
        double scale = 1 / trace.Real;
        for (int b = 0; b < liouvillian.Blocks.Length; b++)
        {
            int size = liouvillian.Blocks[b].Length;
            var block = x.Slice(liouvillian.Offsets[b], size * size);
            for (int r = 0; r < size; r++)
            {
                block[(r * size) + r] = block[(r * size) + r].Real * scale;
                for (int c = r + 1; c < size; c++)
                {
                    Complex mean = 0.5 * scale * (block[(r * size) + c] + Complex.Conjugate(block[(c * size) + r]));
                    block[(r * size) + c] = mean;
                    block[(c * size) + r] = Complex.Conjugate(mean);
                }
            }
        }
    }
}

/// <summary>A steady state and how well it satisfies ℒρ = 0.</summary>
/// <param name="DensityMatrix">Hermitian, unit-trace ρ (row-major D×D, lab frame).</param>
/// <param name="ResidualNorm">‖ℒρ‖_F of the returned ρ.</param>
/// <param name="TraceError">|Tr ρ − 1| of the solver's raw solution (before renormalising).</param>
/// <param name="HermiticityError">‖ρ − ρ†‖_F of the raw solution (before symmetrising; zero by construction, since GMRES
/// runs on Hermitian matrices, but still measured).</param>
/// <param name="Iterations">GMRES iterations (each one ℒ product and one preconditioner solve).</param>
/// <param name="UsedExcitationStructure">True when only the coherence-order-zero blocks were unknowns.</param>
/// <param name="Unknowns">Number of complex unknowns.</param>
/// <param name="Preconditioner">The preconditioner used (Sylvester or Jacobi).</param>
/// <param name="UsedPopulationCorrection">True when the coarse population correction was active.</param>
/// <param name="WallSeconds">Time spent in the solver.</param>
public sealed record SteadyStateResult(
    Complex[] DensityMatrix,
    double ResidualNorm,
    double TraceError,
    double HermiticityError,
    int Iterations,
    bool UsedExcitationStructure,
    int Unknowns,
    SteadyStatePreconditioner Preconditioner,
    bool UsedPopulationCorrection,
    double WallSeconds)
{
    /// <summary>True when the GMRES preconditioner was the symmetric block Gauss–Seidel sweep over the excitation blocks.</summary>
    public bool UsedBlockSweeps { get; init; }
}
