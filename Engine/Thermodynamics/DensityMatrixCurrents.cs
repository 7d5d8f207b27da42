using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Thermodynamics;

/// <summary>
/// Heat and particle currents of a Fock-space density matrix, computed from ρ itself: the bath's dissipator
/// 𝒟_n(ρ) = Σ_ij (E_n)_ij (a_j ρ a_i† − ½{a_i† a_j, ρ}) + Σ_ij (A_n)_ij (a_i† ρ a_j − ½{a_j a_i†, ρ}) is applied to ρ
/// with the truncated ladder matrices of <see cref="FockOperators"/>, then J_n = Tr[H_S 𝒟_n(ρ)] and
/// I_n = Tr[N̂ 𝒟_n(ρ)]. This is independent of the moment formula of <see cref="HeatCurrents"/>; the two agree
/// exactly for states with no population on the levels from which a† leaves the truncated space, and up to that
/// tail population otherwise. ρ is row-major (entry (i, j) at i·D + j).
/// </summary>
public static class DensityMatrixCurrents
{
    /// <summary>𝒟_n(ρ) as a dense row-major D×D matrix.</summary>
    /// <exception cref="ArgumentException">ρ is not D×D, or the bath's matrices do not match the space's modes.</exception>
    public static Complex[] ApplyDissipator(FockSpace space, BathDissipator bath, ReadOnlySpan<Complex> rho)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(bath);
        int dim = space.Dimension, d = space.Modes;
        if (rho.Length != dim * dim) throw new ArgumentException($"ρ has {rho.Length} entries; the space needs {dim}×{dim}", nameof(rho));
        if (bath.EmissionMatrix.GetLength(0) != d || bath.AbsorptionMatrix.GetLength(0) != d)
            throw new ArgumentException($"the bath's matrices are not {d}×{d}", nameof(bath));

        var a = new SparseMatrix[d];
        var ad = new SparseMatrix[d];
        for (int i = 0; i < d; i++)
        {
            a[i] = FockOperators.Annihilation(space, i);
            ad[i] = FockOperators.Creation(space, i);
        }
        var result = new Complex[dim * dim];
        var work = new Complex[dim * dim];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                // emission: E_ij (a_j ρ a_i† − ½ a_i† a_j ρ − ½ ρ a_i† a_j)
                Complex e = bath.EmissionMatrix[i, j];
                if (e != Complex.Zero) AddLindbladTerm(a[j], a[i], ad[i] * a[j], e, rho, work, result);
                // absorption: A_ij (a_i† ρ a_j − ½ a_j a_i† ρ − ½ ρ a_j a_i†)
                Complex g = bath.AbsorptionMatrix[i, j];
                if (g != Complex.Zero) AddLindbladTerm(ad[i], ad[j], a[j] * ad[i], g, rho, work, result);
            }
        }
        return result;
    }

    /// <summary>(J_n, I_n) = (Tr[H_S 𝒟_n(ρ)], Tr[N̂ 𝒟_n(ρ)]) with H_S = Σ H_ij a_i† a_j.</summary>
    public static (double HeatCurrent, double ParticleCurrent) Currents(FockSpace space, BathDissipator bath, Complex[,] systemMatrix, ReadOnlySpan<Complex> rho)
    {
        ArgumentNullException.ThrowIfNull(systemMatrix);
        var dissipated = ApplyDissipator(space, bath, rho);
        var hamiltonian = FockOperators.Build(space, Polynomial.FromHoppingMatrix(systemMatrix));
        double heat = TraceOfProduct(hamiltonian, dissipated).Real;
        double particles = 0;
        for (int i = 0; i < space.Modes; i++) particles += TraceOfProduct(FockOperators.Number(space, i), dissipated).Real;
        return (heat, particles);
    }

    /// <summary>Tr[A X] = Σ_kl A_kl X_lk for a sparse A and a dense row-major X.</summary>
    private static Complex TraceOfProduct(SparseMatrix a, ReadOnlySpan<Complex> x)
    {
        int dim = a.Dimension;
        var rows = a.RowPointers;
        var columns = a.ColumnIndices;
        var values = a.Values;
        Complex sum = Complex.Zero;
        for (int k = 0; k < dim; k++)
            for (int p = rows[k]; p < rows[k + 1]; p++) sum += values[p] * x[(columns[p] * dim) + k];
        return sum;
    }

    /// <summary>result += c (L ρ M† − ½ K ρ − ½ ρ K) with K = M† L (passed in, truncated product).</summary>
    private static void AddLindbladTerm(
        SparseMatrix left, SparseMatrix right, SparseMatrix product, Complex c, ReadOnlySpan<Complex> rho, Span<Complex> work, Span<Complex> result)
    {
        SparseKernels.SandwichAdd(left, rho, right, c, work, result);
        SparseKernels.LeftMultiplyAdd(product, -0.5 * c, rho, result);
        SparseKernels.RightMultiplyAdd(rho, product, -0.5 * c, result);
    }
}
