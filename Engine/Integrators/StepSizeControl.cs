using BosonicTrajectories.Model;

namespace BosonicTrajectories.Integrators;

/// <summary>
/// The one home of error control shared by all integrators: the Hairer weighted RMS error norm, the step-size
/// factor of the elementary (integral) controller, the automatic initial step, and the failure messages.
/// </summary>
/// <remarks>
/// Error norm: err = sqrt(mean_i (e_i / (atol + rtol·max(|y_i|, |y_new_i|)))²); a step is accepted when err ≤ 1.
/// New step: h·clamp(0.9·err^(−1/(q+1)), 0.2, 10) with q the lower order of the pair; after a rejection inside the
/// same step the factor is capped at 1 (no growth right after a failure). A plain integral controller is used
/// rather than PI control: the problems here (Lindblad, non-Hermitian Schrödinger) are smooth and non-stiff for
/// the explicit methods, where the I-controller is adequate; stiff cases belong to the krylov integrator.
/// </remarks>
public static class StepSizeControl
{
    /// <summary>Safety factor applied to the optimal step.</summary>
    public const double Safety = 0.9;

    /// <summary>Smallest step-size factor per attempt.</summary>
    public const double MinFactor = 0.2;

    /// <summary>Largest step-size factor per accepted step.</summary>
    public const double MaxFactor = 10.0;

    /// <summary>A step smaller than this fraction of |t| is an underflow (only ~100 ulps of t are left).</summary>
    public const double UnderflowRelative = 1e-14;

    /// <summary>Absolute floor of the underflow threshold, used near t = 0.</summary>
    public const double UnderflowAbsolute = 1e-200;

    /// <summary>
    /// Hairer's weighted RMS norm of the error estimate <paramref name="error"/> with scale
    /// atol + rtol·max(|y_i|, |y_new_i|). Returns NaN when any entry of the error or of y_new is not finite.
    /// </summary>
    public static double ErrorNorm(ReadOnlySpan<double> error, ReadOnlySpan<double> y, ReadOnlySpan<double> yNew,
        double absoluteTolerance, double relativeTolerance)
    {
        double sum = 0.0;
        for (int i = 0; i < error.Length; i++)
        {
            double yn = yNew[i];
            if (!double.IsFinite(yn))
                return double.NaN;
            double scale = absoluteTolerance + relativeTolerance * Math.Max(Math.Abs(y[i]), Math.Abs(yn));
            double ratio = error[i] / scale;
            sum += ratio * ratio;
        }

        double norm = Math.Sqrt(sum / Math.Max(1, error.Length));
        return double.IsFinite(norm) ? norm : double.NaN;
    }

    /// <summary>Weighted RMS norm of <paramref name="v"/> with scale atol + rtol·|y_i|.</summary>
    public static double ScaledNorm(ReadOnlySpan<double> v, ReadOnlySpan<double> y, double absoluteTolerance, double relativeTolerance)
    {
        double sum = 0.0;
        for (int i = 0; i < v.Length; i++)
        {
            double ratio = v[i] / (absoluteTolerance + relativeTolerance * Math.Abs(y[i]));
            sum += ratio * ratio;
        }

        return Math.Sqrt(sum / Math.Max(1, v.Length));
    }

    /// <summary>Step-size factor 0.9·err^(−1/(q+1)) clamped to [0.2, 10] (to [0.2, 1] right after a rejection).</summary>
    /// <param name="error">Weighted error norm of the attempted step (NaN: the trial was not finite).</param>
    /// <param name="errorOrder">q, the order of the local error estimate minus one (the lower order of the pair).</param>
    /// <param name="afterRejection">True when this step already failed once: growth is suppressed.</param>
    public static double Factor(double error, int errorOrder, bool afterRejection)
    {
        if (double.IsNaN(error))
            return MinFactor;
        double factor = error == 0.0 ? MaxFactor : Safety * Math.Pow(error, -1.0 / (errorOrder + 1));
        factor = Math.Clamp(factor, MinFactor, MaxFactor);
        return afterRejection ? Math.Min(factor, 1.0) : factor;
    }

    /// <summary>Smallest admissible adaptive step at time <paramref name="t"/>.</summary>
    public static double MinimumStep(double t) => Math.Max(UnderflowRelative * Math.Abs(t), UnderflowAbsolute);

    /// <summary>
    /// Hairer's automatic initial step (Hairer, Nørsett &amp; Wanner I, §II.4): a step whose explicit-Euler local error
    /// estimate is about 0.01 in the weighted norm, limited to 100 times the first guess and to <paramref name="maxStep"/>.
    /// Costs one evaluation of f.
    /// </summary>
    /// <param name="t">Start time.</param>
    /// <param name="y">State at t.</param>
    /// <param name="dydt">f(t, y).</param>
    /// <param name="f">The right-hand side.</param>
    /// <param name="order">Order of the method.</param>
    /// <param name="options">Tolerances and maximal step.</param>
    /// <param name="scratchState">Work space of the state's length.</param>
    /// <param name="scratchDerivative">Work space of the state's length.</param>
    public static double InitialStep(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> dydt, RightHandSide f, int order,
        IntegratorOptions options, Span<double> scratchState, Span<double> scratchDerivative)
    {
        double atol = options.AbsoluteTolerance, rtol = options.RelativeTolerance;
        double d0 = ScaledNorm(y, y, atol, rtol);
        double d1 = ScaledNorm(dydt, y, atol, rtol);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, options.MaxStep);

        for (int i = 0; i < y.Length; i++)
            scratchState[i] = y[i] + h0 * dydt[i];
        f(t + h0, scratchState, scratchDerivative);
        for (int i = 0; i < y.Length; i++)
            scratchState[i] = scratchDerivative[i] - dydt[i];
        double d2 = ScaledNorm(scratchState, y, atol, rtol) / h0;

        double dMax = Math.Max(d1, d2);
        double h1 = dMax <= 1e-15 || !double.IsFinite(dMax)
            ? Math.Max(1e-6, h0 * 1e-3)
            : Math.Pow(0.01 / dMax, 1.0 / (order + 1));
        return Math.Min(Math.Min(100 * h0, h1), options.MaxStep);
    }

    /// <summary>The failure for a step size that shrank below <see cref="MinimumStep"/>.</summary>
    public static NumericalFailureException Underflow(string integrator, double t, double h, bool lastTrialNotFinite)
    {
        string cause = lastTrialNotFinite
            ? "the trial state was not finite (NaN/Inf): the solution may blow up, or"
            : "the problem may be stiff or";
        return new NumericalFailureException(
            $"{integrator}: step size underflow at t = {t:G6} (h = {h:G3}); {cause} the tolerances too tight: " +
            "loosen rtol/atol or choose integrator krylov (for linear problems).");
    }

    /// <summary>The failure for exceeding <see cref="IntegratorOptions.MaxSteps"/>.</summary>
    public static NumericalFailureException TooManySteps(string integrator, double t, long maxSteps) =>
        new($"{integrator}: more than MaxSteps = {maxSteps} steps before t = {t:G6}; raise MaxSteps or loosen rtol/atol " +
            "(or choose integrator krylov if the problem is stiff and linear).");

    /// <summary>The failure for a non-finite state in a fixed-step integration.</summary>
    public static NumericalFailureException NotFinite(string integrator, double t, double h) =>
        new($"{integrator}: the state became non-finite (NaN/Inf) at t = {t:G6} with fixed step h = {h:G3}; " +
            "reduce the fixed step or use an adaptive integrator such as dopri5.");

    /// <summary>Checks caller-supplied options, naming the offending one.</summary>
    public static void Validate(IntegratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.RelativeTolerance >= 0) || !(options.AbsoluteTolerance >= 0) ||
            !(options.RelativeTolerance + options.AbsoluteTolerance > 0))
            throw new ArgumentException(
                $"rtol = {options.RelativeTolerance} and atol = {options.AbsoluteTolerance} must be ≥ 0 and not both 0.", nameof(options));
        if (!(options.MaxStep > 0))
            throw new ArgumentException($"MaxStep = {options.MaxStep} must be positive.", nameof(options));
        if (options.InitialStep is { } h0 && !(h0 > 0 && double.IsFinite(h0)))
            throw new ArgumentException($"InitialStep = {h0} must be positive and finite.", nameof(options));
        if (options.FixedStep is { } hf && !(hf > 0 && double.IsFinite(hf)))
            throw new ArgumentException($"FixedStep = {hf} must be positive and finite.", nameof(options));
        if (options.MaxSteps <= 0)
            throw new ArgumentException($"MaxSteps = {options.MaxSteps} must be positive.", nameof(options));
    }
}
