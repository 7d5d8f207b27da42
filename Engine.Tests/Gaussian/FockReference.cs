using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Tests.Gaussian;

/// <summary>
/// Independent truncated-Fock-space evaluation of moments, for checking closed forms: one-mode kets as Complex[L],
/// two-mode kets as Complex[L, L] (entry [n0, n1]). Moments are normalised by the ket's squared norm.
/// </summary>
internal static class FockReference
{
    public static Complex[] Coherent(Complex alpha, int levels)
    {
        var psi = new Complex[levels];
        Complex amplitude = Math.Exp(-0.5 * alpha.Magnitude * alpha.Magnitude);
        for (int n = 0; n < levels; n++)
        {
            psi[n] = amplitude;
            amplitude *= alpha / Math.Sqrt(n + 1);
        }
        return psi;
    }

    /// <summary>S(ξ)|0⟩ with S(ξ) = exp(½(ξ* a² − ξ a†²)) by 64 Taylor-series sub-steps of the truncated generator.</summary>
    public static Complex[] Squeezed(double r, double angle, int levels)
    {
        Complex xi = Complex.FromPolarCoordinates(r, angle);
        const int substeps = 64;
        var psi = new Complex[levels];
        psi[0] = 1;
        for (int s = 0; s < substeps; s++)
        {
            var term = (Complex[])psi.Clone();
            var sum = (Complex[])psi.Clone();
            for (int k = 1; k <= 30; k++)
            {
                var next = new Complex[levels];
                for (int n = 0; n < levels; n++)
                {
                    Complex value = 0;
                    if (n + 2 < levels) value += 0.5 * Complex.Conjugate(xi) * Math.Sqrt((n + 1.0) * (n + 2.0)) * term[n + 2];
                    if (n >= 2) value -= 0.5 * xi * Math.Sqrt(n * (n - 1.0)) * term[n - 2];
                    next[n] = value / (substeps * (double)k);
                }
                term = next;
                for (int n = 0; n < levels; n++) sum[n] += term[n];
            }
            psi = sum;
        }
        return psi;
    }

    /// <summary>(⟨a⟩, ⟨a†a⟩, ⟨a²⟩) of a one-mode ket.</summary>
    public static (Complex Mean, double Occupation, Complex PairAmplitude) Moments(Complex[] psi)
    {
        double norm = psi.Sum(z => z.Magnitude * z.Magnitude);
        Complex mean = 0, pair = 0;
        double occupation = 0;
        for (int n = 0; n < psi.Length; n++)
        {
            occupation += n * psi[n].Magnitude * psi[n].Magnitude;
            if (n + 1 < psi.Length) mean += Complex.Conjugate(psi[n]) * Math.Sqrt(n + 1.0) * psi[n + 1];
            if (n + 2 < psi.Length) pair += Complex.Conjugate(psi[n]) * Math.Sqrt((n + 1.0) * (n + 2.0)) * psi[n + 2];
        }
        return (mean / norm, occupation / norm, pair / norm);
    }

    /// <summary>|φ⟩ ⊗ |χ⟩ as a two-mode ket.</summary>
    public static Complex[,] Product(Complex[] first, Complex[] second)
    {
        var psi = new Complex[first.Length, second.Length];
        for (int i = 0; i < first.Length; i++)
            for (int j = 0; j < second.Length; j++) psi[i, j] = first[i] * second[j];
        return psi;
    }

    /// <summary>a_mode |ψ⟩ on a two-mode ket.</summary>
    public static Complex[,] Annihilate(Complex[,] psi, int mode)
    {
        int l0 = psi.GetLength(0), l1 = psi.GetLength(1);
        var result = new Complex[l0, l1];
        for (int i = 0; i < l0; i++)
            for (int j = 0; j < l1; j++)
            {
                if (mode == 0 && i + 1 < l0) result[i, j] = Math.Sqrt(i + 1.0) * psi[i + 1, j];
                if (mode == 1 && j + 1 < l1) result[i, j] = Math.Sqrt(j + 1.0) * psi[i, j + 1];
            }
        return result;
    }

    public static Complex Inner(Complex[,] bra, Complex[,] ket)
    {
        Complex sum = 0;
        for (int i = 0; i < bra.GetLength(0); i++)
            for (int j = 0; j < bra.GetLength(1); j++) sum += Complex.Conjugate(bra[i, j]) * ket[i, j];
        return sum;
    }

    /// <summary>⟨a_i⟩, ⟨a_i† a_j⟩ = ⟨a_i ψ|a_j ψ⟩, ⟨a_i a_j⟩ of a two-mode ket.</summary>
    public static (Complex[] Mean, Complex[,] AdaggerA, Complex[,] AA) TwoModeMoments(Complex[,] psi)
    {
        double norm = Inner(psi, psi).Real;
        var lowered = new[] { Annihilate(psi, 0), Annihilate(psi, 1) };
        var mean = new Complex[2];
        var adaggerA = new Complex[2, 2];
        var aa = new Complex[2, 2];
        for (int i = 0; i < 2; i++)
        {
            mean[i] = Inner(psi, lowered[i]) / norm;
            for (int j = 0; j < 2; j++)
            {
                adaggerA[i, j] = Inner(lowered[i], lowered[j]) / norm;
                aa[i, j] = Inner(psi, Annihilate(lowered[j], i)) / norm;
            }
        }
        return (mean, adaggerA, aa);
    }
}
