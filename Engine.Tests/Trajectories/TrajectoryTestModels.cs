using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>Small models and hand-built Fock vectors shared by the trajectory tests.</summary>
internal static class TrajectoryTestModels
{
    public static LadderOperator A(int mode) => new(mode, false);

    public static LadderOperator Ad(int mode) => new(mode, true);

    /// <summary>ω a†a with L = √(κ(n̄+1)) a and (if n̄ &gt; 0) L = √(κ n̄) a†: ⟨n⟩(t) = n̄ + (n0 − n̄) e^{−κt}.</summary>
    public static OpenSystemModel DampedMode(double omega, double kappa, double nbar)
    {
        var jumps = ImmutableArray.CreateBuilder<JumpOperator>();
        jumps.Add(new JumpOperator("loss", Polynomial.Single(Math.Sqrt(kappa * (nbar + 1)), A(0))));
        if (nbar > 0) jumps.Add(new JumpOperator("gain", Polynomial.Single(Math.Sqrt(kappa * nbar), Ad(0))));
        return new OpenSystemModel(
            1, [new Party("A", [0])], Polynomial.Single(omega, Ad(0), A(0)), jumps.ToImmutable(), null, []);
    }

    /// <summary>
    /// Two modes ω_i a_i†a_i + g (a_0†a_1 + a_1†a_0), losses √κ_i a_i and a gain √γ a_0†.
    /// </summary>
    public static OpenSystemModel HoppingPair(double omega0, double omega1, double g, double kappa0, double kappa1, double gain)
    {
        var h = Polynomial.Single(omega0, Ad(0), A(0)) + Polynomial.Single(omega1, Ad(1), A(1))
              + Polynomial.Single(g, Ad(0), A(1)) + Polynomial.Single(g, Ad(1), A(0));
        return new OpenSystemModel(
            2, [new Party("A", [0]), new Party("B", [1])], h,
            [
                new JumpOperator("loss0", Polynomial.Single(Math.Sqrt(kappa0), A(0))),
                new JumpOperator("loss1", Polynomial.Single(Math.Sqrt(kappa1), A(1))),
                new JumpOperator("gain0", Polynomial.Single(Math.Sqrt(gain), Ad(0))),
            ],
            null, []);
    }

    /// <summary>Parametric amplifier s(a0†a1† + a0 a1), L = √κ a0, √κ a1.</summary>
    public static OpenSystemModel ParametricAmplifier(double s, double kappa) =>
        new(2, [new Party("A", [0]), new Party("B", [1])],
            Polynomial.Single(s, Ad(0), Ad(1)) + Polynomial.Single(s, A(0), A(1)),
            [
                new JumpOperator("loss0", Polynomial.Single(Math.Sqrt(kappa), A(0))),
                new JumpOperator("loss1", Polynomial.Single(Math.Sqrt(kappa), A(1))),
            ],
            null, []);

    public static FockSpace Space(int modes, int levels) => new(new PerModeTruncation([levels]), modes);

    /// <summary>The Fock-space initial state of a product of one-mode states (built by the Fock branch).</summary>
    public static InitialFockState Initial(FockSpace space, params OneModeState[] factors) =>
        InitialStates.Build(space, new ProductState([.. factors]));

    public static double[] Linspace(double start, double end, int count) =>
        [.. Enumerable.Range(0, count).Select(i => start + ((end - start) * i / (count - 1)))];
}
