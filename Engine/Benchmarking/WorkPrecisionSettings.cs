using System.Collections.Immutable;

namespace BosonicTrajectories.Benchmarking;

/// <summary>Which solver a work-precision point exercises.</summary>
public enum WorkPrecisionMethod { Lindblad, Trajectories }

/// <summary>
/// What a work-precision study sweeps (see <see cref="WorkPrecisionStudy"/>).
/// <para>
/// Adaptive integrators run at rtol = tol and atol = tol / <see cref="AbsoluteToleranceDivisor"/> for every tol in
/// <see cref="Tolerances"/>; the fixed-step rk4 runs at every step in <see cref="Rk4Steps"/> (null: chosen from the
/// problem's stiffness, <see cref="StiffnessEstimate"/>, with as many halvings as there are tolerances). Trajectory
/// points run <see cref="Trajectories"/> trajectories with <see cref="Seed"/> each: the integrator-tolerance sweep at
/// jump-time tolerance <see cref="JumpTimeTolerance"/>, then the jump-time sweep over <see cref="JumpTimeTolerances"/>
/// at the tightest integrator tolerance (smallest rk4 step).
/// </para>
/// </summary>
/// <param name="Methods">lindblad and/or trajectories.</param>
/// <param name="Integrators">Registry names (<see cref="Integrators.IntegratorRegistry"/>), in the order they are run.</param>
/// <param name="Tolerances">rtol values, loosest first.</param>
/// <param name="Rk4Steps">Fixed steps for rk4, largest first; null: automatic.</param>
/// <param name="JumpTimeTolerances">Jump-time tolerances of the trajectory jump-time sweep, loosest first.</param>
/// <param name="JumpTimeTolerance">Jump-time tolerance of the trajectory integrator-tolerance sweep.</param>
/// <param name="Trajectories">Trajectories per trajectory point.</param>
/// <param name="Seed">Ensemble seed of every trajectory point (so all points draw the same random numbers).</param>
/// <param name="Threads">Worker threads of the trajectory ensembles (wall times depend on it; results do not).</param>
public sealed record WorkPrecisionSettings(
    ImmutableArray<WorkPrecisionMethod> Methods,
    ImmutableArray<string> Integrators,
    ImmutableArray<double> Tolerances,
    ImmutableArray<double>? Rk4Steps,
    ImmutableArray<double> JumpTimeTolerances,
    double JumpTimeTolerance,
    int Trajectories,
    ulong Seed,
    int Threads)
{
    /// <summary>rtol / atol in every adaptive point: atol = tol/100 (ρ and ψ entries are ≲ 1, so atol mainly guards zeros).</summary>
    public const double AbsoluteToleranceDivisor = 100;

    /// <summary>Default tolerance sweep.</summary>
    public const string DefaultTolerances = "1e-3:1e-9";

    /// <summary>Default jump-time sweep.</summary>
    public const string DefaultJumpTimeTolerances = "1e-2:1e-10:0.5";

    /// <summary>The engine's default jump-time tolerance (<see cref="Trajectories.TrajectorySettings"/>).</summary>
    public const double DefaultJumpTimeTolerance = 1e-10;

    /// <summary>The absolute tolerance paired with <paramref name="relativeTolerance"/>.</summary>
    public static double AbsoluteToleranceFor(double relativeTolerance) => relativeTolerance / AbsoluteToleranceDivisor;
}
