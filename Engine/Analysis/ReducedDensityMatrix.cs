using System.Numerics;
using BosonicTrajectories.Fock;

namespace BosonicTrajectories.Analysis;

/// <summary>Reduced density matrices of one mode: ρ_i = Tr_{others} ρ, in the mode's Fock basis |0⟩..|maxLevel⟩.</summary>
public static class ReducedDensityMatrix
{
    /// <summary>
    /// (ρ_i)_{mn} = Σ_r ⟨m, r|ρ|n, r⟩ over the occupations r of the other modes, for ρ on <paramref name="space"/>
    /// (row-major D×D). For a total-excitation truncation, pairs whose partner state lies outside the space contribute 0
    /// (it has no amplitude there).
    /// </summary>
    /// <exception cref="ArgumentException">ρ is not D×D or the mode is out of range.</exception>
    public static Complex[,] OfMode(FockSpace space, ReadOnlySpan<Complex> rho, int mode)
    {
        ArgumentNullException.ThrowIfNull(space);
        int dim = space.Dimension;
        if (rho.Length != dim * dim) throw new ArgumentException($"ρ has {rho.Length} entries; the space needs {dim}×{dim}", nameof(rho));
        if ((uint)mode >= (uint)space.Modes) throw new ArgumentException($"mode {mode} is outside 0..{space.Modes - 1}", nameof(mode));
        int levels = space.MaxLevel(mode) + 1;
        var reduced = new Complex[levels, levels];
        var partner = new int[space.Modes];
        for (int i = 0; i < dim; i++)
        {
            space.Occupations(i).CopyTo(partner);
            int m = partner[mode];
            for (int n = 0; n < levels; n++)
            {
                partner[mode] = n;
                int j = space.IndexOf(partner);
                if (j >= 0) reduced[m, n] += rho[(i * dim) + j];
            }
        }
        return reduced;
    }
}
