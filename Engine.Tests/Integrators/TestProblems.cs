using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>An initial-value problem with its closed-form solution.</summary>
internal sealed record TestProblem(string Name, double[] InitialState, RightHandSide F, Action<double, double[]> Exact, bool IsLinear)
{
    public override string ToString() => Name;

    public double[] ExactAt(double t)
    {
        var y = new double[InitialState.Length];
        Exact(t, y);
        return y;
    }

    /// <summary>Largest absolute deviation of <paramref name="y"/> from the exact solution at t.</summary>
    public double ErrorAt(double t, ReadOnlySpan<double> y)
    {
        double[] exact = ExactAt(t);
        double worst = 0.0;
        for (int i = 0; i < exact.Length; i++)
            worst = Math.Max(worst, Math.Abs(y[i] - exact[i]));
        return worst;
    }
}

/// <summary>The closed-form test problems shared by the integrator tests.</summary>
internal static class TestProblems
{
    public const double DecayRate = 0.7;
    public const double Frequency = 2.0;
    public const double Damping = 0.3;

    /// <summary>y' = −λ y, y(0) = 1: y = e^(−λt).</summary>
    public static TestProblem ExponentialDecay { get; } = new(
        "decay", [1.0],
        static (_, y, dydt) => dydt[0] = -DecayRate * y[0],
        static (t, y) => y[0] = Math.Exp(-DecayRate * t),
        IsLinear: true);

    /// <summary>
    /// Damped oscillator x'' = −ω²x − γx' as (x, v), x(0) = 1, v(0) = 0:
    /// x = e^(−γt/2)(cos Ωt + γ/(2Ω) sin Ωt), Ω = sqrt(ω² − γ²/4), v = −(ω²/Ω) e^(−γt/2) sin Ωt.
    /// </summary>
    public static TestProblem DampedOscillator { get; } = new(
        "damped oscillator", [1.0, 0.0],
        static (_, y, dydt) =>
        {
            dydt[0] = y[1];
            dydt[1] = -Frequency * Frequency * y[0] - Damping * y[1];
        },
        static (t, y) =>
        {
            double omega = Math.Sqrt(Frequency * Frequency - Damping * Damping / 4);
            double envelope = Math.Exp(-Damping * t / 2);
            y[0] = envelope * (Math.Cos(omega * t) + Damping / (2 * omega) * Math.Sin(omega * t));
            y[1] = -Frequency * Frequency / omega * envelope * Math.Sin(omega * t);
        },
        IsLinear: true);

    private static readonly double[] RotationFrequencies = [1.0, -2.5, 0.4];
    private static readonly (double Re, double Im)[] RotationStart = [(1.0, 0.0), (0.3, -0.6), (-0.2, 0.5)];

    /// <summary>Schrödinger-like y' = −iΩy for three complex amplitudes stored as (re, im) pairs: y_k(t) = e^(−iΩ_k t) y_k(0).</summary>
    public static TestProblem ComplexRotation { get; } = new(
        "complex rotation", RotationStart.SelectMany(z => new[] { z.Re, z.Im }).ToArray(),
        static (_, y, dydt) =>
        {
            for (int k = 0; k < RotationFrequencies.Length; k++)
            {
                double w = RotationFrequencies[k];
                dydt[2 * k] = w * y[2 * k + 1];
                dydt[2 * k + 1] = -w * y[2 * k];
            }
        },
        static (t, y) =>
        {
            for (int k = 0; k < RotationFrequencies.Length; k++)
            {
                double cos = Math.Cos(RotationFrequencies[k] * t), sin = Math.Sin(RotationFrequencies[k] * t);
                (double re, double im) = RotationStart[k];
                y[2 * k] = re * cos + im * sin;
                y[2 * k + 1] = im * cos - re * sin;
            }
        },
        IsLinear: true);

    /// <summary>Logistic y' = y(1 − y), y(0) = 0.01: y = 1 / (1 + 99e^(−t)) (the rise through y = ½ near t = 4.6).</summary>
    public static TestProblem Logistic { get; } = new(
        "logistic", [0.01],
        static (_, y, dydt) => dydt[0] = y[0] * (1 - y[0]),
        static (t, y) => y[0] = 1 / (1 + 99 * Math.Exp(-t)),
        IsLinear: false);

    private static readonly double[] KerrStart = [1.2, 0.3, -0.4, 0.8];

    /// <summary>
    /// Kerr self-phase modulation y' = −i|y|²y for two complex amplitudes as (re, im) pairs (nonlinear, yet solvable):
    /// |y_k| is conserved, so y_k(t) = e^(−i|y_k(0)|² t) y_k(0).
    /// </summary>
    public static TestProblem KerrPhase { get; } = new(
        "Kerr phase", [.. KerrStart],
        static (_, y, dydt) =>
        {
            for (int k = 0; k < 2; k++)
            {
                double intensity = y[2 * k] * y[2 * k] + y[2 * k + 1] * y[2 * k + 1];
                dydt[2 * k] = intensity * y[2 * k + 1];
                dydt[2 * k + 1] = -intensity * y[2 * k];
            }
        },
        static (t, y) =>
        {
            for (int k = 0; k < 2; k++)
            {
                double re = KerrStart[2 * k], im = KerrStart[2 * k + 1];
                double phase = (re * re + im * im) * t;
                y[2 * k] = re * Math.Cos(phase) + im * Math.Sin(phase);
                y[2 * k + 1] = im * Math.Cos(phase) - re * Math.Sin(phase);
            }
        },
        IsLinear: false);

    public static TestProblem[] All { get; } = [ExponentialDecay, DampedOscillator, ComplexRotation, Logistic, KerrPhase];

    /// <summary>Integrates to <paramref name="tEnd"/> with repeated Step(tEnd) and returns the state there.</summary>
    public static double[] Solve(IOdeIntegrator integrator, TestProblem problem, double tEnd, IntegratorOptions options)
    {
        integrator.Initialize(0.0, problem.InitialState, problem.F, options);
        while (integrator.Time < tEnd)
            integrator.Step(tEnd);
        return integrator.State.ToArray();
    }

    /// <summary>Least-squares slope of log(error) against log(h).</summary>
    public static double FittedSlope(IReadOnlyList<double> steps, IReadOnlyList<double> errors)
    {
        double[] x = steps.Select(s => Math.Log(s)).ToArray();
        double[] y = errors.Select(e => Math.Log(e)).ToArray();
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y, (xi, yi) => (xi - mx) * (yi - my)).Sum();
        double sxx = x.Sum(xi => (xi - mx) * (xi - mx));
        return sxy / sxx;
    }
}
