using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>Test-case sources over the registry, so every registered integrator is tested by name.</summary>
internal static class IntegratorNames
{
    public static IEnumerable<string> All => IntegratorRegistry.Names;

    /// <summary>Integrators that accept any right-hand side (not only linear ones).</summary>
    public static IEnumerable<string> Explicit => IntegratorRegistry.Names.Where(n => n != "krylov");

    /// <summary>Integrators with error control.</summary>
    public static IEnumerable<string> Adaptive =>
        IntegratorRegistry.Descriptions.Where(e => e.DefaultOptions.FixedStep is null).Select(e => e.Name);

    /// <summary>Adaptive integrators that accept any right-hand side.</summary>
    public static IEnumerable<string> AdaptiveExplicit => Adaptive.Where(n => n != "krylov");
}
