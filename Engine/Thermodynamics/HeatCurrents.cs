using System.Numerics;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Thermodynamics;

/// <summary>
/// Per-bath heat and particle currents in closed form from the second moments (exact for any state, since the
/// dissipator is quadratic and its action on a_k† a_l involves only ⟨a† a⟩).
/// <para>
/// Derivation. The Heisenberg-picture (adjoint) dissipator of bath n is
/// 𝒟_n†(O) = Σ_ij (E_n)_ij (a_i† O a_j − ½{a_i† a_j, O}) + Σ_ij (A_n)_ij (a_j O a_i† − ½{a_j a_i†, O}).
/// For O = a_k† a_l, with [a_k† a_l, a_j] = −δ_kj a_l and [a_i†, a_k† a_l] = −δ_il a_k†, the emission part is
/// ½ a_i†[O, a_j] + ½[a_i†, O] a_j = −½ δ_kj a_i† a_l − ½ δ_il a_k† a_j, and the absorption part is
/// ½ a_j[O, a_i†] + ½[a_j, O] a_i† = ½ δ_li a_j a_k† + ½ δ_jk a_l a_i†; normal ordering (a_j a_k† = a_k† a_j + δ_jk) gives,
/// with N_ij = ⟨a_j† a_i⟩ (SPEC §1),
/// dN/dt|_n = A_n − ½{E_n − A_n, N}.
/// Contracting with a Hermitian G (⟨Σ G_kl a_k† a_l⟩ = Tr[G N]) gives the energy current
/// J_n[G] = Tr[G A_n] − ½ Tr[G (E_n − A_n) N + G N (E_n − A_n)] = Tr[G A_n] − Re Tr[G (E_n − A_n) N],
/// so J_n = J_n[H] and I_n = J_n[1] = Tr[A_n] − Tr[(E_n − A_n) N]. The mean ⟨a⟩ does not enter: N is not centred.
/// </para>
/// </summary>
public static class HeatCurrents
{
    /// <summary>
    /// J_n[G] = Tr[G A_n] − Re Tr[G (E_n − A_n) N], N = ⟨a_j† a_i⟩ = <paramref name="adaggerA"/>ᵀ: the rate at which bath n
    /// changes ⟨Σ_kl G_kl a_k† a_l⟩.
    /// </summary>
    /// <param name="energyMatrix">G (d×d Hermitian).</param>
    /// <param name="emission">E_n.</param>
    /// <param name="absorption">A_n.</param>
    /// <param name="adaggerA">⟨a_i† a_j⟩ (the SPEC's summary field adaggerA).</param>
    public static double EnergyCurrent(Complex[,] energyMatrix, Complex[,] emission, Complex[,] absorption, Matrix<Complex> adaggerA) =>
        Terms(energyMatrix, emission, absorption, adaggerA).Current;

    /// <summary>I_n = Tr[A_n] − Tr[(E_n − A_n) N]: the rate at which bath n changes ⟨N̂⟩ = Σ_i ⟨a_i† a_i⟩.</summary>
    public static double ParticleCurrent(Complex[,] emission, Complex[,] absorption, Matrix<Complex> adaggerA) =>
        EnergyCurrent(Identity(emission.GetLength(0)), emission, absorption, adaggerA);

    /// <summary>
    /// The currents of every bath for the state with second moments <paramref name="moments"/>: J_n with G = H
    /// (<paramref name="systemMatrix"/>, H_S = Σ H_ij a_i† a_j), I_n with G = 1, J_n^G with G = the bath's Gibbs matrix.
    /// </summary>
    /// <exception cref="ArgumentException">A matrix does not match the number of modes of <paramref name="moments"/>.</exception>
    public static IReadOnlyList<BathCurrents> ForBaths(IReadOnlyList<BathDissipator> baths, Complex[,] systemMatrix, LadderMoments moments)
    {
        ArgumentNullException.ThrowIfNull(baths);
        ArgumentNullException.ThrowIfNull(systemMatrix);
        ArgumentNullException.ThrowIfNull(moments);
        int d = moments.Modes;
        CheckSquare(systemMatrix, d, nameof(systemMatrix));
        var identity = Identity(d);
        var result = new List<BathCurrents>(baths.Count);
        foreach (var bath in baths)
        {
            CheckSquare(bath.EmissionMatrix, d, nameof(baths));
            CheckSquare(bath.AbsorptionMatrix, d, nameof(baths));
            CheckSquare(bath.GibbsMatrix, d, nameof(baths));
            var heat = Terms(systemMatrix, bath.EmissionMatrix, bath.AbsorptionMatrix, moments.AdaggerA);
            var particles = Terms(identity, bath.EmissionMatrix, bath.AbsorptionMatrix, moments.AdaggerA);
            var gibbs = Terms(bath.GibbsMatrix, bath.EmissionMatrix, bath.AbsorptionMatrix, moments.AdaggerA);
            result.Add(new BathCurrents(bath, heat.Current, particles.Current, gibbs.Current, Math.Max(heat.Scale, gibbs.Scale)));
        }
        return result;
    }

    /// <summary>
    /// J[G] and its scale |Tr[G A]| + Σ_ijk |G_ij (E − A)_jk| (1 + |N_ki|): a bound on the gross flows in which the 1
    /// stands for the absolute error of moments measured against the vacuum's ½ (so the scale is not 0 at T = 0).
    /// </summary>
    private static (double Current, double Scale) Terms(Complex[,] g, Complex[,] emission, Complex[,] absorption, Matrix<Complex> adaggerA)
    {
        int d = g.GetLength(0);
        if (adaggerA.RowCount != d || adaggerA.ColumnCount != d)
            throw new ArgumentException($"⟨a† a⟩ is {adaggerA.RowCount}×{adaggerA.ColumnCount} but the matrices are {d}×{d}", nameof(adaggerA));
        double gain = 0;                    // Tr[G A] = Σ_ij G_ij A_ji
        Complex loss = Complex.Zero;        // Tr[G D N] = Σ_ijk G_ij D_jk N_ki, D = E − A, N_ki = ⟨a_i† a_k⟩
        double lossBound = 0;               // Σ_ijk |G_ij D_jk| (1 + |N_ki|)
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                gain += (g[i, j] * absorption[j, i]).Real;
                Complex gij = g[i, j];
                if (gij == Complex.Zero) continue;
                for (int k = 0; k < d; k++)
                {
                    Complex gd = gij * (emission[j, k] - absorption[j, k]);
                    loss += gd * adaggerA[i, k];
                    lossBound += gd.Magnitude * (1 + adaggerA[i, k].Magnitude);
                }
            }
        }
        return (gain - loss.Real, Math.Abs(gain) + lossBound);
    }

    private static Complex[,] Identity(int d)
    {
        var one = new Complex[d, d];
        for (int i = 0; i < d; i++) one[i, i] = Complex.One;
        return one;
    }

    private static void CheckSquare(Complex[,] m, int d, string argument)
    {
        if (m.GetLength(0) != d || m.GetLength(1) != d)
            throw new ArgumentException($"expected a {d}×{d} matrix, got {m.GetLength(0)}×{m.GetLength(1)}", argument);
    }
}
