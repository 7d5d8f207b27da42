using System.Numerics;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// The interaction picture with respect to the Fock-diagonal part H0 = diag(E0) of the Hamiltonian:
/// ρ_I(t) = e^{iH0 t} ρ(t) e^{−iH0 t}, i.e. ρ_I(r, c) = e^{i(E0_r − E0_c)t} ρ(r, c), and every operator entry
/// X(r, c) becomes X(r, c) e^{i(E0_r − E0_c)t}. The transformation is exact (unitary); it only removes the
/// fast rotations of the coherences from what the integrator has to follow.
/// </summary>
public static class InteractionFrame
{
    /// <summary>phases[r] = e^{i E0_r t}.</summary>
    public static void ComputePhases(ReadOnlySpan<double> energies, double t, Span<Complex> phases)
    {
        if (phases.Length != energies.Length)
            throw new ArgumentException($"need {energies.Length} phases, got {phases.Length}", nameof(phases));
        for (int r = 0; r < energies.Length; r++)
        {
            var (sin, cos) = Math.SinCos(energies[r] * t);
            phases[r] = new Complex(cos, sin);
        }
    }

    /// <summary>
    /// lab(r, c) = conj(φ_r) φ_c ρ_I(r, c) (interaction picture → lab frame) for a row-major D×D matrix,
    /// with φ from <see cref="ComputePhases"/> at the same time. <paramref name="source"/> and
    /// <paramref name="destination"/> may be the same span.
    /// </summary>
    public static void ToLabFrame(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> source, Span<Complex> destination) =>
        Rotate(phases, source, destination, toLab: true);

    /// <summary>ρ_I(r, c) = φ_r conj(φ_c) ρ(r, c) (lab frame → interaction picture).</summary>
    public static void ToInteractionFrame(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> source, Span<Complex> destination) =>
        Rotate(phases, source, destination, toLab: false);

    /// <summary>
    /// The same rotation to the lab frame on the stored blocks of a <see cref="CoherenceSectorLayout"/>, in place:
    /// entry (r, c) of every stored block is multiplied by conj(φ_r) φ_c.
    /// </summary>
    internal static void ToLabFrame(ReadOnlySpan<Complex> phases, CoherenceSectorLayout layout, Span<Complex> packed)
    {
        if (phases.Length != layout.Dimension) throw new ArgumentException($"need {layout.Dimension} phases, got {phases.Length}", nameof(phases));
        if (packed.Length != layout.Length) throw new ArgumentException($"expected {layout.Length} stored entries, got {packed.Length}", nameof(packed));
        foreach (var block in layout.Blocks)
        {
            int[] rows = layout.States[block.RowSector], columns = layout.States[block.ColumnSector];
            for (int i = 0; i < rows.Length; i++)
            {
                Complex left = Complex.Conjugate(phases[rows[i]]);
                var row = packed.Slice(block.Offset + (i * columns.Length), columns.Length);
                for (int j = 0; j < columns.Length; j++) row[j] *= left * phases[columns[j]];
            }
        }
    }

    private static void Rotate(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> source, Span<Complex> destination, bool toLab)
    {
        int d = phases.Length;
        if (source.Length != d * d) throw new ArgumentException($"expected a {d}×{d} matrix, got {source.Length} entries", nameof(source));
        if (destination.Length != d * d) throw new ArgumentException($"expected a {d}×{d} matrix, got {destination.Length} entries", nameof(destination));
        for (int r = 0; r < d; r++)
        {
            Complex left = toLab ? Complex.Conjugate(phases[r]) : phases[r];
            int offset = r * d;
            for (int c = 0; c < d; c++)
            {
                Complex right = toLab ? phases[c] : Complex.Conjugate(phases[c]);
                destination[offset + c] = left * right * source[offset + c];
            }
        }
    }
}
