using System.Numerics.Tensors;

namespace BosonicTrajectories.Integrators;

/// <summary>
/// The one explicit Runge–Kutta stepping engine shared by every tableau: integrates dy/dt = f(t, y) with
/// k_i = f(t + c_i h, y + h Σ_j a_ij k_j), y_new = y + h Σ_i b_i k_i.
/// </summary>
/// <remarks>
/// <para>Adaptive mode (tableau with an embedded solution and no <see cref="IntegratorOptions.FixedStep"/>): the local
/// error e = h Σ (b_i − b̂_i) k_i is measured with <see cref="StepSizeControl.ErrorNorm"/> and controlled by
/// <see cref="StepSizeControl.Factor"/>; the first step is chosen by <see cref="StepSizeControl.InitialStep"/> unless
/// <see cref="IntegratorOptions.InitialStep"/> is set. A trial with a non-finite state is rejected like a failed
/// error test; an adaptive step below <see cref="StepSizeControl.MinimumStep"/> throws.</para>
/// <para>Fixed-step mode (<see cref="IntegratorOptions.FixedStep"/> h₀ set, or a tableau without an embedded solution,
/// where h₀ defaults to <see cref="DefaultFixedStep"/>): each <see cref="Step"/> takes
/// h = (tLimit − t) / ceil((tLimit − t) / h₀), so equal steps land exactly on tLimit; a non-finite state throws.</para>
/// <para>A step never passes tLimit: a step within 1% of tLimit is stretched or clipped to end exactly on it.
/// FSAL tableaus reuse their last stage as the next first stage; otherwise f(t_new, y_new) is evaluated lazily
/// (on the next step, or when the Hermite dense output needs it). Dense output uses the tableau's continuous
/// extension (extra stages evaluated once per step on first use) or, without one, cubic Hermite interpolation.
/// All buffers are allocated by <see cref="Initialize"/> and reused while the state length is unchanged.</para>
/// </remarks>
public sealed class ExplicitRungeKuttaIntegrator : IOdeIntegrator
{
    /// <summary>Step used by tableaus without an embedded solution when <see cref="IntegratorOptions.FixedStep"/> is unset.</summary>
    public const double DefaultFixedStep = 1e-3;

    /// <summary>A step within this fraction of tLimit is adjusted to land exactly on tLimit (no sliver steps).</summary>
    private const double LandingSlack = 0.01;

    // Doubles per chunk of a stage combination: 16 KiB, half of a 32 KiB L1 data cache.
    private const int CombinationChunk = 2048;

    private readonly ButcherTableau _tableau;
    private readonly int _stages;
    private readonly int _errorOrder;

    private double[][] _k = [];
    private double[] _kEnd = [];
    private double[] _y = [], _yPrevious = [], _yNew = [], _yStage = [], _error = [];
    private double[] _denseWeights = [];

    private RightHandSide? _f;
    private IntegratorOptions _options = new();
    private double _t, _tPrevious, _h, _hNext;
    private bool _fixedStepMode;

    // Where f(t, y) at the current point lives: −2 not evaluated, −1 in _kEnd, otherwise the stage index.
    private int _currentDerivativeSlot = -2;
    private bool _extraStagesReady;

    /// <summary>Wraps <paramref name="tableau"/> in the shared stepping engine.</summary>
    public ExplicitRungeKuttaIntegrator(ButcherTableau tableau)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        _tableau = tableau;
        _stages = tableau.StageCount;
        _errorOrder = Math.Min(tableau.Order, tableau.EmbeddedOrder);
    }

    public ButcherTableau Tableau => _tableau;
    public string Name => _tableau.Name;
    public int Order => _tableau.Order;
    public double Time => _t;
    public double PreviousTime => _tPrevious;
    public ReadOnlySpan<double> State => _y;
    public double StepSize => _hNext;
    public IntegratorStatistics Statistics { get; } = new();

    public void Initialize(double t0, ReadOnlySpan<double> y0, RightHandSide f, IntegratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(f);
        StepSizeControl.Validate(options);
        if (!double.IsFinite(t0))
            throw new ArgumentException($"t0 = {t0} must be finite.", nameof(t0));
        EnsureFinite(y0, nameof(y0));
        if (y0.IsEmpty)
            throw new ArgumentException("The state must have at least one component.", nameof(y0));

        Allocate(y0.Length);
        _f = f;
        _options = options;
        _fixedStepMode = options.FixedStep is not null || !_tableau.IsAdaptive;
        _t = _tPrevious = t0;
        _h = 0.0;
        _hNext = _fixedStepMode ? Math.Min(options.FixedStep ?? DefaultFixedStep, options.MaxStep) : options.InitialStep ?? 0.0;
        _hNext = Math.Min(_hNext, options.MaxStep);
        y0.CopyTo(_y);
        y0.CopyTo(_yPrevious);
        _currentDerivativeSlot = -2;
        _extraStagesReady = false;
        Statistics.Clear();
    }

    public void ResetState(ReadOnlySpan<double> y)
    {
        RequireInitialized();
        if (y.Length != _y.Length)
            throw new ArgumentException($"The state has length {y.Length}, expected {_y.Length}.", nameof(y));
        EnsureFinite(y, nameof(y));
        y.CopyTo(_y);
        y.CopyTo(_yPrevious);
        _tPrevious = _t;
        _h = 0.0;
        _currentDerivativeSlot = -2;
        _extraStagesReady = false;
    }

    /// <summary>Restart at t in [PreviousTime, Time] (e.g. a located quantum jump), keeping the proposed step size.</summary>
    public void RestartAt(double t, ReadOnlySpan<double> y)
    {
        RequireInitialized();
        double slack = 1e-12 * (Math.Abs(_t) + _h);
        if (!(t >= _tPrevious - slack && t <= _t + slack))
            throw new ArgumentOutOfRangeException(nameof(t), t, $"A restart must lie in the last step [{_tPrevious}, {_t}].");
        _t = t;
        ResetState(y);
    }

    public void Step(double tLimit)
    {
        RequireInitialized();
        if (!(tLimit > _t))
            throw new ArgumentOutOfRangeException(nameof(tLimit), tLimit, $"tLimit must exceed the current time {_t}.");
        if (Statistics.AcceptedSteps >= _options.MaxSteps)
            throw StepSizeControl.TooManySteps(Name, _t, _options.MaxSteps);

        MoveCurrentDerivativeToFirstStage();
        if (_fixedStepMode)
            TakeFixedStep(tLimit);
        else
            TakeAdaptiveStep(tLimit);
    }

    public void Interpolate(double t, Span<double> y)
    {
        RequireInitialized();
        if (y.Length != _y.Length)
            throw new ArgumentException($"The destination has length {y.Length}, expected {_y.Length}.", nameof(y));
        double slack = 1e-12 * (Math.Abs(_t) + _h);
        if (!(t >= _tPrevious - slack && t <= _t + slack))
            throw new ArgumentOutOfRangeException(nameof(t), t, $"Dense output is available on [{_tPrevious}, {_t}] only.");
        if (t >= _t || _h == 0.0)
        {
            _y.CopyTo(y);
            return;
        }

        if (t <= _tPrevious)
        {
            _yPrevious.CopyTo(y);
            return;
        }

        double theta = (t - _tPrevious) / _h;
        if (_tableau.DenseOutput is { } dense)
            InterpolateContinuousExtension(dense, theta, y);
        else
            InterpolateHermite(theta, y);
    }

    private void TakeFixedStep(double tLimit)
    {
        double remaining = tLimit - _t;
        double hBase = _hNext;
        double steps = Math.Ceiling(remaining / hBase * (1 - 1e-12));
        double h = steps <= 1 ? remaining : remaining / steps;
        double tNew = steps <= 1 ? tLimit : _t + h;

        ComputeStages(h);
        if (!IsFinite(_yNew))
            throw StepSizeControl.NotFinite(Name, _t, h);
        Accept(h, tNew);
    }

    private void TakeAdaptiveStep(double tLimit)
    {
        if (_hNext <= 0.0)
        {
            _hNext = StepSizeControl.InitialStep(_t, _y, _k[0], _f!, Order, _options, _yNew, _yStage);
            Statistics.RhsEvaluations++;
        }

        double h = _hNext;
        bool rejected = false;
        while (true)
        {
            double remaining = tLimit - _t;
            bool lands = h * (1 + LandingSlack) >= remaining;
            double hTrial = lands ? remaining : h;
            double tNew = lands ? tLimit : _t + hTrial;

            ComputeStages(hTrial);
            double error = ErrorEstimate(hTrial);
            if (error <= 1.0)
            {
                double factor = StepSizeControl.Factor(error, _errorOrder, rejected);
                // A step shortened to land on tLimit says nothing against the longer step planned before.
                _hNext = Math.Min(lands ? Math.Max(hTrial * factor, h) : hTrial * factor, _options.MaxStep);
                Accept(hTrial, tNew);
                return;
            }

            Statistics.RejectedSteps++;
            h = hTrial * StepSizeControl.Factor(error, _errorOrder, afterRejection: true);
            rejected = true;
            if (h < StepSizeControl.MinimumStep(_t))
                throw StepSizeControl.Underflow(Name, _t, h, double.IsNaN(error));
        }
    }

    /// <summary>Evaluates stages 2..s into _k and the candidate y_new into _yNew; _k[0] holds f(t, y).</summary>
    private void ComputeStages(double h)
    {
        double[][] a = _tableau.A;
        double[] c = _tableau.C;
        for (int i = 1; i < _stages; i++)
        {
            if (_tableau.IsFsal && i == _stages - 1)
            {
                CombineStages(_y, _tableau.B, h, _yNew);
                _f!(_t + h, _yNew, _k[i]);
            }
            else
            {
                CombineStages(_y, a[i], h, _yStage);
                _f!(_t + c[i] * h, _yStage, _k[i]);
            }

            Statistics.RhsEvaluations++;
        }

        if (!_tableau.IsFsal)
            CombineStages(_y, _tableau.B, h, _yNew);
    }

    /// <summary>
    /// destination = y + h Σ_j weights_j k_j over the first weights.Length stages, in chunks of
    /// <see cref="CombinationChunk"/> doubles so the destination chunk stays in the L1 cache while every stage is added
    /// to it (each stage vector is read once; per element the operations and their order are those of whole-vector
    /// passes, so the result is the same to the bit).
    /// </summary>
    private void CombineStages(ReadOnlySpan<double> y, double[] weights, double h, Span<double> destination)
    {
        for (int start = 0; start < destination.Length; start += CombinationChunk)
        {
            int length = Math.Min(CombinationChunk, destination.Length - start);
            var target = destination.Slice(start, length);
            y.Slice(start, length).CopyTo(target);
            for (int j = 0; j < weights.Length; j++)
            {
                if (weights[j] != 0.0)
                    TensorPrimitives.MultiplyAdd(_k[j].AsSpan(start, length), h * weights[j], target, target);
            }
        }
    }

    private double ErrorEstimate(double h)
    {
        double[] e = _tableau.ErrorWeights!;
        for (int start = 0; start < _error.Length; start += CombinationChunk)
        {
            int length = Math.Min(CombinationChunk, _error.Length - start);
            var target = _error.AsSpan(start, length);
            target.Clear();
            for (int j = 0; j < e.Length; j++)
            {
                if (e[j] != 0.0)
                    TensorPrimitives.MultiplyAdd(_k[j].AsSpan(start, length), h * e[j], target, target);
            }
        }

        return StepSizeControl.ErrorNorm(_error, _y, _yNew, _options.AbsoluteTolerance, _options.RelativeTolerance);
    }

    private void Accept(double h, double tNew)
    {
        (_yPrevious, _y, _yNew) = (_y, _yNew, _yPrevious);
        _tPrevious = _t;
        _t = tNew;
        _h = h;
        _currentDerivativeSlot = _tableau.IsFsal ? _stages - 1 : -2;
        _extraStagesReady = false;
        Statistics.AcceptedSteps++;
    }

    /// <summary>Makes _k[0] hold f(t, y) at the current point, reusing the FSAL stage or the lazily evaluated derivative.</summary>
    private void MoveCurrentDerivativeToFirstStage()
    {
        switch (_currentDerivativeSlot)
        {
            case -2:
                _f!(_t, _y, _k[0]);
                Statistics.RhsEvaluations++;
                break;
            case -1:
                (_k[0], _kEnd) = (_kEnd, _k[0]);
                break;
            case > 0:
                (_k[0], _k[_currentDerivativeSlot]) = (_k[_currentDerivativeSlot], _k[0]);
                break;
        }

        _currentDerivativeSlot = 0;
    }

    /// <summary>f(t_new, y_new) of the last accepted step, evaluating it on first use.</summary>
    private double[] EndDerivative()
    {
        switch (_currentDerivativeSlot)
        {
            case -2:
                _f!(_t, _y, _kEnd);
                Statistics.RhsEvaluations++;
                _currentDerivativeSlot = -1;
                return _kEnd;
            case -1:
                return _kEnd;
            default:
                return _k[_currentDerivativeSlot];
        }
    }

    private void InterpolateContinuousExtension(double[][] dense, double theta, Span<double> y)
    {
        EnsureExtraStages();
        for (int i = 0; i < dense.Length; i++)
        {
            double[] row = dense[i];
            double weight = 0.0;
            for (int p = row.Length - 1; p >= 0; p--)
                weight = (weight + row[p]) * theta;
            _denseWeights[i] = weight;
        }

        _yPrevious.CopyTo(y);
        for (int i = 0; i < dense.Length; i++)
        {
            if (_denseWeights[i] != 0.0)
                TensorPrimitives.MultiplyAdd(_k[i], _h * _denseWeights[i], y, y);
        }
    }

    private void EnsureExtraStages()
    {
        if (_extraStagesReady)
            return;
        for (int i = _stages; i < _tableau.TotalStageCount; i++)
        {
            if (i == _tableau.EndDerivativeExtraStage)
            {
                EndDerivative().CopyTo(_k[i], 0);
                continue;
            }

            CombineStages(_yPrevious, _tableau.A[i], _h, _yStage);
            _f!(_tPrevious + _tableau.C[i] * _h, _yStage, _k[i]);
            Statistics.RhsEvaluations++;
        }

        _extraStagesReady = true;
    }

    /// <summary>Cubic Hermite: matches y and f at both ends of the step (third order).</summary>
    private void InterpolateHermite(double theta, Span<double> y)
    {
        double[] f1 = EndDerivative();
        double[] f0 = _k[0];
        double h = _h;
        double s = theta, s1 = theta - 1;
        for (int i = 0; i < y.Length; i++)
        {
            double y0 = _yPrevious[i], y1 = _y[i];
            y[i] = (1 - s) * y0 + s * y1 + s * s1 * ((1 - 2 * s) * (y1 - y0) + s1 * h * f0[i] + s * h * f1[i]);
        }
    }

    private void Allocate(int n)
    {
        if (_y.Length == n)
            return;
        _k = new double[_tableau.TotalStageCount][];
        for (int i = 0; i < _k.Length; i++)
            _k[i] = new double[n];
        _kEnd = new double[n];
        _y = new double[n];
        _yPrevious = new double[n];
        _yNew = new double[n];
        _yStage = new double[n];
        _error = new double[n];
        _denseWeights = new double[_tableau.TotalStageCount];
    }

    private void RequireInitialized()
    {
        if (_f is null)
            throw new InvalidOperationException($"{Name}: call Initialize before stepping.");
    }

    private static bool IsFinite(ReadOnlySpan<double> v)
    {
        foreach (double x in v)
        {
            if (!double.IsFinite(x))
                return false;
        }

        return true;
    }

    private static void EnsureFinite(ReadOnlySpan<double> v, string argument)
    {
        if (!IsFinite(v))
            throw new ArgumentException("The state contains NaN or infinite entries.", argument);
    }
}
