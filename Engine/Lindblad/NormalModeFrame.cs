using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// The normal-mode frame of a passive <see cref="LindbladProblem"/> (H = Σ_ij h_ij a_i† a_j, linear jumps) on a
/// total-excitation truncation: its twin problem in the normal modes b_k of h (<see cref="NormalModeModel"/>) and the
/// Fock-space transform T between the two bases (<see cref="PassiveModeTransform"/>). The truncated space is invariant
/// under the passive unitary, so the twin's truncated Lindblad equation is exactly the original one, ρ_b = T† ρ T; and its
/// Hamiltonian Σ_k λ_k b_k† b_k is Fock diagonal, so the interaction picture of diag(H) removes all of it. Owns the
/// transform's workspace (one evolution at a time).
/// </summary>
internal sealed class NormalModeFrame
{
    private readonly PassiveModeTransform _transform;
    private readonly Complex[] _workspace;

    private NormalModeFrame(LindbladProblem problem, PassiveModeTransform transform)
    {
        Problem = problem;
        _transform = transform;
        _workspace = new Complex[transform.WorkspaceLength];
    }

    /// <summary>The problem in normal modes (same space, same interaction-picture setting).</summary>
    public LindbladProblem Problem { get; }

    /// <summary>
    /// The frame of <paramref name="local"/>, or null when it is not exact or not applicable: a per-mode truncation (not
    /// invariant under the passive unitary), a Hamiltonian term other than a_i† a_j (or a constant), a nonlinear jump.
    /// </summary>
    public static NormalModeFrame? TryCreate(LindbladProblem local)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (!local.Space.IsTotalExcitationTruncated || NormalModeModel.TryCreate(local.Model) is not { } normal) return null;
        var problem = LindbladProblem.Build(normal.Model, local.Space, local.UsesInteractionPicture);
        return new NormalModeFrame(problem, PassiveModeTransform.Build(local.Space, normal.Modes));
    }

    /// <summary>Null when the frame applies to <paramref name="model"/> on <paramref name="truncation"/>, else why it does not.</summary>
    public static string? Inapplicable(OpenSystemModel model, Truncation truncation) =>
        truncation is not TotalExcitationTruncation ? "a perMode truncation is not invariant under the normal-mode transform; totalExcitations is"
        : NormalModeModel.TryCreate(model) is null ? "H is not Σ h_ij a_i† a_j or a jump is not linear"
        : null;

    /// <summary>normal ← T† ρ T for a whole row-major D×D matrix.</summary>
    public void ToNormalModes(ReadOnlySpan<Complex> local, Span<Complex> normal) => _transform.ToNormalModes(local, normal, _workspace);

    /// <summary>local ← T X T† for a whole row-major D×D matrix.</summary>
    public void ToLocalModes(ReadOnlySpan<Complex> normal, Span<Complex> local) => _transform.ToLocalModes(normal, local, _workspace);

    /// <summary>
    /// The stored blocks of <paramref name="layout"/> in local modes: X_local = T_N X T_{N'}† block by block (T is block
    /// diagonal by sector, so the coherence orders, and the storage, are the same in both bases). Order-0 blocks are
    /// made exactly Hermitian again (upper triangle mirrored, real diagonal), as the local-mode evolution keeps them.
    /// </summary>
    public void ToLocalModes(CoherenceSectorLayout layout, ReadOnlySpan<Complex> normal, Span<Complex> local)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (normal.Length != layout.Length || local.Length != layout.Length)
            throw new ArgumentException($"expected {layout.Length} stored entries, got {normal.Length} and {local.Length}", nameof(normal));
        foreach (var block in layout.Blocks)
        {
            int size = block.Rows * block.Columns;
            var target = local.Slice(block.Offset, size);
            _transform.ToLocalModes(block.RowSector, block.ColumnSector, normal.Slice(block.Offset, size), target, _workspace);
            if (block.RowSector == block.ColumnSector) MirrorUpperTriangle(target, block.Rows);
        }
    }

    /// <summary>X_ji ← conj(X_ij) for i &lt; j and X_ii ← Re X_ii (square row-major block of size n).</summary>
    private static void MirrorUpperTriangle(Span<Complex> block, int n)
    {
        for (int i = 0; i < n; i++)
        {
            block[(i * n) + i] = block[(i * n) + i].Real;
            for (int j = i + 1; j < n; j++) block[(j * n) + i] = Complex.Conjugate(block[(i * n) + j]);
        }
    }
}
