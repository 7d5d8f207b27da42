using System.Globalization;
using Complex = System.Numerics.Complex;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// The steady state of the Gaussian moment equations (<see cref="GaussianDynamics"/>):
/// F ⟨x⟩ + b = 0 and the Lyapunov equation F Σ + Σ Fᵀ + D = 0, which have a unique solution when the drift F is
/// stable (every eigenvalue has negative real part). Exact for any quadratic model, with no Fock cutoff.
/// </summary>
public static class GaussianSteadyState
{
    /// <summary>
    /// An eigenvalue counts as undamped when Re λ ≥ −StabilityTolerance·max|λ|: round-off in the Schur form of a
    /// model with a genuinely undamped mode leaves |Re λ| ~ 1e-16·max|λ|, while physical damping is many orders larger.
    /// </summary>
    public const double StabilityTolerance = 1e-12;

    /// <summary>Σ and ⟨x⟩ in the steady state of the model.</summary>
    /// <exception cref="NonGaussianModelException">The model is not quadratic.</exception>
    /// <exception cref="UnstableModelException">The drift has an eigenvalue with Re λ ≥ 0 (no unique steady state).</exception>
    public static QuadratureMoments Solve(OpenSystemModel model) => Solve(GaussianDynamics.FromModel(model));

    /// <summary>Σ and ⟨x⟩ with F ⟨x⟩ + b = 0 and F Σ + Σ Fᵀ + D = 0.</summary>
    /// <exception cref="UnstableModelException">The drift has an eigenvalue with Re λ ≥ 0 (no unique steady state).</exception>
    public static QuadratureMoments Solve(GaussianDynamics dynamics)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        var schur = RealSchur.Compute(dynamics.Drift);
        CheckStable(schur);
        var covariance = LyapunovSolver.Solve(schur, dynamics.Diffusion);
        var mean = dynamics.Drive.AbsoluteMaximum() == 0
            ? Vector<double>.Build.Dense(dynamics.Drive.Count)
            : dynamics.Drift.LU().Solve(-dynamics.Drive);
        return new QuadratureMoments(mean, covariance);
    }

    /// <summary>Throws <see cref="UnstableModelException"/> naming the least damped eigenvalue if it is not damped.</summary>
    public static void CheckStable(RealSchur schurOfDrift)
    {
        ArgumentNullException.ThrowIfNull(schurOfDrift);
        if (schurOfDrift.Order == 0) return;
        double scale = schurOfDrift.Eigenvalues.Max(e => e.Magnitude);
        var worst = schurOfDrift.Eigenvalues.MaxBy(e => e.Real);
        if (worst.Real >= -StabilityTolerance * scale)
            throw new UnstableModelException(DescribeUnstableEigenvalue(worst, scale));
    }

    internal static string DescribeUnstableEigenvalue(Complex eigenvalue, double scale)
    {
        bool growing = eigenvalue.Real > StabilityTolerance * scale;
        string which = eigenvalue.Imaginary == 0
            ? $"a real eigenvalue {Signed(eigenvalue.Real)}"
            : $"an eigenvalue {Format(eigenvalue.Real)} {(eigenvalue.Imaginary < 0 ? "-" : "+")} {Format(Math.Abs(eigenvalue.Imaginary))}i " +
              $"with real part {Signed(eigenvalue.Real)}";
        string cause = growing
            ? "the model has no steady state: a quadrature grows without bound (gain exceeds loss, e.g. a squeezing " +
              "rate at or above half the damping rate, or absorption exceeding emission)"
            : "the model has no unique steady state: a mode or quadrature is undamped (no jump damps it, or gain " +
              "exactly balances loss)";
        return $"the drift matrix has {which} ≥ 0 (tolerance {Format(StabilityTolerance)}·max|λ| = " +
               $"{Format(StabilityTolerance * scale)}): {cause}";
    }

    private static string Format(double x) => (x == 0 ? 0.0 : x).ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>"+0.01", "-3E-17", "0" (negative zero prints as 0).</summary>
    private static string Signed(double x) => x > 0 ? "+" + Format(x) : Format(x);
}
