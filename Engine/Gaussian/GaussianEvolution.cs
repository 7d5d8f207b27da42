using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// Exact evolution of the first and second moments under <see cref="GaussianDynamics"/> (no time stepping error):
/// over a step h, ⟨x⟩ ← Φ ⟨x⟩ + c and Σ ← Φ Σ Φᵀ + W with
/// Φ = e^{F h},  c = ∫₀^h e^{F s} b ds,  W = ∫₀^h e^{F s} D e^{Fᵀ s} ds.
/// Φ, c and W come from block matrix exponentials (Van Loan, IEEE Trans. Autom. Control 23, 395 (1978)):
/// exp([[−F, D], [0, Fᵀ]] τ) = [[·, G], [0, e^{Fᵀτ}]] gives W(τ) = e^{Fτ} G, and exp([[F, b], [0, 0]] τ) gives c(τ).
/// They are evaluated on a short step τ = h/2^k (‖F τ‖₁ ≤ 1/2, so e^{−Fτ} stays tame even for a stable F) and
/// doubled k times with Φ(2τ) = Φ², c(2τ) = Φ c + c, W(2τ) = Φ W Φᵀ + W. Works for unstable F as well.
/// </summary>
public static class GaussianEvolution
{
    /// <summary>‖F τ‖₁ on the short step that feeds the block exponentials.</summary>
    private const double ShortStepNorm = 0.5;

    /// <summary>
    /// Consecutive output intervals that differ by less than this fraction reuse one propagator (samples evenly spaced
    /// in floating point differ by a few ulps); the time error this introduces is at most this fraction of a step.
    /// </summary>
    private const double StepReuseTolerance = 1e-12;

    /// <summary>
    /// The moments at each of <paramref name="times"/> (non-decreasing, ≥ 0), starting from <paramref name="initial"/>
    /// at t = 0.
    /// </summary>
    /// <exception cref="ArgumentException">Sizes differ, or the times are negative, not finite or not sorted.</exception>
    public static IReadOnlyList<QuadratureMoments> Evolve(GaussianDynamics dynamics, QuadratureMoments initial, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(times);
        int n = 2 * dynamics.Modes;
        if (initial.Mean.Count != n || initial.Covariance.RowCount != n || initial.Covariance.ColumnCount != n)
            throw new ArgumentException(
                $"the initial moments have {initial.Mean.Count} quadratures but the dynamics has {n}", nameof(initial));
        for (int k = 0; k < times.Count; k++)
        {
            if (!double.IsFinite(times[k]) || times[k] < 0)
                throw new ArgumentException($"times[{k}] = {times[k]} must be finite and ≥ 0", nameof(times));
            if (k > 0 && times[k] < times[k - 1])
                throw new ArgumentException($"times must be non-decreasing, but times[{k}] = {times[k]} < times[{k - 1}] = {times[k - 1]}", nameof(times));
        }

        var results = new QuadratureMoments[times.Count];
        var mean = initial.Mean.Clone();
        var covariance = initial.Covariance.Clone();
        double current = 0;
        Propagator? cached = null;
        for (int k = 0; k < times.Count; k++)
        {
            double step = times[k] - current;
            if (step > 0)
            {
                if (cached is null || Math.Abs(step - cached.Step) > StepReuseTolerance * cached.Step)
                    cached = Propagator.Build(dynamics, step);
                mean = cached.Transition * mean + cached.DriveIntegral;
                covariance = cached.Transition * covariance * cached.Transition.Transpose() + cached.NoiseIntegral;
                covariance = 0.5 * (covariance + covariance.Transpose());
            }
            current = times[k];
            results[k] = new QuadratureMoments(mean, covariance);
        }
        return results;
    }

    /// <summary>
    /// The moments of <paramref name="model"/> at each of <paramref name="times"/>, starting at t = 0 from the exact
    /// moments of <paramref name="initialState"/> (<see cref="InitialMoments"/>).
    /// </summary>
    /// <exception cref="NonGaussianModelException">The model is not quadratic.</exception>
    public static IReadOnlyList<QuadratureMoments> Evolve(OpenSystemModel model, InitialStateDescription initialState, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(model);
        var initial = GaussianMoments.ToQuadratures(InitialMoments.Of(initialState, model.Modes));
        return Evolve(GaussianDynamics.FromModel(model), initial, times);
    }

    /// <summary>The moments at one time t ≥ 0.</summary>
    public static QuadratureMoments At(GaussianDynamics dynamics, QuadratureMoments initial, double time) =>
        Evolve(dynamics, initial, [time])[0];

    /// <summary>Φ = e^{Fh}, c = ∫₀^h e^{Fs} b ds, W = ∫₀^h e^{Fs} D e^{Fᵀs} ds for one step h.</summary>
    private sealed record Propagator(double Step, Matrix<double> Transition, Vector<double> DriveIntegral, Matrix<double> NoiseIntegral)
    {
        public static Propagator Build(GaussianDynamics dynamics, double step)
        {
            var f = dynamics.Drift;
            int n = f.RowCount;
            double norm = f.L1Norm() * step;
            int doublings = norm <= ShortStepNorm ? 0 : (int)Math.Ceiling(Math.Log2(norm / ShortStepNorm));
            if (doublings > 1000)
                throw new NumericalFailureException(
                    $"the Gaussian propagator over a step of {step} needs 2^{doublings} sub-steps (‖F‖₁ = {f.L1Norm():G3}); " +
                    "reduce tEnd or increase samples");
            double tau = Math.ScaleB(step, -doublings);

            var noiseBlock = Matrix<double>.Build.Dense(2 * n, 2 * n);
            noiseBlock.SetSubMatrix(0, 0, -tau * f);
            noiseBlock.SetSubMatrix(0, n, tau * dynamics.Diffusion);
            noiseBlock.SetSubMatrix(n, n, tau * f.Transpose());
            var noiseExponential = MatrixExponential.Compute(noiseBlock);
            var transition = noiseExponential.SubMatrix(n, n, n, n).Transpose();
            var noise = transition * noiseExponential.SubMatrix(0, n, n, n);
            noise = 0.5 * (noise + noise.Transpose());

            var drive = Vector<double>.Build.Dense(n);
            bool driven = dynamics.Drive.AbsoluteMaximum() > 0;
            if (driven)
            {
                var driveBlock = Matrix<double>.Build.Dense(n + 1, n + 1);
                driveBlock.SetSubMatrix(0, 0, tau * f);
                driveBlock.SetColumn(n, 0, n, tau * dynamics.Drive);
                drive = MatrixExponential.Compute(driveBlock).Column(n, 0, n);
            }

            for (int k = 0; k < doublings; k++)
            {
                if (driven) drive = transition * drive + drive;
                noise = transition * noise * transition.Transpose() + noise;
                noise = 0.5 * (noise + noise.Transpose());
                transition *= transition;
            }
            return new Propagator(step, transition, drive, noise);
        }
    }
}
