using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Verification;

/// <summary>
/// The Gaussian theory the campaign checks: the steady-state covariance Σ of a quadratic model (quadratures
/// q_1, p_1, …, q_d, p_d; vacuum I/2). An interface so that tests can hand the campaign a deliberately wrong backend
/// and check that the campaign notices.
/// </summary>
public interface IGaussianBackend
{
    /// <summary>A short name for reports.</summary>
    string Name { get; }

    /// <summary>Σ solving F Σ + Σ Fᵀ + D = 0 for the model's drift F and diffusion D.</summary>
    /// <exception cref="UnstableModelException">The model has no unique steady state.</exception>
    Matrix<double> SteadyCovariance(OpenSystemModel model);
}

/// <summary>The engine's own backend: <see cref="GaussianSteadyState.Solve(OpenSystemModel)"/> (real Schur + Bartels–Stewart).</summary>
public sealed class LyapunovBackend : IGaussianBackend
{
    public static LyapunovBackend Instance { get; } = new();

    public string Name => "lyapunov";

    public Matrix<double> SteadyCovariance(OpenSystemModel model) => GaussianSteadyState.Solve(model).Covariance;
}
