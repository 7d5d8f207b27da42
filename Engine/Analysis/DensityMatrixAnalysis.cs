using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Kernels;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// Scalar diagnostics and moments of a density matrix ρ on a <see cref="FockSpace"/>, stored row-major
/// (entry (i, j) at i·D + j, D = <see cref="FockSpace.Dimension"/>). Expectations are Tr(ρ O) with the
/// truncated operators of <see cref="FockOperators"/>; they are not divided by Tr ρ.
/// </summary>
public static class DensityMatrixAnalysis
{
    /// <summary>Tr ρ.</summary>
    public static Complex Trace(ReadOnlySpan<Complex> rho) => DenseMatrixKernels.Trace(rho);

    /// <summary>max_ij |ρ_ij − conj(ρ_ji)| (0 for a Hermitian ρ).</summary>
    public static double HermiticityError(ReadOnlySpan<Complex> rho)
    {
        int d = DenseMatrixKernels.DimensionOf(rho.Length, nameof(rho));
        double error = 0;
        for (int i = 0; i < d; i++)
            for (int j = i; j < d; j++) error = Math.Max(error, Complex.Abs(rho[(i * d) + j] - Complex.Conjugate(rho[(j * d) + i])));
        return error;
    }

    /// <summary>Purity Tr ρ² = Σ_ij ρ_ij ρ_ji (real part).</summary>
    public static double Purity(ReadOnlySpan<Complex> rho)
    {
        int d = DenseMatrixKernels.DimensionOf(rho.Length, nameof(rho));
        double purity = 0;
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) purity += (rho[(i * d) + j] * rho[(j * d) + i]).Real;
        return purity;
    }

    /// <summary>Tr(ρ A) = Σ_kl A_kl ρ_lk for a sparse A.</summary>
    public static Complex Expectation(ReadOnlySpan<Complex> rho, SparseMatrix a)
    {
        ArgumentNullException.ThrowIfNull(a);
        int d = a.Dimension;
        ComplexSpan.CheckSameLength(d * d, rho.Length, nameof(rho));
        var rows = a.RowPointers;
        var columns = a.ColumnIndices;
        var values = a.Values;
        Complex sum = Complex.Zero;
        for (int k = 0; k < d; k++)
            for (int p = rows[k]; p < rows[k + 1]; p++) sum += values[p] * rho[(columns[p] * d) + k];
        return sum;
    }

    /// <summary>⟨a_i⟩, ⟨a_i† a_j⟩, ⟨a_i a_j⟩ (SPEC §5 fields a, adaggerA, aa) of ρ.</summary>
    public static LadderMoments Moments(ReadOnlySpan<Complex> rho, FockSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        int d = space.Modes;
        var a = Enumerable.Range(0, d).Select(i => FockOperators.Annihilation(space, i)).ToArray();
        var mean = MathNet.Numerics.LinearAlgebra.Vector<Complex>.Build.Dense(d);
        var adaggerA = Matrix<Complex>.Build.Dense(d, d);
        var aa = Matrix<Complex>.Build.Dense(d, d);
        for (int i = 0; i < d; i++)
        {
            mean[i] = Expectation(rho, a[i]);
            var adjoint = a[i].Adjoint();
            for (int j = 0; j < d; j++)
            {
                adaggerA[i, j] = Expectation(rho, adjoint * a[j]);
                aa[i, j] = Expectation(rho, a[i] * a[j]);
            }
        }
        return new LadderMoments(mean, adaggerA, aa);
    }

    /// <summary>⟨x⟩ and Σ (2d×2d, order q1, p1, …, qd, pd, vacuum I/2) of ρ.</summary>
    public static QuadratureMoments Quadratures(ReadOnlySpan<Complex> rho, FockSpace space) => GaussianMoments.ToQuadratures(Moments(rho, space));

    /// <summary>
    /// Tail population of each mode: the population of the basis states from which a_i† leaves the truncated
    /// space (<see cref="FockSpace.IsTopLevel"/>): the top Fock level of mode i for per-mode truncation, and the
    /// states with Σ n = K (the same number for every mode) for total-excitation truncation.
    /// </summary>
    public static double[] TailPopulations(ReadOnlySpan<Complex> rho, FockSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        int d = space.Dimension;
        ComplexSpan.CheckSameLength(d * d, rho.Length, nameof(rho));
        var tails = new double[space.Modes];
        for (int index = 0; index < d; index++)
            for (int mode = 0; mode < space.Modes; mode++)
                if (space.IsTopLevel(index, mode)) tails[mode] += rho[(index * d) + index].Real;
        return tails;
    }
}
