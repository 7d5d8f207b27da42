using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;
using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Tests.Analysis;

/// <summary><see cref="WignerFunction"/> against closed forms in the SPEC's quadratures (vacuum W = e^{−q²−p²}/π).</summary>
public class WignerFunctionTests
{
    // Recurrences in double precision over ≤ 40 levels: relative round-off ~1e-14 on values O(1/π).
    private const double PointTolerance = 1e-12;

    // The Poisson tails of the truncated coherent states here (|β|² = 1.9 at 40 levels, 16.4 at 90) are below 1e-18.
    private const double TruncatedStateTolerance = 1e-12;

    // Trapezoid rule on [−7, 7]² with step 0.05 for a Gaussian-times-polynomial integrand: spectrally accurate,
    // limited by the e^{−49} tails and round-off.
    private const double NormalisationTolerance = 1e-9;

    // Hundreds of levels: the amplitudes and the recurrence each round off in the last digits hundreds of times.
    private const double FarStateTolerance = 1e-9;

    [Test]
    public void Vacuum_IsTheGaussianWithPeakOneOverPi()
    {
        var rho = Pure(FockVector(1, 0));
        Assert.That(WignerFunction.Evaluate(rho, 0, 0), Is.EqualTo(1 / Math.PI).Within(PointTolerance));
        foreach (var (q, p) in SamplePoints())
            Assert.That(WignerFunction.Evaluate(rho, q, p), Is.EqualTo(Math.Exp(-(q * q) - (p * p)) / Math.PI).Within(PointTolerance));
    }

    [Test]
    public void FockOne_IsNegativeAtTheOrigin_AndMatchesClosedForm()
    {
        // W_|1⟩(q, p) = (1/π)(2(q² + p²) − 1) e^{−q² − p²}.
        var rho = Pure(FockVector(5, 1));
        Assert.That(WignerFunction.Evaluate(rho, 0, 0), Is.EqualTo(-1 / Math.PI).Within(PointTolerance));
        foreach (var (q, p) in SamplePoints())
        {
            double r2 = (q * q) + (p * p);
            Assert.That(WignerFunction.Evaluate(rho, q, p), Is.EqualTo(((2 * r2) - 1) * Math.Exp(-r2) / Math.PI).Within(PointTolerance));
        }
    }

    [TestCase(3)]
    [TestCase(12)]
    public void FockN_MatchesLaguerreClosedForm(int n)
    {
        // W_|n⟩ = ((−1)^n/π) e^{−r²} L_n(2r²), r² = q² + p² (Laguerre by its explicit sum here).
        var rho = Pure(FockVector(n + 3, n));
        foreach (var (q, p) in SamplePoints())
        {
            double r2 = (q * q) + (p * p);
            double expected = (n % 2 == 0 ? 1 : -1) * Math.Exp(-r2) * Laguerre(n, 2 * r2) / Math.PI;
            Assert.That(WignerFunction.Evaluate(rho, q, p), Is.EqualTo(expected).Within(PointTolerance * 10));
        }
    }

    [TestCase(1.2, -0.7, 40)]
    [TestCase(-3.1, 2.6, 90)]
    public void CoherentState_IsTheDisplacedVacuum(double re, double im, int levels)
    {
        // |β⟩ with β = (q0 + i p0)/√2 gives W = e^{−(q − q0)² − (p − p0)²}/π; a complex β checks α against α*.
        // The large case (|β|² = 16.4, 90 levels) checks that the recurrence stays stable far from the origin.
        AssertDisplacedVacuum(new Complex(re, im), levels, TruncatedStateTolerance);
    }

    [TestCase(18.7, 0.0, 560)]
    [TestCase(15.0, 15.0, 720)]
    public void CoherentStateFarOut_IsTheDisplacedVacuum(double re, double im, int levels)
    {
        // Far from the origin e^{−x/2} underflows (x = 2(q² + p²) > 1490), yet the state lives there. The first case puts
        // the sample points on both sides of FockSeries.FarX (x from about 1170 to 1610), the second (|β|² = 450,
        // x ≈ 1800) every point beyond it.
        AssertDisplacedVacuum(new Complex(re, im), levels, FarStateTolerance);
    }

    [Test]
    public void FarPath_AgreesWithTheDirectRecurrence_NearTheOrigin()
    {
        // The rescaled recurrence is the same series: where both apply they agree to rounding.
        var state = Coherent(40, new Complex(1.5, -0.8)).Zip(Coherent(40, new Complex(-2.1, 1.1)), (x, y) => x + y).ToArray();
        var series = new FockSeries(Pure(Normalised(state)));
        foreach (var (q, p) in SamplePoints())
            Assert.That(series.AtFar(q, p), Is.EqualTo(series.At(q, p)).Within(PointTolerance), $"W({q}, {p})");
    }

    [Test]
    public void EvenCat_HasInterferenceFringes()
    {
        // ∝ |β⟩ + |−β⟩, β real: W = [e^{−(q−q0)²−p²} + e^{−(q+q0)²−p²} + 2 e^{−q²−p²} cos(2 q0 p)] / (2π(1 + e^{−2β²})),
        // q0 = √2 β: fringes along p with period π/q0, W(0, 0) = 1/π (parity +1) and negative between fringes.
        double beta = 2.0, q0 = Math.Sqrt(2) * beta;
        var plus = Coherent(40, beta);
        var minus = Coherent(40, -beta);
        var cat = plus.Zip(minus, (x, y) => x + y).ToArray();
        var rho = Pure(Normalised(cat));
        double norm = 2 * Math.PI * (1 + Math.Exp(-2 * beta * beta));

        foreach (var (q, p) in SamplePoints())
        {
            double expected = (Math.Exp(-((q - q0) * (q - q0)) - (p * p)) + Math.Exp(-((q + q0) * (q + q0)) - (p * p))
                               + (2 * Math.Exp(-(q * q) - (p * p)) * Math.Cos(2 * q0 * p))) / norm;
            Assert.That(WignerFunction.Evaluate(rho, q, p), Is.EqualTo(expected).Within(TruncatedStateTolerance));
        }
        Assert.That(WignerFunction.Evaluate(rho, 0, 0), Is.EqualTo(1 / Math.PI).Within(TruncatedStateTolerance));
        double troughP = Math.PI / (2 * q0);   // first fringe minimum: cos = −1, W = (2e^{−q0²} − 2) e^{−p²}/norm ≈ −e^{−p²}/π
        double trough = WignerFunction.Evaluate(rho, 0, troughP);
        Assert.That(trough, Is.LessThan(-0.2), "the fringe minimum is negative: a non-classical state");
        Assert.That(trough, Is.EqualTo(2 * (Math.Exp(-q0 * q0) - 1) * Math.Exp(-troughP * troughP) / norm).Within(TruncatedStateTolerance));
    }

    [Test]
    public void OnGrid_GivesEvaluatesValues_PointByPoint()
    {
        // A complex coherent superposition (every coherence order, complex entries), on a grid through the origin.
        var state = Coherent(30, new Complex(1.5, -0.8)).Zip(Coherent(30, new Complex(-0.4, 1.1)), (x, y) => x + (Complex.ImaginaryOne * y)).ToArray();
        var rho = Pure(Normalised(state));
        var axis = WignerFunction.Axis(-5, 5, 21);
        var grid = WignerFunction.OnGrid(rho, axis, axis);
        for (int i = 0; i < axis.Length; i++)
            for (int j = 0; j < axis.Length; j++)
                Assert.That(grid[i, j], Is.EqualTo(WignerFunction.Evaluate(rho, axis[i], axis[j])), $"W({axis[i]}, {axis[j]})");
    }

    [Test]
    public void FarFromTheState_IsFiniteAndNearZero()
    {
        // 200 levels and x = 2(q² + p²) = 3600: the Laguerre values alone would overflow (L_199(3600) ≈ 3600^199/199! ≈ 1e335)
        // and meet e^{−x/2} = 0 as ∞·0; the normalised recurrence does not. W there is e^{−(q−q0)²−(p−p0)²}/π ≈ e^{−1600}.
        var rho = Pure(Coherent(200, new Complex(2, 1)));
        double w = WignerFunction.Evaluate(rho, 30, 30);
        Assert.That(double.IsFinite(w), Is.True, $"W = {w}");
        Assert.That(w, Is.EqualTo(0).Within(TruncatedStateTolerance));
    }

    [Test]
    public void Normalisation_IntegratesToTheTrace()
    {
        // A mixed state with coherences: thermal-like diagonal plus off-diagonals, trace 1.
        int c = 8;
        var rho = new Complex[c, c];
        var random = new Random(4);
        var v = Enumerable.Range(0, c).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        var w = Enumerable.Range(0, c).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        var a = Pure(Normalised(v));
        var b = Pure(Normalised(w));
        for (int i = 0; i < c; i++)
            for (int j = 0; j < c; j++) rho[i, j] = (0.3 * a[i, j]) + (0.7 * b[i, j]);
        var axis = WignerFunction.Axis(-7, 7, 281);
        double h = axis[1] - axis[0];

        var grid = WignerFunction.OnGrid(rho, axis, axis);

        double integral = 0;
        for (int i = 0; i < axis.Length; i++)
            for (int j = 0; j < axis.Length; j++)
                integral += grid[i, j] * Weight(i, axis.Length) * Weight(j, axis.Length) * h * h;
        Assert.That(integral, Is.EqualTo(1.0).Within(NormalisationTolerance));
        Assert.That(grid[140, 140], Is.EqualTo(WignerFunction.Evaluate(rho, 0, 0)), "grid[i, j] = W(q_i, p_j)");
        Assert.That(grid[10, 200], Is.EqualTo(WignerFunction.Evaluate(rho, axis[10], axis[200])));
    }

    [Test]
    public void ReducedDensityMatrix_OfAProductState_IsTheFactor()
    {
        var space = new FockSpace(new PerModeTruncation([4, 3]), 2);
        var psiA = Normalised([new Complex(0.3, 0.1), 0.5, new Complex(0, -0.4), 0.2]);
        var psiB = Normalised([0.6, new Complex(0.2, 0.3), 0.1]);
        var psi = new Complex[space.Dimension];
        for (int m = 0; m < 4; m++)
            for (int n = 0; n < 3; n++) psi[space.IndexOf([m, n])] = psiA[m] * psiB[n];

        var reducedA = ReducedDensityMatrix.OfMode(space, Flatten(Pure(psi)), 0);
        var reducedB = ReducedDensityMatrix.OfMode(space, Flatten(Pure(psi)), 1);

        AssertClose(reducedA, Pure(psiA));
        AssertClose(reducedB, Pure(psiB));
    }

    [Test]
    public void ReducedDensityMatrix_OfANoonState_IsMixed_TotalExcitationSpace()
    {
        // (|2,0⟩ + |0,2⟩)/√2 → ρ_0 = (|2⟩⟨2| + |0⟩⟨0|)/2: the coherence is traced out.
        var space = new FockSpace(new TotalExcitationTruncation(2), 2);
        var psi = new Complex[space.Dimension];
        psi[space.IndexOf([2, 0])] = 1 / Math.Sqrt(2);
        psi[space.IndexOf([0, 2])] = 1 / Math.Sqrt(2);

        var reduced = ReducedDensityMatrix.OfMode(space, Flatten(Pure(psi)), 0);

        var expected = new Complex[3, 3];
        expected[0, 0] = 0.5;
        expected[2, 2] = 0.5;
        AssertClose(reduced, expected);
    }

    [Test]
    public void CallerErrors_NameTheArgument()
    {
        Assert.That(() => WignerFunction.Evaluate(new Complex[2, 3], 0, 0), Throws.ArgumentException.With.Property("ParamName").EqualTo("rho"));
        var space = new FockSpace(new PerModeTruncation([2]), 2);
        Assert.That(() => ReducedDensityMatrix.OfMode(space, new Complex[16], 2), Throws.ArgumentException.With.Property("ParamName").EqualTo("mode"));
        Assert.That(() => ReducedDensityMatrix.OfMode(space, new Complex[15], 0), Throws.ArgumentException.With.Property("ParamName").EqualTo("rho"));
    }

    /// <summary>|β⟩ with β = (q0 + i p0)/√2 has W = e^{−(q − q0)² − (p − p0)²}/π: checked at the sample points around (q0, p0).</summary>
    private static void AssertDisplacedVacuum(Complex beta, int levels, double tolerance)
    {
        var rho = Pure(Coherent(levels, beta));
        double q0 = Math.Sqrt(2) * beta.Real, p0 = Math.Sqrt(2) * beta.Imaginary;
        foreach (var (q, p) in SamplePoints().Select(s => (s.Q + q0, s.P + p0)))
        {
            double expected = Math.Exp(-((q - q0) * (q - q0)) - ((p - p0) * (p - p0))) / Math.PI;
            Assert.That(WignerFunction.Evaluate(rho, q, p), Is.EqualTo(expected).Within(tolerance), $"W({q}, {p}), x = {2 * ((q * q) + (p * p)):F0}");
        }
    }

    private static double Weight(int i, int count) => i == 0 || i == count - 1 ? 0.5 : 1.0;

    private static IEnumerable<(double Q, double P)> SamplePoints()
    {
        foreach (double q in new[] { -2.3, -0.7, 0.0, 0.4, 1.9 })
            foreach (double p in new[] { -1.6, 0.0, 0.3, 2.2 }) yield return (q, p);
    }

    private static Complex[] FockVector(int levels, int n)
    {
        var v = new Complex[levels];
        v[n] = 1;
        return v;
    }

    private static Complex[] Coherent(int levels, Complex beta)
    {
        var v = new Complex[levels];
        Complex term = Math.Exp(-0.5 * beta.Magnitude * beta.Magnitude);
        for (int n = 0; n < levels; n++)
        {
            v[n] = term;
            term *= beta / Math.Sqrt(n + 1);
        }
        return v;
    }

    private static Complex[] Normalised(Complex[] v)
    {
        double norm = Math.Sqrt(v.Sum(z => z.Magnitude * z.Magnitude));
        return [.. v.Select(z => z / norm)];
    }

    private static Complex[,] Pure(Complex[] v)
    {
        var rho = new Complex[v.Length, v.Length];
        for (int i = 0; i < v.Length; i++)
            for (int j = 0; j < v.Length; j++) rho[i, j] = v[i] * Complex.Conjugate(v[j]);
        return rho;
    }

    private static Complex[] Flatten(Complex[,] m)
    {
        int d = m.GetLength(0);
        var flat = new Complex[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) flat[(i * d) + j] = m[i, j];
        return flat;
    }

    /// <summary>L_n(x) = Σ_k C(n, k) (−x)^k / k!.</summary>
    private static double Laguerre(int n, double x)
    {
        double sum = 0, binomial = 1, power = 1, factorial = 1;
        for (int k = 0; k <= n; k++)
        {
            sum += binomial * power / factorial;
            binomial *= (double)(n - k) / (k + 1);
            power *= -x;
            factorial *= k + 1;
        }
        return sum;
    }

    private static void AssertClose(Complex[,] actual, Complex[,] expected)
    {
        Assert.That(actual.GetLength(0), Is.EqualTo(expected.GetLength(0)));
        for (int i = 0; i < actual.GetLength(0); i++)
            for (int j = 0; j < actual.GetLength(1); j++)
                Assert.That((actual[i, j] - expected[i, j]).Magnitude, Is.LessThan(PointTolerance), $"[{i}, {j}]");
    }
}
