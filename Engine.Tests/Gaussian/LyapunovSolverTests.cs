using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Gaussian;

public class LyapunovSolverTests
{
    /// <summary>Required relative residual ‖AX + XAᵀ + Q‖_F / ‖Q‖_F (the brief's acceptance level for 100×100).</summary>
    private const double ResidualTolerance = 1e-10;

    /// <summary>Schur factors reproduce A to a few hundred ulps of ‖A‖ (backward stability of Householder/Francis).</summary>
    private const double FactorisationTolerance = 1e-12;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(17)]
    [TestCase(100)]
    public void RandomStableProblemHasSmallResidual(int seed)
    {
        const int n = 100; // 50 modes
        var random = new Random(seed);
        var a = RandomStableMatrix(n, random);
        var q = RandomPositiveSemidefinite(n, random);

        var x = LyapunovSolver.Solve(a, q);

        Assert.That(RelativeResidual(a, q, x), Is.LessThan(ResidualTolerance));
        Assert.That((x - x.Transpose()).FrobeniusNorm(), Is.EqualTo(0), "X is returned symmetrised");
    }

    [Test]
    public void SchurFactorsReproduceTheMatrix()
    {
        var random = new Random(5);
        var a = RandomStableMatrix(60, random);
        var schur = RealSchur.Compute(a);
        var u = schur.SchurVectors;
        var t = schur.SchurForm;
        Assert.Multiple(() =>
        {
            Assert.That((u * t * u.Transpose() - a).FrobeniusNorm() / a.FrobeniusNorm(), Is.LessThan(FactorisationTolerance));
            Assert.That((u.Transpose() * u - Matrix<double>.Build.DenseIdentity(60)).FrobeniusNorm(), Is.LessThan(FactorisationTolerance));
            for (int i = 2; i < 60; i++)
                for (int j = 0; j < i - 1; j++) Assert.That(t[i, j], Is.EqualTo(0));
            for (int i = 1; i < 59; i++)
                Assert.That(t[i, i - 1] == 0 || t[i + 1, i] == 0, $"blocks at most 2×2 near row {i}");
        });
        var expected = a.Evd().EigenValues.Select(e => e).OrderBy(e => e.Real).ThenBy(e => e.Imaginary).ToArray();
        var actual = schur.Eigenvalues.OrderBy(e => e.Real).ThenBy(e => e.Imaginary).ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.That((expected[i] - actual[i]).Magnitude, Is.LessThan(1e-10));
    }

    [Test]
    public void ComplexEigenvaluePairUsesA2x2Block()
    {
        // A = −γ I + ω J has eigenvalues −γ ± iω (one 2×2 block); with Q = I the solution is X = I/(2γ).
        const double gamma = 0.3, omega = 2.0;
        var a = Matrix<double>.Build.DenseOfArray(new[,] { { -gamma, omega }, { -omega, -gamma } });
        var q = Matrix<double>.Build.DenseIdentity(2);
        var schur = RealSchur.Compute(a);
        Assert.That(schur.Eigenvalues.Select(e => Math.Abs(e.Imaginary)), Is.All.EqualTo(omega).Within(1e-14));
        var x = LyapunovSolver.Solve(a, q);
        Assert.That((x - Matrix<double>.Build.DenseIdentity(2) / (2 * gamma)).FrobeniusNorm(), Is.LessThan(1e-14));
    }

    [Test]
    public void MixedBlocksAgainstNonNormalClosedForm()
    {
        // Upper-triangular A with real eigenvalues −1, −2 and coupling b: X solved by hand for Q = I.
        // a11 = −1, a12 = b, a22 = −2:  x22 = 1/4, x12 = (b x22)/3... verified by residual below.
        var random = new Random(11);
        // Block-diagonal mixture of rotations and real decays, then an orthogonal similarity to hide the structure.
        int n = 12;
        var a = Matrix<double>.Build.Dense(n, n);
        for (int k = 0; k < n; k += 3)
        {
            a[k, k] = -0.1 - k * 0.05;
            a[k + 1, k + 1] = -0.2; a[k + 1, k + 2] = 1.5 + k; a[k + 2, k + 1] = -(1.5 + k); a[k + 2, k + 2] = -0.2;
        }
        var qr = Matrix<double>.Build.Random(n, n, new MathNet.Numerics.Distributions.Normal(0, 1, random)).QR();
        var rotated = qr.Q * a * qr.Q.Transpose();
        var q = RandomPositiveSemidefinite(n, random);
        var x = LyapunovSolver.Solve(rotated, q);
        Assert.That(RelativeResidual(rotated, q, x), Is.LessThan(1e-12));
        Assert.That(RealSchur.Compute(rotated).Eigenvalues.Count(e => e.Imaginary > 0), Is.EqualTo(n / 3));
    }

    [Test]
    public void MinusIdentityHalvesQ()
    {
        var random = new Random(8);
        var q = RandomPositiveSemidefinite(6, random);
        var x = LyapunovSolver.Solve(-Matrix<double>.Build.DenseIdentity(6), q);
        Assert.That((x - 0.5 * q).InfinityNorm(), Is.LessThan(1e-14));
    }

    [Test]
    public void DegenerateDampedOscillatorsConverge()
    {
        // Ten identical, uncoupled damped modes: every eigenvalue pair −κ/2 ± iω is ten-fold degenerate.
        const int modes = 10;
        const double omega = 1.0, kappa = 0.1;
        var a = Matrix<double>.Build.Dense(2 * modes, 2 * modes);
        for (int k = 0; k < modes; k++)
        {
            a[2 * k, 2 * k] = a[2 * k + 1, 2 * k + 1] = -kappa / 2;
            a[2 * k, 2 * k + 1] = omega;
            a[2 * k + 1, 2 * k] = -omega;
        }
        var x = LyapunovSolver.Solve(a, kappa * Matrix<double>.Build.DenseIdentity(2 * modes));
        Assert.That((x - Matrix<double>.Build.DenseIdentity(2 * modes)).InfinityNorm(), Is.LessThan(1e-13));
    }

    [Test]
    public void NonNormalJordanBlockHasSmallResidual()
    {
        // −I + N with N the shift: a single defective eigenvalue −1 of multiplicity 30.
        const int n = 30;
        var a = -Matrix<double>.Build.DenseIdentity(n);
        for (int i = 0; i + 1 < n; i++) a[i, i + 1] = 1;
        var q = Matrix<double>.Build.DenseIdentity(n);
        Assert.That(RelativeResidual(a, q, LyapunovSolver.Solve(a, q)), Is.LessThan(ResidualTolerance));
    }

    [Test]
    public void WidelySpreadTimeScalesHaveSmallResidual()
    {
        // Decay rates from 1e-4 to 1e3 hidden by an orthogonal similarity.
        const int n = 16;
        var random = new Random(21);
        var diagonal = Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, n).Select(k => -Math.Pow(10, -4 + 7.0 * k / (n - 1))).ToArray());
        var rotation = Matrix<double>.Build.Random(n, n, new MathNet.Numerics.Distributions.Normal(0, 1, random)).QR().Q;
        var a = rotation * diagonal * rotation.Transpose();
        var q = RandomPositiveSemidefinite(n, random);
        var schur = RealSchur.Compute(a);
        Assert.That(schur.Eigenvalues.Select(e => e.Real).Order(),
            Is.EqualTo(diagonal.Diagonal().Order()).Using<double>((x, y) => Math.Abs(x - y) <= 1e-10 * Math.Max(1, Math.Abs(y))));
        // With ‖A‖‖X‖/‖Q‖ ~ 1e7 the plain relative residual is only ~ε·1e7; the backward error
        // ‖AX + XAᵀ + Q‖ / (2‖A‖‖X‖ + ‖Q‖) of a backward-stable method is a small multiple of n·ε.
        var x = LyapunovSolver.Solve(schur, q);
        double backwardError = (a * x + x * a.Transpose() + q).FrobeniusNorm()
                               / (2 * a.FrobeniusNorm() * x.FrobeniusNorm() + q.FrobeniusNorm());
        Assert.That(backwardError, Is.LessThan(1e-14));
    }

    [Test]
    public void ZeroMatrixHasAllEigenvaluesZero()
    {
        var schur = RealSchur.Compute(Matrix<double>.Build.Dense(5, 5));
        Assert.That(schur.Eigenvalues, Is.All.EqualTo(System.Numerics.Complex.Zero));
        Assert.That(schur.SpectralAbscissa, Is.EqualTo(0));
    }

    [Test]
    public void SingularEquationIsANumericalFailure()
    {
        // Eigenvalues ±1 sum to zero: no unique solution.
        var a = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0 }, { 0, -1.0 } });
        Assert.That(() => LyapunovSolver.Solve(a, Matrix<double>.Build.DenseIdentity(2)),
            Throws.TypeOf<NumericalFailureException>().With.Message.Contains("singular"));
    }

    [Test]
    public void RejectsAsymmetricQ()
    {
        var a = -Matrix<double>.Build.DenseIdentity(2);
        var q = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 1 }, { 0, 1.0 } });
        Assert.That(() => LyapunovSolver.Solve(a, q), Throws.ArgumentException.With.Message.Contains("symmetric"));
    }

    internal static double RelativeResidual(Matrix<double> a, Matrix<double> q, Matrix<double> x) =>
        (a * x + x * a.Transpose() + q).FrobeniusNorm() / q.FrobeniusNorm();

    /// <summary>G/√n − (1.5 + |shift|) I: the circular law puts the spectrum of G/√n in the unit disc, so this is stable.</summary>
    internal static Matrix<double> RandomStableMatrix(int n, Random random)
    {
        var g = Matrix<double>.Build.Random(n, n, new MathNet.Numerics.Distributions.Normal(0, 1, random)) / Math.Sqrt(n);
        var a = g - 1.5 * Matrix<double>.Build.DenseIdentity(n);
        double abscissa = a.Evd().EigenValues.Max(e => e.Real);
        Assert.That(abscissa, Is.Negative, "test matrix must be stable");
        return a;
    }

    internal static Matrix<double> RandomPositiveSemidefinite(int n, Random random)
    {
        var b = Matrix<double>.Build.Random(n, n, new MathNet.Numerics.Distributions.Normal(0, 1, random));
        return b * b.Transpose() / n;
    }
}
