namespace BosonicTrajectories.Integrators;

/// <summary>One registered integrator: its name, a one-line description, its option defaults and a factory.</summary>
public sealed record IntegratorDescription(string Name, string Description, IntegratorOptions DefaultOptions, Func<IOdeIntegrator> Create);

/// <summary>
/// The integrators selectable by name (config key <c>run.integrator</c>). Choosing the name chooses the algorithm;
/// each entry carries its own option defaults. Unknown names fail with the list of valid ones.
/// </summary>
public static class IntegratorRegistry
{
    private static readonly IntegratorDescription[] Entries =
    [
        new("dopri5",
            "Dormand–Prince 5(4), adaptive, FSAL, 4th-order dense output; the default for non-stiff problems.",
            new IntegratorOptions(),
            () => new ExplicitRungeKuttaIntegrator(ButcherTableaus.DormandPrince5)),
        new("tsit5",
            "Tsitouras 5(4), adaptive, FSAL, free 4th-order dense output; often a little cheaper than dopri5 at the same accuracy.",
            new IntegratorOptions(),
            () => new ExplicitRungeKuttaIntegrator(ButcherTableaus.Tsitouras5)),
        new("vern7",
            "Verner 7(6), adaptive, 10 stages, 7th-order dense output (6 extra stages on demand); for tight tolerances (rtol ≤ 1e-8).",
            new IntegratorOptions(),
            () => new ExplicitRungeKuttaIntegrator(ButcherTableaus.Verner7)),
        new("rk4",
            $"Classical 4th-order Runge–Kutta with fixed steps (FixedStep, default {ExplicitRungeKuttaIntegrator.DefaultFixedStep}); cubic Hermite dense output; no error control.",
            new IntegratorOptions(FixedStep: ExplicitRungeKuttaIntegrator.DefaultFixedStep),
            () => new ExplicitRungeKuttaIntegrator(ButcherTableaus.ClassicalRungeKutta4)),
        new("krylov",
            "Exponential integrator y(t+h) = exp(hL)y by Arnoldi (Krylov dimension 30) for LINEAR problems dy/dt = L y only; " +
            "steps not limited by stiffness: the choice for strongly damped or stiff Lindblad / trajectory problems.",
            new IntegratorOptions(),
            () => new KrylovExponentialIntegrator()),
    ];

    /// <summary>The registered names, in the order <c>validate</c> lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Entries.Select(e => e.Name).ToArray());

    /// <summary>All registered integrators with their descriptions and option defaults.</summary>
    public static IReadOnlyList<IntegratorDescription> Descriptions { get; } = Array.AsReadOnly(Entries);

    /// <summary>True when <paramref name="name"/> is a registered integrator (case-sensitive, as in the config).</summary>
    public static bool IsRegistered(string? name) => name is not null && Entries.Any(e => e.Name == name);

    /// <summary>The entry for <paramref name="name"/>; unknown names throw an <see cref="ArgumentException"/> listing the valid ones.</summary>
    public static IntegratorDescription Describe(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new ArgumentException(
            $"Unknown integrator \"{name}\"; valid names: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>A new integrator instance for <paramref name="name"/> (unknown names throw, listing the valid ones).</summary>
    public static IOdeIntegrator Create(string name) => Describe(name).Create();

    /// <summary>The option defaults of <paramref name="name"/>.</summary>
    public static IntegratorOptions DefaultOptions(string name) => Describe(name).DefaultOptions;
}
