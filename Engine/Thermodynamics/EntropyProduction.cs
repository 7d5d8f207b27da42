using System.Globalization;

namespace BosonicTrajectories.Thermodynamics;

/// <summary>
/// The entropy production rate at a steady state, σ = −Σ_n β_n (J_n^G − μ_n I_n) (Spohn's inequality summed over
/// baths; the system entropy is constant at a steady state), which the second law requires to be ≥ 0. At a state that
/// is not steady the same sum is the entropy flow into the baths, not the production.
/// <para>
/// Baths at T = 0 (β = ∞): a bath whose flow J_n^G − μ_n I_n is zero within tolerance contributes 0 (the limit of
/// β·0). One that receives heat makes σ = +∞ formally; one that gives heat makes σ = −∞ (a violation). In both cases
/// <see cref="EntropyProductionResult.Value"/> is null and the reason says which bath, as is conventional in the
/// literature (σ is reported only when every bath that exchanges heat has T &gt; 0).
/// </para>
/// </summary>
public static class EntropyProduction
{
    /// <summary>σ (or its sign when it is infinite), with the tolerance of its second-law check.</summary>
    /// <param name="currents">The currents of every bath.</param>
    /// <param name="currentTolerance">Absolute tolerance of each J_n^G − μ_n I_n, relative to the bath's <see cref="BathCurrents.Scale"/>.</param>
    public static EntropyProductionResult Evaluate(IReadOnlyList<BathCurrents> currents, double currentTolerance)
    {
        ArgumentNullException.ThrowIfNull(currents);
        var inv = CultureInfo.InvariantCulture;
        double sigma = 0, tolerance = 0;
        foreach (var c in currents)
        {
            double flow = c.GrandHeatCurrent;
            double flowTolerance = currentTolerance * (c.Scale + (Math.Abs(c.ChemicalPotential) * Math.Abs(c.ParticleCurrent)));
            double temperature = c.Dissipator.Bath.Temperature;
            if (temperature > 0)
            {
                sigma -= flow / temperature;
                tolerance += flowTolerance / temperature;
                continue;
            }
            if (Math.Abs(flow) <= flowTolerance) continue;
            string which = string.Create(inv, $"bath {c.Dissipator.Index} (party '{c.Dissipator.Bath.Party}') is at T = 0 and ");
            return flow < 0
                ? new EntropyProductionResult(null, double.PositiveInfinity, 0, which + string.Create(inv,
                    $"receives heat {-flow:G6} from the system: σ = +∞ formally (reported only when every bath exchanging heat has T > 0)"))
                : new EntropyProductionResult(null, double.NegativeInfinity, 0, which + string.Create(inv,
                    $"gives heat {flow:G6} to the system: σ = −∞, a second-law violation"));
        }
        return new EntropyProductionResult(sigma, sigma, tolerance, null);
    }
}

/// <summary>
/// σ when finite (<see cref="Value"/>), its formal value including ±∞ (<see cref="Formal"/>), the tolerance of the
/// second-law check σ ≥ −tolerance, and why <see cref="Value"/> is null when it is.
/// </summary>
public sealed record EntropyProductionResult(double? Value, double Formal, double Tolerance, string? Reason)
{
    /// <summary>σ ≥ −tolerance (true for σ = +∞).</summary>
    public bool SecondLawHolds => Formal >= -Tolerance;
}
