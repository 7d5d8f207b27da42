namespace BosonicTrajectories.Model;

/// <summary>
/// The imaginary parts of the one-sided bath correlation transforms (seed paper eqs. 23–25), per unit of K^n:
/// s^(n,1)(ω) = (1/2π) P∫_0^∞ J_n(ε) p_n(ε)/(ε − ω) dε and
/// s^(n,2)(ω) = −(1/2π) P∫_0^∞ J_n(ε)(1 − ξ_n p_n(ε))/(ε − ω) dε, so that s^(n,1)_jk = K_jk s^(n,1) and
/// s^(n,2)_jk = K_kj s^(n,2). Eqs. (34) and (41) only need their sum
/// Φ_n(ω) = s^(n,1)(ω) + s^(n,2)(ω) = (1/2π) P∫_0^∞ J_n(ε)[(1 + ξ_n) p_n(ε) − 1]/(ε − ω) dε,
/// which is evaluated directly: for a bose bath (ξ = −1) the occupation cancels, Φ_n = −(1/2π) P∫ J_n/(ε − ω),
/// so the Bose singularity at ε = μ never enters the integrand.
/// </summary>
internal static class LambShiftSpectrum
{
    /// <summary>Φ_n(ω) = s^(n,1)(ω) + s^(n,2)(ω) (see the type's summary).</summary>
    public static double Combined(BathDescription bath, double omega)
    {
        double scale = Scale(bath);
        double onePlusXi = 1.0 + BathOccupation.Xi(bath.Statistics);
        var j = bath.SpectralDensity;
        Func<double, double> numerator = onePlusXi == 0
            ? e => -j.Evaluate(e)
            : e => j.Evaluate(e) * (onePlusXi * BathOccupation.Occupation(bath.Statistics, bath.Temperature, bath.ChemicalPotential, e) - 1.0);
        return PrincipalValueIntegral.HalfLine(numerator, omega, scale) / (2 * Math.PI);
    }

    /// <summary>s^(n,1)(ω) = (1/2π) P∫_0^∞ J_n(ε) p_n(ε)/(ε − ω) dε. A bose bath needs μ &lt; 0 here.</summary>
    public static double Absorption(BathDescription bath, double omega)
    {
        RequireOccupationFiniteOnHalfLine(bath);
        var j = bath.SpectralDensity;
        return PrincipalValueIntegral.HalfLine(
            e => j.Evaluate(e) * BathOccupation.Occupation(bath.Statistics, bath.Temperature, bath.ChemicalPotential, e),
            omega, Scale(bath)) / (2 * Math.PI);
    }

    /// <summary>s^(n,2)(ω) = −(1/2π) P∫_0^∞ J_n(ε)(1 − ξ_n p_n(ε))/(ε − ω) dε. A bose bath needs μ &lt; 0 here.</summary>
    public static double Emission(BathDescription bath, double omega)
    {
        RequireOccupationFiniteOnHalfLine(bath);
        var j = bath.SpectralDensity;
        double xi = BathOccupation.Xi(bath.Statistics);
        return -PrincipalValueIntegral.HalfLine(
            e => j.Evaluate(e) * (1.0 - xi * BathOccupation.Occupation(bath.Statistics, bath.Temperature, bath.ChemicalPotential, e)),
            omega, Scale(bath)) / (2 * Math.PI);
    }

    /// <summary>The energy scale on which J_n decays (the tail scale of the principal-value integrals).</summary>
    /// <exception cref="ArgumentException">The spectral density has no finite Lamb shift (see <see cref="Problem"/>).</exception>
    public static double Scale(BathDescription bath)
    {
        string? problem = Problem(bath.SpectralDensity);
        if (problem is not null) throw new ArgumentException($"bath of party '{bath.Party}': {problem}", nameof(bath));
        var ohmic = (OhmicSpectralDensity)bath.SpectralDensity;
        return ohmic.Cutoff * Math.Max(1.0, ohmic.Exponent);
    }

    /// <summary>Why a spectral density has no Lamb shift here, or null when it has one.</summary>
    public static string? Problem(SpectralDensity j) => j switch
    {
        OhmicSpectralDensity { Cutoff: > 0, Exponent: >= 0 } ohmic when double.IsFinite(ohmic.Cutoff) && double.IsFinite(ohmic.Exponent) => null,
        OhmicSpectralDensity => "an ohmic spectral density needs a positive finite cutoff and a finite exponent ≥ 0 for the Lamb shift",
        FlatSpectralDensity => "a flat spectral density has no finite Lamb shift (P∫ κ/(ε − ω) dε diverges); " +
                               "use an ohmic spectral density or turn lambShift off",
        _ => $"the Lamb shift is implemented for ohmic spectral densities only, not {j.GetType().Name}",
    };

    // s^(n,1) and s^(n,2) separately contain p_n over all ε ≥ 0; a bose p_n is singular at ε = μ.
    private static void RequireOccupationFiniteOnHalfLine(BathDescription bath)
    {
        if (bath.Statistics == BathStatistics.Bose && bath.ChemicalPotential >= 0)
            throw new ArgumentException(
                $"bath of party '{bath.Party}': s^(1) and s^(2) of a bose bath separately need μ < 0 (p diverges at ε = μ ≥ 0); " +
                "their sum Φ (LambShiftSpectrum.Combined) does not", nameof(bath));
    }
}
