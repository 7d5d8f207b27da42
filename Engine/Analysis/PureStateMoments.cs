using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// Ladder moments of a pure state ψ (normalised on the fly: moments of ψ/‖ψ‖) without allocating:
/// with φ_j = a_j ψ and χ_i = a_i† ψ,
/// ⟨a_j⟩ = ⟨ψ|φ_j⟩, ⟨a_i† a_j⟩ = ⟨φ_i|φ_j⟩, ⟨a_i a_j⟩ = ⟨χ_i|φ_j⟩, each divided by ⟨ψ|ψ⟩.
/// Because the truncated a_i† is the adjoint of the truncated a_i (<see cref="FockOperators"/>), these equal
/// the expectations of the truncated operator products. Build once per space; <see cref="Compute"/> is
/// thread-safe (all state lives in the caller's buffers).
/// </summary>
public sealed class PureStateMoments
{
    private readonly SparseMatrix[] _annihilation;
    private readonly SparseMatrix[] _creation;

    public PureStateMoments(FockSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        Space = space;
        _annihilation = [.. Enumerable.Range(0, space.Modes).Select(i => FockOperators.Annihilation(space, i))];
        _creation = [.. Enumerable.Range(0, space.Modes).Select(i => FockOperators.Creation(space, i))];
    }

    public FockSpace Space { get; }

    /// <summary>Length of the work buffer <see cref="Compute"/> needs: 2 d D.</summary>
    public int WorkLength => 2 * Space.Modes * Space.Dimension;

    /// <summary>
    /// mean[i] ← ⟨a_i⟩, adaggerA[i·d + j] ← ⟨a_i† a_j⟩, aa[i·d + j] ← ⟨a_i a_j⟩ for ψ/‖ψ‖.
    /// </summary>
    public void Compute(ReadOnlySpan<Complex> psi, Span<Complex> mean, Span<Complex> adaggerA, Span<Complex> aa, Span<Complex> work)
    {
        int d = Space.Modes, n = Space.Dimension;
        ComplexSpan.CheckSameLength(n, psi.Length, nameof(psi));
        ComplexSpan.CheckSameLength(d, mean.Length, nameof(mean));
        ComplexSpan.CheckSameLength(d * d, adaggerA.Length, nameof(adaggerA));
        ComplexSpan.CheckSameLength(d * d, aa.Length, nameof(aa));
        ComplexSpan.CheckSameLength(WorkLength, work.Length, nameof(work));
        double normSquared = ComplexSpan.NormSquared(psi);
        if (!(normSquared > 0)) throw new ArgumentException("ψ has zero norm", nameof(psi));
        double inverse = 1 / normSquared;

        for (int i = 0; i < d; i++)
        {
            SparseKernels.Multiply(_annihilation[i], psi, work.Slice(i * n, n));          // φ_i
            SparseKernels.Multiply(_creation[i], psi, work.Slice((d + i) * n, n));        // χ_i
        }
        for (int i = 0; i < d; i++)
        {
            var phiI = work.Slice(i * n, n);
            var chiI = work.Slice((d + i) * n, n);
            mean[i] = ComplexSpan.Dot(psi, phiI) * inverse;
            for (int j = 0; j < d; j++)
            {
                var phiJ = work.Slice(j * n, n);
                adaggerA[(i * d) + j] = ComplexSpan.Dot(phiI, phiJ) * inverse;
                aa[(i * d) + j] = ComplexSpan.Dot(chiI, phiJ) * inverse;
            }
        }
    }
}
