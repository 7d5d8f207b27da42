using System.Numerics.Tensors;
using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// Locates the time t* in the last accepted step [t_prev, t] at which ‖ψ(t*)‖² = r, using the integrator's dense
/// output and the Illinois variant of regula falsi (superlinear, always bracketing). Stops when
/// |‖ψ(t*)‖² − r| ≤ tolerance · r, or when the bracket has shrunk to a few ulps of t.
/// </summary>
public static class JumpTimeLocator
{
    /// <summary>Illinois iterations before giving up on the norm tolerance (the bracket is then ulp-sized anyway).</summary>
    private const int MaxIterations = 200;

    /// <param name="integrator">An integrator whose last step ended with ‖ψ‖² ≤ r and started with ‖ψ‖² &gt; r.</param>
    /// <param name="threshold">r ∈ (0, 1).</param>
    /// <param name="tolerance">Relative tolerance on the norm (<see cref="TrajectorySettings.JumpTimeTolerance"/>).</param>
    /// <param name="work">A buffer of the state's length; holds ψ(t*) on return.</param>
    /// <param name="normSquared">‖ψ(t*)‖² from the dense output.</param>
    /// <returns>t*.</returns>
    public static double Locate(IOdeIntegrator integrator, double threshold, double tolerance, Span<double> work, out double normSquared)
    {
        ArgumentNullException.ThrowIfNull(integrator);
        double a = integrator.PreviousTime, b = integrator.Time;
        double fa = Residual(integrator, a, threshold, work);
        double fb = Residual(integrator, b, threshold, work);
        double target = tolerance * threshold;
        if (fb >= -target && fb <= target) { normSquared = fb + threshold; return b; }
        if (fa <= 0)
        {
            // Already at or below r at the step start (only through round-off at a restart): jump there.
            integrator.Interpolate(a, work);
            normSquared = fa + threshold;
            return a;
        }

        int side = 0;
        double c = b, fc = fb;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            c = ((a * fb) - (b * fa)) / (fb - fa);
            if (!(c > a && c < b)) c = 0.5 * (a + b);
            fc = Residual(integrator, c, threshold, work);
            if (Math.Abs(fc) <= target || b - a <= 4 * (Math.BitIncrement(Math.Abs(b)) - Math.Abs(b))) break;
            if (fc < 0)
            {
                b = c; fb = fc;
                if (side == -1) fa *= 0.5;
                side = -1;
            }
            else
            {
                a = c; fa = fc;
                if (side == 1) fb *= 0.5;
                side = 1;
            }
        }
        normSquared = fc + threshold;
        return c;
    }

    private static double Residual(IOdeIntegrator integrator, double t, double threshold, Span<double> work)
    {
        integrator.Interpolate(t, work);
        return TensorPrimitives.SumOfSquares((ReadOnlySpan<double>)work) - threshold;
    }
}
