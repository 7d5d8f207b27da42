using System.Collections.Immutable;
using System.Numerics;

namespace BosonicTrajectories.Fock;

/// <summary>A pure multi-mode state in the full (untruncated) Fock space: amplitude ⟨n|ψ⟩ for any occupation vector.</summary>
internal abstract class MultiModeProfile
{
    public abstract string Description { get; }

    public abstract Complex Amplitude(ReadOnlySpan<int> occupations);
}

/// <summary>⊗_i |ψ_i⟩ for pure one-mode factors.</summary>
internal sealed class ProductProfile(IReadOnlyList<OneModeProfile> factors) : MultiModeProfile
{
    public override string Description => "product of " + string.Join(", ", factors.Select(f => f.Description));

    public override Complex Amplitude(ReadOnlySpan<int> occupations)
    {
        Complex amplitude = Complex.One;
        for (int i = 0; i < occupations.Length && amplitude != Complex.Zero; i++) amplitude *= factors[i].Amplitude(occupations[i]);
        return amplitude;
    }
}

/// <summary>
/// Σ_k c_k |α^(k)⟩ / √𝒩 with 𝒩 = Σ_kl c_k* c_l Π_i ⟨α^(k)_i|α^(l)_i⟩ and ⟨β|α⟩ = exp(−|α|²/2 − |β|²/2 + β* α).
/// </summary>
internal sealed class CoherentSuperpositionProfile : MultiModeProfile
{
    private readonly ImmutableArray<(Complex Amplitude, ImmutableArray<Complex> Alphas)> _components;
    private readonly double _inverseNorm;

    public CoherentSuperpositionProfile(ImmutableArray<(Complex Amplitude, ImmutableArray<Complex> Alphas)> components, double normSquared)
    {
        _components = components;
        _inverseNorm = 1 / Math.Sqrt(normSquared);
    }

    public override string Description => $"superposition of {_components.Length} coherent components";

    /// <summary>The full-space norm² 𝒩 = Σ_kl c_k* c_l ⟨α^(k)|α^(l)⟩ (exponents summed before exponentiating).</summary>
    public static double NormSquared(ImmutableArray<(Complex Amplitude, ImmutableArray<Complex> Alphas)> components)
    {
        Complex total = Complex.Zero;
        foreach (var (ck, ak) in components)
        {
            foreach (var (cl, al) in components)
            {
                Complex exponent = Complex.Zero;
                for (int i = 0; i < ak.Length; i++)
                {
                    double mk = ak[i].Magnitude, ml = al[i].Magnitude;
                    exponent += (-0.5 * ((mk * mk) + (ml * ml))) + (Complex.Conjugate(ak[i]) * al[i]);
                }
                total += Complex.Conjugate(ck) * cl * Complex.Exp(exponent);
            }
        }
        return total.Real;
    }

    public override Complex Amplitude(ReadOnlySpan<int> occupations)
    {
        Complex sum = Complex.Zero;
        foreach (var (c, alphas) in _components)
        {
            Complex term = c;
            for (int i = 0; i < occupations.Length && term != Complex.Zero; i++) term *= OneModeProfile.CoherentAmplitude(alphas[i], occupations[i]);
            sum += term;
        }
        return sum * _inverseNorm;
    }
}

/// <summary>Σ_n tanh^n r / cosh r |n⟩_A |n⟩_B, other modes in vacuum.</summary>
internal sealed class TwoModeSqueezedProfile(int modeA, int modeB, double r) : MultiModeProfile
{
    public override string Description => $"twoModeSqueezed r={OneModeProfile.Format(r)}";

    public override Complex Amplitude(ReadOnlySpan<int> occupations)
    {
        int n = occupations[modeA];
        if (occupations[modeB] != n || !OthersEmpty(occupations, modeA, modeB)) return Complex.Zero;
        if (n == 0) return 1 / Math.Cosh(r);
        double t = Math.Tanh(r);
        double magnitude = Math.Exp(n * Math.Log(Math.Abs(t))) / Math.Cosh(r);
        return t < 0 && n % 2 == 1 ? -magnitude : magnitude;
    }

    internal static bool OthersEmpty(ReadOnlySpan<int> occupations, int modeA, int modeB)
    {
        for (int i = 0; i < occupations.Length; i++)
            if (i != modeA && i != modeB && occupations[i] != 0) return false;
        return true;
    }
}

/// <summary>(|n, 0⟩ + |0, n⟩)/√2 on modes A, B (n ≥ 1), other modes in vacuum.</summary>
internal sealed class NoonProfile(int modeA, int modeB, int n) : MultiModeProfile
{
    public override string Description => $"noon n={n}";

    public override Complex Amplitude(ReadOnlySpan<int> occupations)
    {
        if (!TwoModeSqueezedProfile.OthersEmpty(occupations, modeA, modeB)) return Complex.Zero;
        int na = occupations[modeA], nb = occupations[modeB];
        return (na == n && nb == 0) || (na == 0 && nb == n) ? Math.Sqrt(0.5) : Complex.Zero;
    }
}
