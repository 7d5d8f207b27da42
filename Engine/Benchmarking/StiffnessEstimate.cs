using System.Numerics;
using BosonicTrajectories.Lindblad;

namespace BosonicTrajectories.Benchmarking;

/// <summary>
/// The spectral radius ρ(𝓛) of the lab-frame Liouvillian, by power iteration on its right-hand side, and the fixed
/// steps it suggests for rk4. An explicit method is stable only for h ρ below a constant of order 3 (classical RK4:
/// 2.79 on the negative real axis, 2.83 on the imaginary axis), so the automatic rk4 sweep starts at
/// h = <see cref="StabilityFraction"/>/ρ (or the output interval, whichever is smaller) and halves from there.
/// </summary>
public static class StiffnessEstimate
{
    /// <summary>h ρ of the largest automatic rk4 step: inside the RK4 stability region with a margin.</summary>
    public const double StabilityFraction = 2.0;

    /// <summary>Number of steps in the automatic rk4 sweep (each halving divides RK4's error by about 16).</summary>
    public const int AutomaticStepCount = 4;

    /// <summary>Power-iteration count: enough for an estimate within a few tens of percent, which is all a step choice needs.</summary>
    private const int Iterations = 40;

    /// <summary>
    /// max over the iterations of ‖𝓛 v‖_F / ‖v‖_F, v ← 𝓛 v / ‖𝓛 v‖ from a fixed pseudo-random Hermitian start (𝓛 at t = 0 of
    /// <paramref name="labFrameProblem"/>). For a non-normal 𝓛 this can exceed the spectral radius slightly, which errs
    /// on the safe side for a step choice.
    /// </summary>
    public static double SpectralRadius(LindbladProblem labFrameProblem)
    {
        ArgumentNullException.ThrowIfNull(labFrameProblem);
        if (labFrameProblem.UsesInteractionPicture)
            throw new ArgumentException("the estimate needs the lab-frame problem (interactionPicture: false)", nameof(labFrameProblem));
        int d = labFrameProblem.Dimension;
        var rhs = labFrameProblem.CreateRightHandSide();
        var v = new Complex[d * d];
        var w = new Complex[d * d];
        var random = new Random(20240607);
        for (int r = 0; r < d; r++)
        {
            v[(r * d) + r] = random.NextDouble();
            for (int c = r + 1; c < d; c++)
            {
                v[(r * d) + c] = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
                v[(c * d) + r] = Complex.Conjugate(v[(r * d) + c]);
            }
        }
        Normalise(v);
        double radius = 0;
        for (int k = 0; k < Iterations; k++)
        {
            rhs.Evaluate(0, v, w);
            double norm = Norm(w);
            if (norm == 0) break;            // 𝓛 v = 0: v is stationary; the radius seen so far stands
            radius = Math.Max(radius, norm);
            for (int i = 0; i < w.Length; i++) v[i] = w[i] / norm;
        }
        return radius;
    }

    /// <summary>
    /// The automatic rk4 steps: h₀ = min(<paramref name="outputInterval"/>, <see cref="StabilityFraction"/>/ρ), then
    /// h₀/2, h₀/4, … (<see cref="AutomaticStepCount"/> values).
    /// </summary>
    public static double[] AutomaticSteps(double spectralRadius, double outputInterval)
    {
        if (!(outputInterval > 0)) throw new ArgumentException($"the output interval must be positive, got {outputInterval}", nameof(outputInterval));
        double largest = spectralRadius > 0 ? Math.Min(outputInterval, StabilityFraction / spectralRadius) : outputInterval;
        return [.. Enumerable.Range(0, AutomaticStepCount).Select(k => Math.ScaleB(largest, -k))];
    }

    private static double Norm(ReadOnlySpan<Complex> x)
    {
        double sum = 0;
        foreach (var z in x) sum += (z.Real * z.Real) + (z.Imaginary * z.Imaginary);
        return Math.Sqrt(sum);
    }

    private static void Normalise(Span<Complex> x)
    {
        double norm = Norm(x);
        for (int i = 0; i < x.Length; i++) x[i] /= norm;
    }
}
