namespace BosonicTrajectories.Integrators;

/// <summary>The tableaus of the explicit methods, as data.</summary>
public static partial class ButcherTableaus
{
    /// <summary>Every tableau defined here (registered or not).</summary>
    public static IReadOnlyList<ButcherTableau> All => [ClassicalRungeKutta4, DormandPrince5, Tsitouras5, Verner7];
}
