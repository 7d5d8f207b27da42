using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;
using static BosonicTrajectories.Tests.Gaussian.GaussianTestModels;

namespace BosonicTrajectories.Tests.Gaussian;

public class GaussianDynamicsTests
{
    /// <summary>The drift and diffusion are sums of a few products of O(1) numbers: exact up to a few ulps.</summary>
    private const double Exact = 1e-14;

    [Test]
    public void DampedModeHasRotatingDriftAndThermalDiffusion()
    {
        const double omega = 1.3, kappa = 0.1, nbar = 0.7;
        var dynamics = GaussianDynamics.FromModel(DampedMode(omega, kappa, nbar));
        // dq/dt = ω p − κ/2 q, dp/dt = −ω q − κ/2 p;  D = κ(n̄ + ½) I.
        var expectedDrift = Matrix<double>.Build.DenseOfArray(new[,] { { -kappa / 2, omega }, { -omega, -kappa / 2 } });
        var expectedDiffusion = kappa * (nbar + 0.5) * Matrix<double>.Build.DenseIdentity(2);
        Assert.Multiple(() =>
        {
            Assert.That((dynamics.Drift - expectedDrift).InfinityNorm(), Is.LessThan(Exact));
            Assert.That((dynamics.Diffusion - expectedDiffusion).InfinityNorm(), Is.LessThan(Exact));
            Assert.That(dynamics.Drive.AbsoluteMaximum(), Is.EqualTo(0));
        });
    }

    [Test]
    public void OperatorOrderingOnlyShiftsTheEnergy()
    {
        // ω a a† = ω a†a + ω and ½ω(a†a + a a†) give the same drift as ω a†a.
        const double omega = 0.8;
        var normal = GaussianDynamics.FromModel(BuildModel(1, Polynomial.Single(omega, new(0, true), new(0, false))));
        var antiNormal = GaussianDynamics.FromModel(BuildModel(1, Polynomial.Single(omega, new(0, false), new(0, true))));
        var symmetric = GaussianDynamics.FromModel(BuildModel(1,
            Polynomial.Single(omega / 2, new(0, true), new(0, false)) + Polynomial.Single(omega / 2, new(0, false), new(0, true))));
        Assert.That((normal.Drift - antiNormal.Drift).InfinityNorm(), Is.LessThan(Exact));
        Assert.That((normal.Drift - symmetric.Drift).InfinityNorm(), Is.LessThan(Exact));
        Assert.That(normal.Drift[0, 1], Is.EqualTo(omega).Within(Exact));
    }

    [Test]
    public void ComplexHoppingGivesTheHeisenbergEquationOfTheLadderOperators()
    {
        // H = g a0† a1 + g* a1† a0: d⟨a0⟩/dt = −i g ⟨a1⟩. Check through the quadrature drift with ⟨a1⟩ = 1 (q1 = √2).
        var g = new Complex(0.3, 0.4);
        var h = Matrix<Complex>.Build.DenseOfArray(new[,] { { 0, g }, { Complex.Conjugate(g), 0 } });
        var dynamics = GaussianDynamics.FromModel(BuildModel(2, Polynomial.FromHoppingMatrix(h.ToArray())));
        var x = Vector<double>.Build.DenseOfArray([0, 0, Math.Sqrt(2), 0]);
        var dx = dynamics.Drift * x;
        var da0 = new Complex(dx[0], dx[1]) / Math.Sqrt(2);
        Assert.That((da0 - (-Complex.ImaginaryOne * g)).Magnitude, Is.LessThan(Exact));
    }

    [Test]
    public void LinearDriveDisplacesTheMean()
    {
        // H = f (a + a†): d⟨a⟩/dt = −i f, i.e. dp/dt = −√2 f.
        const double f = 2.0;
        var hamiltonian = Polynomial.Linear([f], [f]);
        var dynamics = GaussianDynamics.FromModel(BuildModel(1, hamiltonian));
        Assert.That(dynamics.Drive[0], Is.EqualTo(0).Within(Exact));
        Assert.That(dynamics.Drive[1], Is.EqualTo(-Math.Sqrt(2) * f).Within(Exact));
    }

    [Test]
    public void AffineJumpRelaxesTowardsItsCentre()
    {
        // L = √κ (a − β): the steady state is the coherent state |β⟩, so F x + b = 0 at ⟨a⟩ = β.
        const double kappa = 0.2;
        var beta = new Complex(0.7, -0.4);
        var jump = Polynomial.Linear([Math.Sqrt(kappa)], [0]) + new Polynomial([new Monomial(-Math.Sqrt(kappa) * beta, [])]);
        var dynamics = GaussianDynamics.FromModel(BuildModel(1, Polynomial.Zero, new JumpOperator("displaced loss", jump)));
        var x = Vector<double>.Build.DenseOfArray([Math.Sqrt(2) * beta.Real, Math.Sqrt(2) * beta.Imaginary]);
        Assert.That((dynamics.Drift * x + dynamics.Drive).AbsoluteMaximum(), Is.LessThan(Exact));
    }

    [Test]
    public void QuarticHamiltonianTermIsNamed()
    {
        var hamiltonian = Polynomial.FromHoppingMatrix(new Complex[,] { { 0.1 } })
            + Polynomial.Single(0.025, new(0, true), new(0, true), new(0, false), new(0, false));
        var ex = Assert.Throws<NonGaussianModelException>(() => GaussianDynamics.FromModel(BuildModel(1, hamiltonian)))!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.StartWith("hamiltonian term 0.025 ad0 ad0 a0 a0 has degree 4"));
            Assert.That(ex.Message, Does.Contain("use method lindblad or trajectories"));
            Assert.That(ex.TermSource, Is.EqualTo(NonGaussianTermSource.Hamiltonian));
            Assert.That(ex.TermIndex, Is.EqualTo(1));
            Assert.That(ex.JumpIndex, Is.Null);
        });
    }

    [Test]
    public void QuadraticJumpIsNamed()
    {
        var model = BuildModel(1, Polynomial.Zero,
            new JumpOperator("loss", Polynomial.Linear([0.1], [0])),
            new JumpOperator("two-photon loss", Polynomial.Single(Math.Sqrt(0.05), new(0, false), new(0, false))));
        var ex = Assert.Throws<NonGaussianModelException>(() => GaussianDynamics.FromModel(model))!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain("jump 'two-photon loss'"));
            Assert.That(ex.Message, Does.Contain("0.223607 a0 a0 of degree 2"));
            Assert.That(ex.TermSource, Is.EqualTo(NonGaussianTermSource.Jump));
            Assert.That(ex.JumpIndex, Is.EqualTo(1));
            Assert.That(ex.JumpLabel, Is.EqualTo("two-photon loss"));
            Assert.That(ex.TermIndex, Is.EqualTo(0));
        });
    }

    [Test]
    public void NonHermitianHamiltonianIsRejected()
    {
        var hamiltonian = Polynomial.Single(0.1, new(0, true), new(1, true)); // no plusHc
        Assert.That(() => GaussianDynamics.FromModel(BuildModel(2, hamiltonian)),
            Throws.ArgumentException.With.Message.Contains("not Hermitian"));
    }

    [Test]
    public void ModeOutOfRangeIsRejected()
    {
        var hamiltonian = Polynomial.Single(1.0, new(2, true), new(2, false));
        Assert.That(() => GaussianDynamics.FromModel(BuildModel(2, hamiltonian)),
            Throws.ArgumentException.With.Message.Contains("acts on mode 2"));
    }
}
