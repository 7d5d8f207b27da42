namespace BosonicTrajectories.Integrators;

public static partial class ButcherTableaus
{
    /// <summary>
    /// The classical fourth-order Runge–Kutta method (Kutta 1901): 4 stages, no embedded solution, so fixed steps only.
    /// Dense output is the cubic Hermite interpolant through the end-point values and derivatives (order 3).
    /// </summary>
    public static ButcherTableau ClassicalRungeKutta4 { get; } = new(
        name: "rk4",
        order: 4,
        embeddedOrder: 0,
        c: [0.0, 0.5, 0.5, 1.0],
        a: [[], [0.5], [0.0, 0.5], [0.0, 0.0, 1.0]],
        b: [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6],
        bHat: null,
        denseOutput: null,
        denseOutputOrder: 3);
}
