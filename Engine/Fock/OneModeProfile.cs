using System.Globalization;
using System.Numerics;
using BosonicTrajectories.Model;
using MathNet.Numerics;

namespace BosonicTrajectories.Fock;

/// <summary>
/// The Fock-basis content of a one-mode state in the full (untruncated) space: amplitudes ⟨n|ψ⟩ of a pure
/// state, or the populations p_n of a state diagonal in n (thermal). Magnitudes are evaluated in log space
/// (ln n! through ln Γ) so that large n neither overflows nor underflows prematurely.
/// </summary>
internal abstract class OneModeProfile
{
    /// <summary>True for a mixture of Fock states (thermal); then only <see cref="Population"/> is meaningful.</summary>
    public virtual bool IsMixed => false;

    /// <summary>Short description for error messages, e.g. "cat alpha=2".</summary>
    public abstract string Description { get; }

    /// <summary>⟨n|ψ⟩ in the full space (normalised to 1 over all n).</summary>
    public abstract Complex Amplitude(int n);

    /// <summary>The population of |n⟩ in the full space.</summary>
    public virtual double Population(int n)
    {
        double magnitude = Complex.Abs(Amplitude(n));
        return magnitude * magnitude;
    }

    /// <summary>Builds the profile of a description; <paramref name="path"/> names it in config errors.</summary>
    public static OneModeProfile Of(OneModeState state, string path) => state switch
    {
        VacuumState => new FockProfile(0, "vacuum"),
        FockState f when f.N >= 0 => new FockProfile(f.N, $"fock n={f.N}"),
        FockState f => throw new Configuration.ConfigException(path, $"a Fock state needs n ≥ 0, got {f.N}"),
        CoherentState c => new CoherentProfile(c.Alpha),
        ThermalState t when t.MeanOccupation >= 0 && double.IsFinite(t.MeanOccupation) => new ThermalProfile(t.MeanOccupation),
        ThermalState t => throw new Configuration.ConfigException(path, $"a thermal state needs a finite nbar ≥ 0, got {t.MeanOccupation}"),
        CatState c => CatProfile.Create(c.Alpha, c.Phase, path),
        SqueezedState s => new SqueezedProfile(s.R, s.Angle),
        _ => throw new ArgumentException($"unknown one-mode state {state.GetType().Name}", nameof(state)),
    };

    /// <summary>ln |f_α(n)| for the coherent amplitude f_α(n) = e^{−|α|²/2} α^n / √n! (α ≠ 0).</summary>
    internal static double LogCoherentMagnitude(double modulus, int n) =>
        (-0.5 * modulus * modulus) + (n * Math.Log(modulus)) - (0.5 * SpecialFunctions.GammaLn(n + 1.0));

    /// <summary>The coherent amplitude ⟨n|α⟩ = e^{−|α|²/2} α^n / √n!.</summary>
    internal static Complex CoherentAmplitude(Complex alpha, int n)
    {
        if (alpha == Complex.Zero) return n == 0 ? Complex.One : Complex.Zero;
        return Complex.FromPolarCoordinates(Math.Exp(LogCoherentMagnitude(alpha.Magnitude, n)), n * alpha.Phase);
    }

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    internal static string Format(Complex value) => value.Imaginary == 0
        ? Format(value.Real)
        : $"{Format(value.Real)}{(value.Imaginary < 0 ? "-" : "+")}{Format(Math.Abs(value.Imaginary))}i";

    /// <summary>e^x − 1 without cancellation for small |x|.</summary>
    internal static double ExpMinusOne(double x) =>
        Math.Abs(x) < 1e-3 ? x * (1 + (x / 2 * (1 + (x / 3 * (1 + (x / 4)))))) : Math.Exp(x) - 1;
}

/// <summary>|m⟩.</summary>
internal sealed class FockProfile(int level, string description) : OneModeProfile
{
    public override string Description => description;

    public override Complex Amplitude(int n) => n == level ? Complex.One : Complex.Zero;
}

/// <summary>|α⟩: ⟨n|α⟩ = e^{−|α|²/2} α^n / √n!.</summary>
internal sealed class CoherentProfile(Complex alpha) : OneModeProfile
{
    public override string Description => $"coherent alpha={Format(alpha)}";

    public override Complex Amplitude(int n) => CoherentAmplitude(alpha, n);
}

/// <summary>Thermal: p_n = n̄^n / (1 + n̄)^{n+1}.</summary>
internal sealed class ThermalProfile(double meanOccupation) : OneModeProfile
{
    public override bool IsMixed => true;

    public override string Description => $"thermal nbar={Format(meanOccupation)}";

    public override Complex Amplitude(int n) => throw new InvalidOperationException("a thermal state has no amplitudes");

    public override double Population(int n)
    {
        if (meanOccupation == 0) return n == 0 ? 1 : 0;
        return Math.Exp((n * Math.Log(meanOccupation / (1 + meanOccupation))) - Math.Log(1 + meanOccupation));
    }
}

/// <summary>
/// (|α⟩ + e^{iφ}|−α⟩)/√𝒩 with ⟨n|·⟩ = f_α(n)(1 + e^{iφ}(−1)^n)/√𝒩. Since ⟨α|−α⟩ = e^{−2|α|²} is real for
/// every complex α, 𝒩 = 2(1 + cos φ e^{−2|α|²}), evaluated as 2((1 + cos φ) + cos φ (e^{−2|α|²} − 1)).
/// </summary>
internal sealed class CatProfile : OneModeProfile
{
    private readonly Complex _alpha;
    private readonly Complex _relativePhase;
    private readonly double _inverseNorm;
    private readonly string _description;

    private CatProfile(Complex alpha, double phase, double normSquared)
    {
        _alpha = alpha;
        _relativePhase = Complex.FromPolarCoordinates(1, phase);
        _inverseNorm = 1 / Math.Sqrt(normSquared);
        _description = phase == 0 ? $"cat alpha={Format(alpha)}" : $"cat alpha={Format(alpha)}, phase={Format(phase)}";
    }

    public static CatProfile Create(Complex alpha, double phase, string path)
    {
        double cos = Math.Cos(phase);
        double normSquared = 2 * ((1 + cos) + (cos * ExpMinusOne(-2 * alpha.Magnitude * alpha.Magnitude)));
        if (!(normSquared > 1e-300))
            throw new Configuration.ConfigException(path, $"the cat |α⟩ + e^(iφ)|−α⟩ with alpha={Format(alpha)}, phase={Format(phase)} is the zero vector; use alpha ≠ 0");
        return new CatProfile(alpha, phase, normSquared);
    }

    public override string Description => _description;

    public override Complex Amplitude(int n)
    {
        Complex interference = (n % 2 == 0) ? 1 + _relativePhase : 1 - _relativePhase;
        return CoherentAmplitude(_alpha, n) * interference * _inverseNorm;
    }
}

/// <summary>
/// S(ξ)|0⟩, ξ = r e^{iθ}: c_{2m} = (−e^{iθ} tanh r)^m √((2m)!) / (2^m m!) / √(cosh r), odd amplitudes zero.
/// </summary>
internal sealed class SqueezedProfile(double r, double angle) : OneModeProfile
{
    public override string Description => angle == 0 ? $"squeezed r={Format(r)}" : $"squeezed r={Format(r)}, angle={Format(angle)}";

    public override Complex Amplitude(int n)
    {
        if (n % 2 != 0) return Complex.Zero;
        int m = n / 2;
        if (r == 0) return m == 0 ? Complex.One : Complex.Zero;
        double t = Math.Tanh(r);
        double logCosh = Math.Abs(r) + Math.Log(1 + Math.Exp(-2 * Math.Abs(r))) - Math.Log(2);
        double logMagnitude = (m * Math.Log(Math.Abs(t))) + (0.5 * SpecialFunctions.GammaLn((2.0 * m) + 1))
            - (m * Math.Log(2)) - SpecialFunctions.GammaLn(m + 1.0) - (0.5 * logCosh);
        double phase = m * (angle + Math.PI + (t < 0 ? Math.PI : 0));   // arg(−e^{iθ} tanh r)
        return Complex.FromPolarCoordinates(Math.Exp(logMagnitude), phase);
    }
}
