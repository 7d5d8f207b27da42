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

    /// <summary>|n⟩ on one mode of <paramref name="levels"/> levels.</summary>
    public static Complex[] Fock(int levels, int n)
    {
        var v = new Complex[levels];
        v[n] = 1;
        return v;
    }

    /// <summary>The coherent-state amplitudes e^{−|α|²/2} αⁿ/√n! (unnormalised after truncation).</summary>
    public static Complex[] Coherent(int levels, Complex alpha)
    {
        var v = new Complex[levels];
        Complex term = Math.Exp(-alpha.Magnitude * alpha.Magnitude / 2);
        for (int n = 0; n < levels; n++)
        {
            v[n] = term;
            term *= alpha / Math.Sqrt(n + 1);
        }
        return v;
    }

    /// <summary>∝ |α⟩ + |−α⟩ (even cat), normalised in the truncated space.</summary>
    public static Complex[] EvenCat(int levels, double alpha)
    {
        var plus = Coherent(levels, alpha);
        var minus = Coherent(levels, -alpha);
        var v = new Complex[levels];
        double norm = 0;
        for (int n = 0; n < levels; n++)
        {
            v[n] = plus[n] + minus[n];
            norm += v[n].Magnitude * v[n].Magnitude;
        }
        for (int n = 0; n < levels; n++) v[n] /= Math.Sqrt(norm);
        return v;
    }

    /// <summary>Thermal mixture p_n = n̄ⁿ/(1+n̄)^{n+1} as (p, |n⟩) components.</summary>
    public static List<(double, Complex[])> Thermal(int levels, double nbar)
    {
        var list = new List<(double, Complex[])>();
        for (int n = 0; n < levels; n++) list.Add((Math.Pow(nbar, n) / Math.Pow(1 + nbar, n + 1), Fock(levels, n)));
        return list;
    }

    /// <summary>Kronecker product (mode 0 most significant, as the Fock space orders its basis).</summary>
    public static Complex[] Product(Complex[] mode0, Complex[] mode1)
    {
        var v = new Complex[mode0.Length * mode1.Length];
        for (int i = 0; i < mode0.Length; i++)
            for (int j = 0; j < mode1.Length; j++)
                v[(i * mode1.Length) + j] = mode0[i] * mode1[j];
        return v;
    }

    public static double[] Linspace(double start, double end, int count) =>
        [.. Enumerable.Range(0, count).Select(i => start + ((end - start) * i / (count - 1)))];
}
