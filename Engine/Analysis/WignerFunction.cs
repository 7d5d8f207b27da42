using System.Numerics;
using System.Runtime.CompilerServices;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// The Wigner function of a single-mode density matrix ρ (Fock basis |0⟩..|c − 1⟩), in the SPEC's quadratures
/// q = (a + a†)/√2, p = i(a† − a)/√2 (vacuum variance ½), normalised so that ∫∫ W(q, p) dq dp = Tr ρ:
/// W(q, p) = (1/π) Tr[ρ D(α) Π D(α)†], α = (q + i p)/√2, Π = (−1)^{a†a} the parity.
/// The vacuum gives W = e^{−q² − p²}/π (peak 1/π) and |1⟩ gives W(0, 0) = −1/π.
/// <para>
/// Matrix elements (Cahill–Glauber): for m = n + k, k ≥ 0, with x = 4|α|² = 2(q² + p²),
/// W_{|m⟩⟨n|} = (1/π) (−1)^n √(n!/m!) (2α*)^k e^{−x/2} L_n^{(k)}(x), and W_{|n⟩⟨m|} = conj(W_{|m⟩⟨n|}), so
/// W = (1/π) [Σ_n ρ_nn g_n^{(0)} + 2 Re Σ_{k ≥ 1} Σ_n ρ_{n+k,n} g_n^{(k)}], g_n^{(k)} = (−1)^n √(n!/(n+k)!) (2α*)^k e^{−x/2} L_n^{(k)}(x).
/// The g are evaluated without factorials or explicit Laguerre polynomials: g_n^{(k)} = u^k h_n^{(k)} with the phase
/// u = α*/|α| and real h, h_0^{(k)} = h_0^{(k−1)} √x/√k from h_0^{(0)} = e^{−x/2} (|h_0^{(k)}| ≤ 1 for every k, since
/// Σ_k |h_0^{(k)}|² = 1), and the Laguerre three-term recurrence rescaled to these normalised functions,
/// h_{n+1} = −[(2n + k + 1 − x) h_n + √(n(n + k)) h_{n−1}] / √((n + 1)(n + k + 1)). The recurrence is real, and its
/// coefficients and the diagonals ρ_{n+k,n} are laid out once per ρ (<see cref="OnGrid"/> reuses them for every point).
/// Beyond x = 1400, where e^{−x/2} is too small to start from although a large state may live there, the same recurrence
/// runs on rescaled numbers (<see cref="FockSeries.AtFar"/>).
/// </para>
/// </summary>
public static class WignerFunction
{
    /// <summary>W(q, p) of <paramref name="rho"/> at one phase-space point.</summary>
    /// <exception cref="ArgumentException">ρ is not square.</exception>
    public static double Evaluate(Complex[,] rho, double q, double p)
    {
        CheckSquare(rho);
        return new FockSeries(rho).At(q, p);
    }

    /// <summary>W on a grid: result[i, j] = W(q[i], p[j]), the same values as <see cref="Evaluate"/> point by point.</summary>
    /// <exception cref="ArgumentException">ρ is not square.</exception>
    public static double[,] OnGrid(Complex[,] rho, IReadOnlyList<double> q, IReadOnlyList<double> p)
    {
        CheckSquare(rho);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(p);
        var series = new FockSeries(rho);
        var w = new double[q.Count, p.Count];
        for (int i = 0; i < q.Count; i++)
            for (int j = 0; j < p.Count; j++) w[i, j] = series.At(q[i], p[j]);
        return w;
    }

    /// <summary>count points evenly spaced on [from, to] (both ends included).</summary>
    public static double[] Axis(double from, double to, int count)
    {
        if (count < 2) throw new ArgumentException($"an axis needs at least 2 points, got {count}", nameof(count));
        if (!(to > from)) throw new ArgumentException($"need from < to, got [{from}, {to}]", nameof(to));
        return [.. Enumerable.Range(0, count).Select(i => from + ((to - from) * i / (count - 1)))];
    }

    private static void CheckSquare(Complex[,] rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        if (rho.GetLength(0) != rho.GetLength(1) || rho.GetLength(0) == 0)
            throw new ArgumentException($"ρ must be a non-empty square matrix, got {rho.GetLength(0)}×{rho.GetLength(1)}", nameof(rho));
    }
}

/// <summary>
/// The series of <see cref="WignerFunction"/> for one ρ: per k the diagonal ρ_{n+k,n} (re and im apart) and the
/// recurrence coefficients 2n + k + 1, √(n(n + k)) and 1/√((n + 1)(n + k + 1)), all laid out once.
/// </summary>
internal sealed class FockSeries
{
    private readonly int _levels;
    private readonly double[][] _re, _im, _order, _previous, _scale;
    private readonly double[] _rootInverse;         // 1/√k

    public FockSeries(Complex[,] rho)
    {
        _levels = rho.GetLength(0);
        int c = _levels;
        _re = new double[c][];
        _im = new double[c][];
        _order = new double[c][];
        _previous = new double[c][];
        _scale = new double[c][];
        _rootInverse = [.. Enumerable.Range(0, c).Select(k => k == 0 ? 0 : 1 / Math.Sqrt(k))];
        for (int k = 0; k < c; k++)
        {
            int length = c - k;
            (_re[k], _im[k], _order[k], _previous[k], _scale[k]) = (new double[length], new double[length], new double[length], new double[length], new double[length]);
            for (int n = 0; n < length; n++)
            {
                (_re[k][n], _im[k][n]) = (rho[n + k, n].Real, rho[n + k, n].Imaginary);
                _order[k][n] = (2 * n) + k + 1;
                _previous[k][n] = Math.Sqrt(n * (double)(n + k));
                _scale[k][n] = 1 / Math.Sqrt((n + 1) * (double)(n + k + 1));
            }
        }
    }

    /// <summary>
    /// Beyond this x = 4|α|², e^{−x/2} (below 1e-304) is too near the end of the doubles to start the recurrence from:
    /// the rescaled recurrence takes over.
    /// </summary>
    public const double FarX = 1400;

    private const int RescaleExponent = 256;
    private static readonly double Ln2 = Math.Log(2);
    private static readonly double Big = Math.ScaleB(1.0, RescaleExponent), Small = Math.ScaleB(1.0, -RescaleExponent);

    /// <summary>W(q, p).</summary>
    public double At(double q, double p) => Sum(q, p, far: 2 * ((q * q) + (p * p)) > FarX);

    /// <summary>
    /// W(q, p) by the rescaled recurrence of <see cref="FarSums"/>, which <see cref="At"/> takes beyond <see cref="FarX"/>
    /// (also right, only about three times slower, anywhere else).
    /// </summary>
    internal double AtFar(double q, double p) => Sum(q, p, far: true);

    /// <summary>(1/π)[Σ_n ρ_nn h_n^{(0)} + 2 Re Σ_{k ≥ 1} u^k Σ_n ρ_{n+k,n} h_n^{(k)}], each k's sum from one of the two recurrences.</summary>
    private double Sum(double q, double p, bool far)
    {
        double x = 2 * ((q * q) + (p * p));                 // 4|α|²
        double root = Math.Sqrt(x);                         // |2α*|
        // u = α*/|α| (any unit number at the origin, where h_0^{(k)} = 0 for k ≥ 1).
        var unit = root > 0 ? new Complex(Math.Sqrt(2) * q / root, -Math.Sqrt(2) * p / root) : Complex.One;
        double start = Math.Exp(-x / 2), logStart = -x / 2;     // h_0^{(k)} and its logarithm (far only)
        double logRoot = far ? Math.Log(root) : 0;
        Complex phase = Complex.One;                        // u^k
        double diagonal = 0;
        Complex offDiagonal = Complex.Zero;
        for (int k = 0; k < _levels; k++)
        {
            if (k > 0)
            {
                if (far) logStart += logRoot - (0.5 * Math.Log(k));
                else start *= root * _rootInverse[k];
                phase *= unit;
            }
            var (sumRe, sumIm) = far ? FarSums(k, x, logStart) : DirectSums(k, x, start);
            if (k == 0) diagonal = sumRe;
            else offDiagonal += phase * new Complex(sumRe, sumIm);
        }
        return (diagonal + (2 * offDiagonal.Real)) / Math.PI;
    }

    /// <summary>Σ_n ρ_{n+k,n} h_n^{(k)} (re, im) by the recurrence from h_0^{(k)} = <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double Re, double Im) DirectSums(int k, double x, double start)
    {
        double[] re = _re[k], im = _im[k], order = _order[k], previousWeight = _previous[k], scale = _scale[k];
        double previous = 0, current = start, sumRe = 0, sumIm = 0;
        for (int n = 0; n < re.Length; n++)
        {
            sumRe += re[n] * current;
            sumIm += im[n] * current;
            double next = -(((order[n] - x) * current) + (previousWeight[n] * previous)) * scale[n];
            previous = current;
            current = next;
        }
        return (sumRe, sumIm);
    }

    /// <summary>
    /// <see cref="DirectSums"/> far from the origin, where e^{−x/2} underflows but the h_n^{(k)} of large n (a state that
    /// lives out there) do not: each h is carried as a mantissa times 2^e, the pair (h_{n−1}, h_n) rescaled by 2^±256
    /// together when it leaves [2^−256, 2^256], starting from h_0^{(k)} = e^<paramref name="logStart"/>.
    /// </summary>
    private (double Re, double Im) FarSums(int k, double x, double logStart)
    {
        if (double.IsNegativeInfinity(logStart)) return (0, 0);     // the origin, k ≥ 1: h_0^{(k)} = 0
        int exponent = (int)Math.Floor(logStart / Ln2);
        double previous = 0, current = Math.Exp(logStart - (exponent * Ln2));
        double power = Math.ScaleB(1.0, exponent);                  // 2^e (0 below the smallest double)
        double[] re = _re[k], im = _im[k], order = _order[k], previousWeight = _previous[k], scale = _scale[k];
        double sumRe = 0, sumIm = 0;
        for (int n = 0; n < re.Length; n++)
        {
            double h = current * power;
            sumRe += re[n] * h;
            sumIm += im[n] * h;
            double next = -(((order[n] - x) * current) + (previousWeight[n] * previous)) * scale[n];
            previous = current;
            current = next;
            double size = Math.Max(Math.Abs(previous), Math.Abs(current));
            int shift = size > Big ? RescaleExponent : size < Small && size > 0 ? -RescaleExponent : 0;
            if (shift == 0) continue;
            previous = Math.ScaleB(previous, -shift);
            current = Math.ScaleB(current, -shift);
            exponent += shift;
            power = Math.ScaleB(1.0, exponent);
        }
        return (sumRe, sumIm);
    }
}
