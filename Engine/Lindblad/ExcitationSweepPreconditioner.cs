using System.Numerics;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// Symmetric block Gauss–Seidel (SSOR) approximation of ℒ⁻¹ over the blocks of a <see cref="BlockLiouvillian"/> (the
/// excitation-number blocks ρ_{N,N}, in ascending N): with ℒ = 𝒟 + 𝒥₊ + 𝒥₋, 𝒟 = 𝒮 − s the block-diagonal no-jump
/// part (solved exactly by <see cref="NoJumpPreconditioner"/>), 𝒥₊ the jumps into a block from blocks before it
/// (gain, N − 1 → N) and 𝒥₋ those from blocks after it (loss, N + 1 → N), and a relaxation factor ω ∈ (0, 2), it
/// applies M⁻¹ = (𝒟 + ω𝒥₋)⁻¹ 𝒟 (𝒟 + ω𝒥₊)⁻¹ (SSOR up to a scalar, which GMRES ignores): a forward sweep
/// Y_N = 𝒟_N⁻¹(B_N − ω Σ 𝒥₊ Y), then a backward sweep X_N = Y_N − ω 𝒟_N⁻¹ Σ 𝒥₋ X. One application carries a jump
/// chain through every block in both directions, where the plain no-jump solve moves it by one block per GMRES
/// iteration; it costs two block solves (the backward one is skipped on blocks nothing jumps down into). Jumps within one block are left to GMRES. With a single block it is the
/// no-jump solve. Hermitian in, Hermitian out; allocation-free after construction; not thread-safe.
/// </summary>
internal sealed class ExcitationSweepPreconditioner
{
    private readonly BlockLiouvillian _liouvillian;
    private readonly NoJumpPreconditioner _noJump;
    private readonly Complex[] _rhs;
    private readonly Complex[] _correction;
    private readonly double _relaxation;

    public ExcitationSweepPreconditioner(BlockLiouvillian liouvillian, NoJumpPreconditioner noJump, double relaxation = 1)
    {
        if (!(relaxation > 0 && relaxation < 2)) throw new ArgumentException($"the relaxation factor must lie in (0, 2), got {relaxation}", nameof(relaxation));
        _relaxation = relaxation;
        _liouvillian = liouvillian;
        _noJump = noJump;
        int largest = liouvillian.Blocks.Max(b => b.Length);
        _rhs = new Complex[largest * largest];
        _correction = new Complex[largest * largest];
    }

    /// <summary>
    /// result ← M X = (𝒟 + ω𝒥₊) 𝒟⁻¹ (𝒟 + ω𝒥₋) X, the operator the sweeps invert (one block solve per block; used once
    /// per solve, so it allocates its intermediate).
    /// </summary>
    public void ApplyOperator(ReadOnlySpan<Complex> x, Span<Complex> result)
    {
        var offsets = _liouvillian.Offsets;
        int blocks = _liouvillian.Blocks.Length;
        var solved = new Complex[_liouvillian.Length];
        for (int k = 0; k < blocks; k++)
        {
            int size = offsets[k + 1] - offsets[k];
            var w = _rhs.AsSpan(0, size);
            _noJump.ApplyBlockOperator(k, x.Slice(offsets[k], size), w);
            AddRelaxedJumps(k, fromAbove: true, x, w);
            _noJump.SolveBlock(k, w, solved.AsSpan(offsets[k], size));
        }
        for (int k = 0; k < blocks; k++)
        {
            int size = offsets[k + 1] - offsets[k];
            var yk = result.Slice(offsets[k], size);
            _noJump.ApplyBlockOperator(k, solved.AsSpan(offsets[k], size), yk);
            AddRelaxedJumps(k, fromAbove: false, solved, yk);
        }
    }

    /// <summary>y_k += ω Σ 𝒥 X over the jumps into block k from above or below.</summary>
    private void AddRelaxedJumps(int k, bool fromAbove, ReadOnlySpan<Complex> x, Span<Complex> yk)
    {
        var jumps = _correction.AsSpan(0, yk.Length);
        jumps.Clear();
        _liouvillian.AddJumpsInto(k, fromAbove, x, jumps);
        for (int i = 0; i < yk.Length; i++) yk[i] += _relaxation * jumps[i];
    }

    /// <summary>x ← M⁻¹ b (Hermitian b).</summary>
    public void Apply(ReadOnlySpan<Complex> b, Span<Complex> x)
    {
        var offsets = _liouvillian.Offsets;
        int blocks = _liouvillian.Blocks.Length;
        if (b.Length != _liouvillian.Length || x.Length != _liouvillian.Length)
            throw new ArgumentException($"expected {_liouvillian.Length} unknowns", nameof(b));
        for (int k = 0; k < blocks; k++)
        {
            int size = offsets[k + 1] - offsets[k];
            var bk = b.Slice(offsets[k], size);
            var xk = x.Slice(offsets[k], size);
            if (!_liouvillian.HasJumpsInto(k, fromAbove: false))
            {
                _noJump.SolveBlock(k, bk, xk);
                continue;
            }
            var rhs = _rhs.AsSpan(0, size);
            rhs.Clear();
            _liouvillian.AddJumpsInto(k, fromAbove: false, x, rhs);
            for (int i = 0; i < size; i++) rhs[i] = bk[i] - (_relaxation * rhs[i]);
            _noJump.SolveBlock(k, rhs, xk);
        }
        for (int k = blocks - 1; k >= 0; k--)
        {
            if (!_liouvillian.HasJumpsInto(k, fromAbove: true)) continue;
            int size = offsets[k + 1] - offsets[k];
            var rhs = _rhs.AsSpan(0, size);
            rhs.Clear();
            _liouvillian.AddJumpsInto(k, fromAbove: true, x, rhs);
            var correction = _correction.AsSpan(0, size);
            _noJump.SolveBlock(k, rhs, correction);
            var xk = x.Slice(offsets[k], size);
            for (int i = 0; i < size; i++) xk[i] -= _relaxation * correction[i];
        }
    }
}
