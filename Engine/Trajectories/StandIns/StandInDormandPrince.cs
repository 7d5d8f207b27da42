using BosonicTrajectories.Integrators;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Trajectories.StandIns;

/// <summary>TEMPORARY stand-in until the integrators branch lands: Dormand–Prince 5(4) with Hairer's dense output.</summary>
internal sealed class StandInDormandPrince : IOdeIntegrator
{
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784, A76 = 11.0 / 84;
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;
    private const double D1 = -12715105075.0 / 11282082432, D3 = 87487479700.0 / 32700410799, D4 = -10690763975.0 / 1880347072,
        D5 = 701980252875.0 / 199316789632, D6 = -1453857185.0 / 822651844, D7 = 69997945.0 / 29380423;

    private double[] _y = [], _y1 = [], _k1 = [], _k2 = [], _k3 = [], _k4 = [], _k5 = [], _k6 = [], _k7 = [], _tmp = [];
    private double[] _r1 = [], _r2 = [], _r3 = [], _r4 = [], _r5 = [];
    private RightHandSide? _f;
    private IntegratorOptions _options = new();
    private double _h, _told;

    public string Name => "dopri5";
    public int Order => 5;
    public double Time { get; private set; }
    public double PreviousTime => _told;
    public ReadOnlySpan<double> State => _y;
    public IntegratorStatistics Statistics { get; } = new();

    public void Initialize(double t0, ReadOnlySpan<double> y0, RightHandSide f, IntegratorOptions options)
    {
        int n = y0.Length;
        if (_y.Length != n)
        {
            _y = new double[n]; _y1 = new double[n]; _k1 = new double[n]; _k2 = new double[n]; _k3 = new double[n];
            _k4 = new double[n]; _k5 = new double[n]; _k6 = new double[n]; _k7 = new double[n]; _tmp = new double[n];
            _r1 = new double[n]; _r2 = new double[n]; _r3 = new double[n]; _r4 = new double[n]; _r5 = new double[n];
        }
        y0.CopyTo(_y);
        _f = f;
        _options = options;
        Time = _told = t0;
        Statistics.Clear();
        _f(t0, _y, _k1);
        Statistics.RhsEvaluations++;
        _h = options.InitialStep ?? InitialStep(t0);
        for (int i = 0; i < n; i++) { _r1[i] = _y[i]; _r2[i] = _r3[i] = _r4[i] = _r5[i] = 0; }
    }

    public void ResetState(ReadOnlySpan<double> y)
    {
        y.CopyTo(_y);
        _f!(Time, _y, _k1);
        Statistics.RhsEvaluations++;
        _told = Time;
        for (int i = 0; i < _y.Length; i++) { _r1[i] = _y[i]; _r2[i] = _r3[i] = _r4[i] = _r5[i] = 0; }
    }

    private double InitialStep(double t0)
    {
        double d0 = 0, d1 = 0;
        for (int i = 0; i < _y.Length; i++)
        {
            double sc = _options.AbsoluteTolerance + (_options.RelativeTolerance * Math.Abs(_y[i]));
            d0 += (_y[i] / sc) * (_y[i] / sc);
            d1 += (_k1[i] / sc) * (_k1[i] / sc);
        }
        d0 = Math.Sqrt(d0 / _y.Length); d1 = Math.Sqrt(d1 / _y.Length);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        for (int i = 0; i < _y.Length; i++) _tmp[i] = _y[i] + (h0 * _k1[i]);
        _f!(t0 + h0, _tmp, _k2);
        Statistics.RhsEvaluations++;
        double d2 = 0;
        for (int i = 0; i < _y.Length; i++)
        {
            double sc = _options.AbsoluteTolerance + (_options.RelativeTolerance * Math.Abs(_y[i]));
            double v = (_k2[i] - _k1[i]) / sc;
            d2 += v * v;
        }
        d2 = Math.Sqrt(d2 / _y.Length) / h0;
        double h1 = Math.Max(d1, d2) <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / Math.Max(d1, d2), 1.0 / 5);
        return Math.Min(Math.Min(100 * h0, h1), _options.MaxStep);
    }

    public void Step(double tLimit)
    {
        int n = _y.Length;
        var f = _f!;
        while (true)
        {
            double h = Math.Min(_h, _options.MaxStep);
            bool last = false;
            if (Time + (h * 1.0001) >= tLimit) { h = tLimit - Time; last = true; }
            if (h <= Math.Abs(Time) * 1e-14 || h <= 0)
                throw new NumericalFailureException($"step size underflow at t = {Time}; loosen rtol/atol");
            double t = Time;
            for (int i = 0; i < n; i++) _tmp[i] = _y[i] + (h * A21 * _k1[i]);
            f(t + (C2 * h), _tmp, _k2);
            for (int i = 0; i < n; i++) _tmp[i] = _y[i] + (h * ((A31 * _k1[i]) + (A32 * _k2[i])));
            f(t + (C3 * h), _tmp, _k3);
            for (int i = 0; i < n; i++) _tmp[i] = _y[i] + (h * ((A41 * _k1[i]) + (A42 * _k2[i]) + (A43 * _k3[i])));
            f(t + (C4 * h), _tmp, _k4);
            for (int i = 0; i < n; i++) _tmp[i] = _y[i] + (h * ((A51 * _k1[i]) + (A52 * _k2[i]) + (A53 * _k3[i]) + (A54 * _k4[i])));
            f(t + (C5 * h), _tmp, _k5);
            for (int i = 0; i < n; i++) _tmp[i] = _y[i] + (h * ((A61 * _k1[i]) + (A62 * _k2[i]) + (A63 * _k3[i]) + (A64 * _k4[i]) + (A65 * _k5[i])));
            f(t + h, _tmp, _k6);
            for (int i = 0; i < n; i++) _y1[i] = _y[i] + (h * ((A71 * _k1[i]) + (A73 * _k3[i]) + (A74 * _k4[i]) + (A75 * _k5[i]) + (A76 * _k6[i])));
            f(t + h, _y1, _k7);
            Statistics.RhsEvaluations += 6;
            double err = 0;
            for (int i = 0; i < n; i++)
            {
                double e = h * ((E1 * _k1[i]) + (E3 * _k3[i]) + (E4 * _k4[i]) + (E5 * _k5[i]) + (E6 * _k6[i]) + (E7 * _k7[i]));
                double sc = _options.AbsoluteTolerance + (_options.RelativeTolerance * Math.Max(Math.Abs(_y[i]), Math.Abs(_y1[i])));
                err += (e / sc) * (e / sc);
            }
            err = Math.Sqrt(err / n);
            if (!double.IsFinite(err)) throw new NumericalFailureException($"non-finite state at t = {t}; tighten rtol/atol");
            double factor = err == 0 ? 5 : Math.Min(5, Math.Max(0.2, 0.9 * Math.Pow(err, -0.2)));
            if (err <= 1)
            {
                for (int i = 0; i < n; i++)
                {
                    double ydiff = _y1[i] - _y[i];
                    double bspl = (h * _k1[i]) - ydiff;
                    _r1[i] = _y[i];
                    _r2[i] = ydiff;
                    _r3[i] = bspl;
                    _r4[i] = ydiff - (h * _k7[i]) - bspl;
                    _r5[i] = h * ((D1 * _k1[i]) + (D3 * _k3[i]) + (D4 * _k4[i]) + (D5 * _k5[i]) + (D6 * _k6[i]) + (D7 * _k7[i]));
                }
                (_y, _y1) = (_y1, _y);
                (_k1, _k7) = (_k7, _k1);
                _told = t;
                Time = last ? tLimit : t + h;
                if (!last || factor < 1) _h = h * factor;
                Statistics.AcceptedSteps++;
                return;
            }
            _h = h * Math.Min(1, factor);
            Statistics.RejectedSteps++;
        }
    }

    public void Interpolate(double t, Span<double> y)
    {
        double h = Time - _told;
        double s = h == 0 ? 0 : (t - _told) / h;
        double s1 = 1 - s;
        for (int i = 0; i < y.Length; i++)
            y[i] = _r1[i] + (s * (_r2[i] + (s1 * (_r3[i] + (s * (_r4[i] + (s1 * _r5[i])))))));
    }
}

/// <summary>TEMPORARY stand-in for IntegratorRegistry until the integrators branch lands.</summary>
internal static class StandInIntegrators
{
    public static IOdeIntegrator Create(string name) =>
        name == "dopri5" ? new StandInDormandPrince() : throw new ArgumentException($"unknown integrator '{name}'; valid: dopri5", nameof(name));
}
