using Complex = System.Numerics.Complex;
using BosonicTrajectories.Model;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// Closed-form first and second moments (⟨a_i⟩, ⟨a_i† a_j⟩, ⟨a_i a_j⟩) of every initial state of SPEC §3. The moment
/// equations of a quadratic model are exact for any state, so these seed <see cref="GaussianEvolution"/> exactly even
/// for non-Gaussian states (Fock, cat, NOON).
/// </summary>
public static class InitialMoments
{
    /// <summary>The ladder moments of <paramref name="state"/> on <paramref name="modes"/> modes.</summary>
    /// <exception cref="ArgumentException">The state does not fit the number of modes or cannot be normalised.</exception>
    public static LadderMoments Of(InitialStateDescription state, int modes)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (modes < 1) throw new ArgumentException($"modes = {modes} must be ≥ 1", nameof(modes));
        var mean = Vector<Complex>.Build.Dense(modes);
        var adaggerA = Matrix<Complex>.Build.Dense(modes, modes);
        var aa = Matrix<Complex>.Build.Dense(modes, modes);
        switch (state)
        {
            case ProductState product:
                Product(product, modes, mean, adaggerA, aa);
                break;
            case CoherentSuperposition superposition:
                Superposition(superposition, modes, mean, adaggerA, aa);
                break;
            case TwoModeSqueezedState squeezed:
                CheckPair(squeezed.ModeA, squeezed.ModeB, modes, nameof(state));
                // Σ_n tanh^n r / cosh r |n, n⟩: ⟨a†a⟩ = sinh² r on both modes, ⟨a_A a_B⟩ = Σ_n n tanh^{2n−1} r / cosh² r = sinh r cosh r.
                double sinh = Math.Sinh(squeezed.R), cosh = Math.Cosh(squeezed.R);
                adaggerA[squeezed.ModeA, squeezed.ModeA] = sinh * sinh;
                adaggerA[squeezed.ModeB, squeezed.ModeB] = sinh * sinh;
                aa[squeezed.ModeA, squeezed.ModeB] = sinh * cosh;
                aa[squeezed.ModeB, squeezed.ModeA] = sinh * cosh;
                break;
            case NoonState noon:
                CheckPair(noon.ModeA, noon.ModeB, modes, nameof(state));
                if (noon.N < 1) throw new ArgumentException($"a NOON state needs n ≥ 1, not {noon.N}", nameof(state));
                // (|n,0⟩ + |0,n⟩)/√2: ⟨a†a⟩ = n/2 on each mode; a_A† a_B maps |0,n⟩ to √n |1,n−1⟩, which overlaps
                // ⟨n,0| only for n = 1 (giving ½). ⟨a⟩ and ⟨a a⟩ vanish: every term leaves a component orthogonal to both.
                adaggerA[noon.ModeA, noon.ModeA] = 0.5 * noon.N;
                adaggerA[noon.ModeB, noon.ModeB] = 0.5 * noon.N;
                if (noon.N == 1)
                {
                    adaggerA[noon.ModeA, noon.ModeB] = 0.5;
                    adaggerA[noon.ModeB, noon.ModeA] = 0.5;
                }
                break;
            default:
                throw new ArgumentException($"no closed-form moments for the state kind {state.GetType().Name}", nameof(state));
        }
        return new LadderMoments(mean, adaggerA, aa);
    }

    /// <summary>(⟨a⟩, ⟨a†a⟩, ⟨a²⟩) of a one-mode state.</summary>
    public static (Complex Mean, double Occupation, Complex PairAmplitude) OfOneMode(OneModeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        switch (state)
        {
            case VacuumState:
                return (0, 0, 0);
            case FockState fock:
                if (fock.N < 0) throw new ArgumentException($"a Fock state needs n ≥ 0, not {fock.N}", nameof(state));
                return (0, fock.N, 0);
            case CoherentState coherent:
                return (coherent.Alpha, coherent.Alpha.Magnitude * coherent.Alpha.Magnitude, coherent.Alpha * coherent.Alpha);
            case ThermalState thermal:
                if (!(thermal.MeanOccupation >= 0))
                    throw new ArgumentException($"a thermal state needs n̄ ≥ 0, not {thermal.MeanOccupation}", nameof(state));
                return (0, thermal.MeanOccupation, 0);
            case CatState cat:
                return Cat(cat.Alpha, cat.Phase);
            case SqueezedState squeezed:
                // S(ξ)† a S(ξ) = a cosh r − a† e^{iθ} sinh r.
                double sinh = Math.Sinh(squeezed.R), cosh = Math.Cosh(squeezed.R);
                return (0, sinh * sinh, -Complex.FromPolarCoordinates(sinh * cosh, squeezed.Angle));
            default:
                throw new ArgumentException($"no closed-form moments for the one-mode state kind {state.GetType().Name}", nameof(state));
        }
    }

    /// <summary>
    /// |ψ⟩ ∝ |α⟩ + e^{iφ}|−α⟩ with ⟨α|−α⟩ = e^{−2|α|²} =: ε. Since a|±α⟩ = ±α|±α⟩ and a²|ψ⟩ = α²|ψ⟩:
    /// ⟨a⟩ = −i α sin φ ε / (1 + ε cos φ),  ⟨a†a⟩ = |α|² (1 − ε cos φ) / (1 + ε cos φ),  ⟨a²⟩ = α².
    /// 1 ± ε cos φ is evaluated as (1 ± cos φ) ε + (1 − ε) to keep the odd cat accurate at small |α|.
    /// </summary>
    private static (Complex Mean, double Occupation, Complex PairAmplitude) Cat(Complex alpha, double phase)
    {
        double x = alpha.Magnitude * alpha.Magnitude;
        double overlap = Math.Exp(-2 * x);
        double oneMinusOverlap = -SpecialFunctions.Expm1(-2 * x);
        double cosHalf = Math.Cos(0.5 * phase), sinHalf = Math.Sin(0.5 * phase);
        double normalisation = 2 * cosHalf * cosHalf * overlap + oneMinusOverlap;   // 1 + ε cos φ
        double antiNormalisation = 2 * sinHalf * sinHalf * overlap + oneMinusOverlap; // 1 − ε cos φ
        if (normalisation < 1e-30) // far below any physical cat: |α|⁴ < 1e-30 with φ = π, or round-off of cos(φ/2)
            throw new ArgumentException($"the cat state |α⟩ + e^{{iφ}}|−α⟩ with α = {alpha}, φ = {phase} has zero norm", nameof(alpha));
        Complex mean = -Complex.ImaginaryOne * alpha * (Math.Sin(phase) * overlap / normalisation);
        return (mean, x * antiNormalisation / normalisation, alpha * alpha);
    }

    /// <summary>⊗ ρ_i: ⟨a_i† a_j⟩ = ⟨a_i⟩* ⟨a_j⟩ and ⟨a_i a_j⟩ = ⟨a_i⟩⟨a_j⟩ for i ≠ j.</summary>
    private static void Product(ProductState product, int modes, Vector<Complex> mean, Matrix<Complex> adaggerA, Matrix<Complex> aa)
    {
        if (product.Factors.Length != modes)
            throw new ArgumentException($"the product state has {product.Factors.Length} factors but the model has {modes} modes", nameof(product));
        var occupation = new double[modes];
        var pair = new Complex[modes];
        for (int i = 0; i < modes; i++)
            (mean[i], occupation[i], pair[i]) = OfOneMode(product.Factors[i]);
        for (int i = 0; i < modes; i++)
            for (int j = 0; j < modes; j++)
            {
                adaggerA[i, j] = i == j ? occupation[i] : Complex.Conjugate(mean[i]) * mean[j];
                aa[i, j] = i == j ? pair[i] : mean[i] * mean[j];
            }
    }

    /// <summary>
    /// |ψ⟩ ∝ Σ_k c_k |α^(k)⟩ (multi-mode coherent states). With w_kl = c_k* c_l ⟨α^(k)|α^(l)⟩ and
    /// ⟨β|α⟩ = Π_i exp(−|α_i|²/2 − |β_i|²/2 + β_i* α_i), the norm is Σ_kl w_kl and
    /// ⟨a_i⟩ = Σ w_kl α^(l)_i, ⟨a_i† a_j⟩ = Σ w_kl α^(k)*_i α^(l)_j, ⟨a_i a_j⟩ = Σ w_kl α^(l)_i α^(l)_j (over the norm).
    /// </summary>
    private static void Superposition(CoherentSuperposition superposition, int modes, Vector<Complex> mean, Matrix<Complex> adaggerA, Matrix<Complex> aa)
    {
        var components = superposition.Components;
        if (components.IsEmpty)
            throw new ArgumentException("a coherent superposition needs at least one component", nameof(superposition));
        for (int k = 0; k < components.Length; k++)
            if (components[k].Alphas.Length != modes)
                throw new ArgumentException(
                    $"component {k} of the superposition has {components[k].Alphas.Length} amplitudes but the model has {modes} modes",
                    nameof(superposition));

        Complex norm = 0;
        for (int k = 0; k < components.Length; k++)
            for (int l = 0; l < components.Length; l++)
            {
                var (ck, bra) = components[k];
                var (cl, ket) = components[l];
                Complex weight = Complex.Conjugate(ck) * cl * Overlap(bra, ket);
                if (weight == Complex.Zero) continue;
                norm += weight;
                for (int i = 0; i < modes; i++)
                {
                    mean[i] += weight * ket[i];
                    for (int j = 0; j < modes; j++)
                    {
                        adaggerA[i, j] += weight * Complex.Conjugate(bra[i]) * ket[j];
                        aa[i, j] += weight * ket[i] * ket[j];
                    }
                }
            }
        if (norm.Real <= 1e-300)
            throw new ArgumentException("the coherent superposition has zero norm (its components cancel)", nameof(superposition));
        double inverse = 1 / norm.Real;
        mean.MapInplace(z => z * inverse);
        adaggerA.MapInplace(z => z * inverse);
        aa.MapInplace(z => z * inverse);
    }

    /// <summary>⟨β|α⟩ = Π_i exp(−|α_i|²/2 − |β_i|²/2 + β_i* α_i).</summary>
    private static Complex Overlap(IReadOnlyList<Complex> bra, IReadOnlyList<Complex> ket)
    {
        Complex exponent = 0;
        for (int i = 0; i < bra.Count; i++)
            exponent += -0.5 * (ket[i].Magnitude * ket[i].Magnitude + bra[i].Magnitude * bra[i].Magnitude) + Complex.Conjugate(bra[i]) * ket[i];
        return Complex.Exp(exponent);
    }

    private static void CheckPair(int modeA, int modeB, int modes, string parameter)
    {
        if (modeA < 0 || modeA >= modes || modeB < 0 || modeB >= modes || modeA == modeB)
            throw new ArgumentException($"modes [{modeA}, {modeB}] must be two different modes in 0..{modes - 1}", parameter);
    }
}
