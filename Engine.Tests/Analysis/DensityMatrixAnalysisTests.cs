using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Analysis;

public class DensityMatrixAnalysisTests
{
    /// <summary>Cutoffs leave tails ≤ 1e-13 of the states below, so closed forms hold to rounding level.</summary>
    private const double ClosedFormTolerance = 1e-9;

    private static FockSpace PerMode(params int[] levels) => new(new PerModeTruncation([.. levels]), levels.Length);

    private static Complex[] Rho(FockSpace space, InitialStateDescription state) => InitialStates.Build(space, state).ToDensityMatrix();

    private static ProductState Product(params OneModeState[] factors) => new([.. factors]);

    private static void AssertCovariance(MathNet.Numerics.LinearAlgebra.Matrix<double> actual, double[,] expected, double tolerance)
    {
        Assert.That(actual.RowCount, Is.EqualTo(expected.GetLength(0)));
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Assert.That(actual[i, j], Is.EqualTo(expected[i, j]).Within(tolerance), $"Σ[{i},{j}]");
    }

    [Test]
    public void CoherentProductHasVacuumCovarianceAndShiftedMeans()
    {
        var space = PerMode(30, 25);
        var alpha = new Complex(0.8, -0.6);
        var rho = Rho(space, Product(new CoherentState(alpha), new VacuumState()));
        var moments = DensityMatrixAnalysis.Moments(rho, space);
        Assert.That(Complex.Abs(moments.Mean[0] - alpha), Is.LessThan(ClosedFormTolerance));
        Assert.That(DensityMatrixAnalysis.Quadratures(rho, space).Mean[0], Is.EqualTo(Math.Sqrt(2) * alpha.Real).Within(ClosedFormTolerance));
        Assert.That(Complex.Abs(moments.AdaggerA[0, 0] - 1.0), Is.LessThan(ClosedFormTolerance));
        Assert.That(Complex.Abs(moments.AA[0, 0] - (alpha * alpha)), Is.LessThan(ClosedFormTolerance));
        AssertCovariance(DensityMatrixAnalysis.Quadratures(rho, space).Covariance, new double[,] { { 0.5, 0, 0, 0 }, { 0, 0.5, 0, 0 }, { 0, 0, 0.5, 0 }, { 0, 0, 0, 0.5 } }, ClosedFormTolerance);
    }

    [Test]
    public void SqueezedVacuumSqueezesQForZeroAngle()
    {
        // S†aS = a cosh r − a† e^{iθ} sinh r: for θ = 0, q → e^{−r} q, p → e^{r} p.
        const double r = 0.4;
        var space = PerMode(60);
        var rho = Rho(space, Product(new SqueezedState(r, 0)));
        AssertCovariance(DensityMatrixAnalysis.Quadratures(rho, space).Covariance, new[,] { { Math.Exp(-2 * r) / 2, 0 }, { 0, Math.Exp(2 * r) / 2 } }, ClosedFormTolerance);
    }

    [Test]
    public void TwoModeSqueezedCovarianceHasTheStandardForm()
    {
        const double r = 0.3;
        var space = PerMode(20, 22);
        var rho = Rho(space, new TwoModeSqueezedState(0, 1, r));
        double c = Math.Cosh(2 * r) / 2, s = Math.Sinh(2 * r) / 2;
        AssertCovariance(DensityMatrixAnalysis.Quadratures(rho, space).Covariance, new[,] { { c, 0, s, 0 }, { 0, c, 0, -s }, { s, 0, c, 0 }, { 0, -s, 0, c } }, ClosedFormTolerance);
    }

    [Test]
    public void ThermalStateScalarsMatchClosedForms()
    {
        const double nbar = 0.7;
        var space = PerMode(60);
        var rho = Rho(space, Product(new ThermalState(nbar)));
        Assert.That(DensityMatrixAnalysis.Trace(rho).Real, Is.EqualTo(1).Within(1e-13));
        Assert.That(DensityMatrixAnalysis.HermiticityError(rho), Is.Zero);
        Assert.That(DensityMatrixAnalysis.Purity(rho), Is.EqualTo(1 / ((2 * nbar) + 1)).Within(ClosedFormTolerance));
        AssertCovariance(DensityMatrixAnalysis.Quadratures(rho, space).Covariance, new[,] { { nbar + 0.5, 0 }, { 0, nbar + 0.5 } }, ClosedFormTolerance);
    }

    [Test]
    public void TailPopulationIsTheTopLevelWeight()
    {
        const double nbar = 1.0;   // p_n = 2^{−(n+1)}
        var space = PerMode(25, 3);
        var state = InitialStates.Build(space, Product(new ThermalState(nbar), new FockState(2)));
        var tails = DensityMatrixAnalysis.TailPopulations(state.ToDensityMatrix(), space);
        Assert.That(tails[0], Is.EqualTo(Math.Pow(0.5, 25) / state.TruncatedNorm).Within(1e-20));
        Assert.That(tails[1], Is.EqualTo(1).Within(1e-14));

        var total = new FockSpace(new TotalExcitationTruncation(3), 2);
        var noon = DensityMatrixAnalysis.TailPopulations(Rho(total, new NoonState(0, 1, 3)), total);
        Assert.That(noon, Is.EqualTo(new[] { 1.0, 1.0 }).Within(1e-14));
        var low = DensityMatrixAnalysis.TailPopulations(Rho(total, new NoonState(0, 1, 2)), total);
        Assert.That(low, Is.EqualTo(new[] { 0.0, 0.0 }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void PureStateMomentsEqualDensityMatrixMoments(bool totalExcitation)
    {
        var space = totalExcitation ? new FockSpace(new TotalExcitationTruncation(5), 3) : PerMode(4, 3, 5);
        var random = new Random(11);
        var psi = Enumerable.Range(0, space.Dimension).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        const double scale = 3.7;   // ψ need not be normalised
        var unit = psi.Select(v => v / Math.Sqrt(psi.Sum(w => w.Magnitude * w.Magnitude))).ToArray();
        var rho = new Complex[space.Dimension * space.Dimension];
        for (int i = 0; i < space.Dimension; i++)
            for (int j = 0; j < space.Dimension; j++) rho[(i * space.Dimension) + j] = unit[i] * Complex.Conjugate(unit[j]);
        var expected = DensityMatrixAnalysis.Moments(rho, space);

        var moments = new PureStateMoments(space);
        int d = space.Modes;
        var mean = new Complex[d];
        var m = new Complex[d * d];
        var k = new Complex[d * d];
        var work = new Complex[moments.WorkLength];
        moments.Compute(psi.Select(v => v * scale).ToArray(), mean, m, k, work);
        for (int i = 0; i < d; i++)
        {
            Assert.That(Complex.Abs(mean[i] - expected.Mean[i]), Is.LessThan(1e-13));
            for (int j = 0; j < d; j++)
            {
                Assert.That(Complex.Abs(m[(i * d) + j] - expected.AdaggerA[i, j]), Is.LessThan(1e-13), $"M[{i},{j}]");
                Assert.That(Complex.Abs(k[(i * d) + j] - expected.AA[i, j]), Is.LessThan(1e-13), $"K[{i},{j}]");
            }
        }
    }

    [Test]
    public void SpanCovarianceEqualsTheGaussianConversion()
    {
        const int d = 3;
        var random = new Random(21);
        Complex Next() => new(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        var mean = Enumerable.Range(0, d).Select(_ => Next()).ToArray();
        var m = new Complex[d * d];
        var k = new Complex[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = i; j < d; j++)
            {
                Complex hop = i == j ? new Complex(random.NextDouble(), 0) : Next();
                m[(i * d) + j] = hop;
                m[(j * d) + i] = Complex.Conjugate(hop);
                k[(i * d) + j] = k[(j * d) + i] = Next();
            }
        }
        var covariance = new double[4 * d * d];
        QuadratureCovariance.FromMoments(mean, m, k, covariance);
        var reference = GaussianMoments.ToQuadratures(new LadderMoments(
            MathNet.Numerics.LinearAlgebra.Vector<Complex>.Build.DenseOfArray(mean),
            MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.Dense(d, d, (i, j) => m[(i * d) + j]),
            MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.Dense(d, d, (i, j) => k[(i * d) + j])));
        for (int r = 0; r < 2 * d; r++)
            for (int c = 0; c < 2 * d; c++)
                Assert.That(covariance[(r * 2 * d) + c], Is.EqualTo(reference.Covariance[r, c]).Within(1e-14), $"Σ[{r},{c}]");
    }
}
