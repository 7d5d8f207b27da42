namespace BosonicTrajectories.Integrators;

/// <summary>dy/dt = f(t, y) for a real state vector (complex states are viewed as interleaved re/im pairs).</summary>
public delegate void RightHandSide(double t, ReadOnlySpan<double> y, Span<double> dydt);

/// <summary>
/// An explicit one-step ODE integrator driven step by step, with dense output inside the last accepted step.
/// Owns all its buffers: no allocation after <see cref="Initialize"/>. Jump and steady-state logic wrap it.
/// </summary>
public interface IOdeIntegrator
{
    /// <summary>Registry name, e.g. "dopri5".</summary>
    string Name { get; }

    /// <summary>Classical order of the propagating solution.</summary>
    int Order { get; }

    /// <summary>Start (or restart, e.g. after a quantum jump) at (t0, y0). Buffers are reused when the length is unchanged.</summary>
    void Initialize(double t0, ReadOnlySpan<double> y0, RightHandSide f, IntegratorOptions options);

    /// <summary>Replace the state at the current time (after a jump), keeping the step-size history.</summary>
    void ResetState(ReadOnlySpan<double> y);

    /// <summary>Time at the end of the last accepted step.</summary>
    double Time { get; }

    /// <summary>Time at the start of the last accepted step.</summary>
    double PreviousTime { get; }

    /// <summary>The state at <see cref="Time"/>.</summary>
    ReadOnlySpan<double> State { get; }

    /// <summary>
    /// The step size the next <see cref="Step"/> will attempt (before clipping to its tLimit); 0 before the first
    /// step when it is still to be chosen automatically.
    /// </summary>
    double StepSize { get; }

    /// <summary>
    /// Take one accepted step (retrying rejected ones) that does not pass <paramref name="tLimit"/>.
    /// Throws <see cref="Model.NumericalFailureException"/> on step-size underflow or a non-finite state.
    /// </summary>
    void Step(double tLimit);

    /// <summary>Dense output: the solution at t in [<see cref="PreviousTime"/>, <see cref="Time"/>].</summary>
    void Interpolate(double t, Span<double> y);

    IntegratorStatistics Statistics { get; }
}

/// <summary>
/// Tolerances and step controls. <see cref="FixedStep"/> switches the explicit Runge–Kutta methods to fixed steps
/// (rk4 always uses fixed steps); the Krylov integrator ignores it.
/// </summary>
public sealed record IntegratorOptions(
    double RelativeTolerance = 1e-6,
    double AbsoluteTolerance = 1e-8,
    double? InitialStep = null,
    double MaxStep = double.PositiveInfinity,
    double? FixedStep = null,
    long MaxSteps = 100_000_000)
{
    /// <summary>Krylov subspace dimension m of the krylov integrator (ignored by the others).</summary>
    public int KrylovDimension { get; init; } = 30;
}

/// <summary>Work counters, cumulative since <see cref="IOdeIntegrator.Initialize"/>.</summary>
public sealed class IntegratorStatistics
{
    public long AcceptedSteps { get; set; }
    public long RejectedSteps { get; set; }
    public long RhsEvaluations { get; set; }

    public void Clear() => AcceptedSteps = RejectedSteps = RhsEvaluations = 0;
}
