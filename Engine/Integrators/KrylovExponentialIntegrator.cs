using System.Numerics.Tensors;

namespace BosonicTrajectories.Integrators;

/// <summary>
/// Exponential integrator for LINEAR autonomous problems dy/dt = L y (the Lindblad equation dρ/dt = 𝓛ρ, or the
/// non-Hermitian Schrödinger equation dψ/dt = −iH_eff ψ, as real vectors): each step is y(t + h) = exp(hL) y,
/// approximated in the Krylov subspace K_m(L, y) built by Arnoldi as y(t + h) ≈ β V_m exp(hH_m) e_1, β = ‖y‖₂.
/// </summary>
/// <remarks>
/// <para>The right-hand side is only ever called as a matrix–vector product v ↦ Lv (at the current time); it must be
/// linear and homogeneous (no source term) and time-independent. For such problems the method is exact up to the
/// Krylov error, which is controlled; for anything else it is wrong — which is why only the Lindblad/trajectory
/// callers use it, on their linear equations. Its step is not limited by the largest decay rate ρ of L the way an
/// explicit method's is (h ≲ 3/ρ): with a polynomial Krylov space of dimension m it is limited only by roughly m²/ρ
/// while stiff components are present, and by accuracy alone once the subspace is (nearly) invariant — so it is the
/// choice for stiff or strongly damped problems.</para>
/// <para>Arnoldi uses modified Gram–Schmidt with one selective reorthogonalisation pass ("twice is enough": repeated
/// when the vector's norm drops below 1/√2 of its value before orthogonalisation). The small exponential is the
/// Padé [13/13] scaling-and-squaring of <see cref="SmallMatrixExponential"/>.</para>
/// <para>Error control: the a-posteriori estimate e(s) ≈ β h_{m+1,m} [exp(sH_m)e_1]_m v_{m+1} is measured with
/// <see cref="StepSizeControl.ErrorNorm"/> at s = h and, so that dense output can be trusted, at the interior points
/// s = h/2, h/4, …, h/1024 (for stiff problems the error rises and decays again inside a long step); a step is
/// accepted when the largest of these norms is ≤ 1. Because one Arnoldi basis serves
/// every h, a rejected h costs only a new m×m exponential (no new products with L). A lucky breakdown
/// (h_{j+1,j} ≈ 0: the subspace is invariant) makes the step exact for any h. The first trial step is the whole
/// remaining interval (or <see cref="IntegratorOptions.InitialStep"/>), clipped to <see cref="IntegratorOptions.MaxStep"/>.</para>
/// <para>Dense output: y(t_prev + s) = β V_m exp(sH_m) e_1 from the same basis, for any s in the last step.
/// <see cref="Order"/> is m − 1: the approximation is exact for polynomials of degree m − 1 in hL.</para>
/// </remarks>
public sealed class KrylovExponentialIntegrator : IOdeIntegrator
{
    /// <summary>Reorthogonalise when ‖w‖ falls below this fraction of its norm before orthogonalisation.</summary>
    private const double ReorthogonalisationThreshold = 0.7071067811865476;

    /// <summary>h_{j+1,j} below this fraction of ‖Lv_j‖ counts as a lucky breakdown (invariant subspace).</summary>
    private const double BreakdownTolerance = 1e-13;

    private const double LandingSlack = 0.01;

    private int _maxDimension;
    private double[][] _basis = [];
    private double[] _hessenberg = [];     // (m+1) × m, row-major with stride m
    private double[] _small = [];          // k × k copy of H_k for the exponential
    private double[] _exponential = [];    // k × k result
    private double[] _squared = [];        // k × k work space for the dyadic squarings
    private double[] _coefficients = [];   // β exp(hH_k) e_1
    private double[] _y = [], _yPrevious = [], _yNew = [];
    private SmallMatrixExponential? _expm;

    private RightHandSide? _f;
    private IntegratorOptions _options = new();
    private double _t, _tPrevious, _h, _hNext;

    // The Arnoldi decomposition of the last accepted step: dimension, norm of its start vector, breakdown flag.
    private int _dimension;
    private double _beta;
    private bool _invariant;

    public string Name => "krylov";
    public int Order => Math.Max(1, (_maxDimension == 0 ? _options.KrylovDimension : _maxDimension) - 1);
    public double Time => _t;
    public double PreviousTime => _tPrevious;
    public ReadOnlySpan<double> State => _y;
    public double StepSize => _hNext;
    public IntegratorStatistics Statistics { get; } = new();

    public void Initialize(double t0, ReadOnlySpan<double> y0, RightHandSide f, IntegratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(f);
        StepSizeControl.Validate(options);
        if (options.KrylovDimension < 1)
            throw new ArgumentException($"KrylovDimension = {options.KrylovDimension} must be at least 1.", nameof(options));
        if (!double.IsFinite(t0))
            throw new ArgumentException($"t0 = {t0} must be finite.", nameof(t0));
        if (y0.IsEmpty)
            throw new ArgumentException("The state must have at least one component.", nameof(y0));
        foreach (double v in y0)
        {
            if (!double.IsFinite(v))
                throw new ArgumentException("The state contains NaN or infinite entries.", nameof(y0));
        }

        Allocate(y0.Length, Math.Min(options.KrylovDimension, y0.Length));
        _f = f;
        _options = options;
        _t = _tPrevious = t0;
        _h = 0.0;
        _hNext = Math.Min(options.InitialStep ?? 0.0, options.MaxStep);
        y0.CopyTo(_y);
        y0.CopyTo(_yPrevious);
        _dimension = 0;
        Statistics.Clear();
    }

    public void ResetState(ReadOnlySpan<double> y)
    {
        if (_f is null)
            throw new InvalidOperationException("krylov: call Initialize before stepping.");
        if (y.Length != _y.Length)
            throw new ArgumentException($"The state has length {y.Length}, expected {_y.Length}.", nameof(y));
        foreach (double v in y)
        {
            if (!double.IsFinite(v))
                throw new ArgumentException("The state contains NaN or infinite entries.", nameof(y));
        }

        y.CopyTo(_y);
        y.CopyTo(_yPrevious);
        _tPrevious = _t;
        _h = 0.0;
        _dimension = 0;
    }

    public void Step(double tLimit)
    {
        if (_f is null)
            throw new InvalidOperationException("krylov: call Initialize before stepping.");
        if (!(tLimit > _t))
            throw new ArgumentOutOfRangeException(nameof(tLimit), tLimit, $"tLimit must exceed the current time {_t}.");
        if (Statistics.AcceptedSteps >= _options.MaxSteps)
            throw StepSizeControl.TooManySteps(Name, _t, _options.MaxSteps);

        BuildKrylovBasis();
        double planned = _hNext > 0.0 ? _hNext : Math.Min(tLimit - _t, _options.MaxStep);
        double h = planned;
        bool rejected = false;
        while (true)
        {
            double remaining = tLimit - _t;
            bool lands = h * (1 + LandingSlack) >= remaining;
            double hTrial = lands ? remaining : h;
            double error = Propagate(hTrial, _yNew, estimateError: true);
            if (error <= 1.0)
            {
                double factor = _invariant ? StepSizeControl.MaxFactor : StepSizeControl.Factor(error, Order, rejected);
                _hNext = Math.Min(lands ? Math.Max(hTrial * factor, planned) : hTrial * factor, _options.MaxStep);
                (_yPrevious, _y, _yNew) = (_y, _yNew, _yPrevious);
                _tPrevious = _t;
                _t = lands ? tLimit : _t + hTrial;
                _h = hTrial;
                Statistics.AcceptedSteps++;
                return;
            }

            Statistics.RejectedSteps++;
            rejected = true;
            h = hTrial * StepSizeControl.Factor(error, Order, afterRejection: true);
            if (h < StepSizeControl.MinimumStep(_t))
            {
                throw new Model.NumericalFailureException(
                    $"krylov: step size underflow at t = {_t:G6} (h = {h:G3}){(double.IsNaN(error) ? "; the propagated state was not finite" : "")}; " +
                    "the Krylov error estimate cannot meet the tolerances: loosen rtol/atol or raise KrylovDimension " +
                    "(and check that the right-hand side is linear, dy/dt = L y).");
            }
        }
    }

    public void Interpolate(double t, Span<double> y)
    {
        if (_f is null)
            throw new InvalidOperationException("krylov: call Initialize before stepping.");
        if (y.Length != _y.Length)
            throw new ArgumentException($"The destination has length {y.Length}, expected {_y.Length}.", nameof(y));
        double slack = 1e-12 * (Math.Abs(_t) + _h);
        if (!(t >= _tPrevious - slack && t <= _t + slack))
            throw new ArgumentOutOfRangeException(nameof(t), t, $"Dense output is available on [{_tPrevious}, {_t}] only.");
        if (t >= _t || _h == 0.0 || _dimension == 0)
        {
            _y.CopyTo(y);
            return;
        }

        if (t <= _tPrevious)
        {
            _yPrevious.CopyTo(y);
            return;
        }

        Propagate(t - _tPrevious, y, estimateError: false);
    }

    /// <summary>
    /// Arnoldi on K_m(L, y): orthonormal V = [v_0 … v_k] and Hessenberg H with L V_k = V_k H_k + h_{k,k−1} v_k e_kᵀ.
    /// Sets _dimension = k and _invariant when the subspace closed (lucky breakdown).
    /// </summary>
    private void BuildKrylovBasis()
    {
        int m = _maxDimension;
        Array.Clear(_hessenberg);
        _invariant = false;
        _beta = TensorPrimitives.Norm(_y);
        if (_beta == 0.0)
        {
            _dimension = 1;
            _invariant = true;
            Array.Clear(_basis[0]);
            return;
        }

        TensorPrimitives.Multiply(_y, 1.0 / _beta, _basis[0]);
        for (int j = 0; j < m; j++)
        {
            double[] w = _basis[j + 1];
            _f!(_t, _basis[j], w);
            Statistics.RhsEvaluations++;
            double normBefore = TensorPrimitives.Norm(w);
            if (!double.IsFinite(normBefore))
            {
                throw new Model.NumericalFailureException(
                    $"krylov: the right-hand side returned a non-finite vector at t = {_t:G6}; the state or operator is not finite.");
            }

            Orthogonalise(w, j, normBefore);
            double normAfter = TensorPrimitives.Norm(w);
            _hessenberg[(j + 1) * m + j] = normAfter;
            if (normAfter <= BreakdownTolerance * normBefore || normAfter == 0.0)
            {
                _dimension = j + 1;
                _invariant = true;
                return;
            }

            TensorPrimitives.Multiply(w, 1.0 / normAfter, w);
        }

        _dimension = m;
    }

    /// <summary>Modified Gram–Schmidt of w against v_0..v_j, repeated once when cancellation was severe.</summary>
    private void Orthogonalise(double[] w, int j, double normBefore)
    {
        int m = _maxDimension;
        double norm = normBefore;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i <= j; i++)
            {
                double projection = TensorPrimitives.Dot(_basis[i], w);
                _hessenberg[i * m + j] += projection;
                TensorPrimitives.MultiplyAdd(_basis[i], -projection, w, w);
            }

            double after = TensorPrimitives.Norm(w);
            if (after >= ReorthogonalisationThreshold * norm)
                break;
            norm = after;
        }
    }

    /// <summary>
    /// destination = β V_k exp(sH_k) e_1 from the current basis. With <paramref name="estimateError"/>, returns the
    /// weighted norm of the error estimate max_σ β h_{k,k−1} |[exp(σH_k)e_1]_{k−1}| ‖v_k‖ over σ = s·2^(−j),
    /// j = 0..<see cref="InteriorCheckLevels"/> (0 for an invariant subspace, NaN when not finite).
    /// </summary>
    /// <remarks>
    /// The estimate at σ = s alone says nothing about the interior of a long step on a stiff problem (the error of
    /// exp(σH) rises and decays again inside it), yet dense output is used there. The dyadic points come almost for
    /// free: exp(s·2^(−J) H) is computed once and squared J times, ending at exp(sH).
    /// </remarks>
    private double Propagate(double s, Span<double> destination, bool estimateError)
    {
        int k = _dimension;
        int m = _maxDimension;
        if (_beta == 0.0)
        {
            destination.Clear();
            return 0.0;
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
                _small[i * k + j] = _hessenberg[i * m + j];
        }

        bool checkInterior = estimateError && !_invariant;
        int levels = checkInterior ? InteriorCheckLevels : 0;
        _expm!.Compute(_small, k, s / (1 << levels), _exponential);
        double weight = 0.0;
        for (int level = 0; level < levels; level++)
        {
            weight = MaxOrNaN(weight, Math.Abs(_exponential[(k - 1) * k]));
            SmallMatrixExponential.Multiply(_exponential, _exponential, _squared, k);
            (_exponential, _squared) = (_squared, _exponential);
        }

        for (int i = 0; i < k; i++)
            _coefficients[i] = _beta * _exponential[i * k];
        destination.Clear();
        for (int i = 0; i < k; i++)
            TensorPrimitives.MultiplyAdd(_basis[i], _coefficients[i], destination, destination);

        if (!estimateError)
            return 0.0;
        if (_invariant)
            return IsFinite(destination) ? 0.0 : double.NaN;

        weight = _beta * MaxOrNaN(weight, Math.Abs(_exponential[(k - 1) * k]));
        double norm = StepSizeControl.ErrorNorm(_basis[k], _y, destination, _options.AbsoluteTolerance, _options.RelativeTolerance);
        double error = _hessenberg[k * m + (k - 1)] * weight * norm;
        return double.IsFinite(error) ? error : double.NaN;
    }

    /// <summary>Number of halvings of the step at which the error estimate is also checked (σ down to h/1024).</summary>
    private const int InteriorCheckLevels = 10;

    private static double MaxOrNaN(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    private void Allocate(int n, int m)
    {
        if (_y.Length != n || _maxDimension != m)
        {
            _basis = new double[m + 1][];
            for (int i = 0; i <= m; i++)
                _basis[i] = new double[n];
            _y = new double[n];
            _yPrevious = new double[n];
            _yNew = new double[n];
        }

        if (_maxDimension != m)
        {
            _hessenberg = new double[(m + 1) * m];
            _small = new double[m * m];
            _exponential = new double[m * m];
            _squared = new double[m * m];
            _coefficients = new double[m];
            _expm = new SmallMatrixExponential(m);
        }

        _maxDimension = m;
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
}
