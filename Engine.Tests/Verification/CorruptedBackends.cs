using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using BosonicTrajectories.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Verification;

/// <summary>
/// A deliberately wrong Gaussian backend: it keeps the drift F but drops the diffusion contributed by one jump (the first
/// emission jump of a thermal machine, or the first jump of any other model), i.e. the vacuum noise of one bath channel.
/// Σ then solves F Σ + Σ Fᵀ + (D − D_k) = 0 and dips below I/2 along that channel.
/// </summary>
internal sealed class DroppedDiffusionBackend : IGaussianBackend
{
    public string Name => "dropped-diffusion (test double)";

    public Matrix<double> SteadyCovariance(OpenSystemModel model)
    {
        var dynamics = GaussianDynamics.FromModel(model);
        var dropped = model.Jumps.FirstOrDefault(j => j.Label.StartsWith("emission", StringComparison.Ordinal)) ?? model.Jumps[0];
        var only = model with { Hamiltonian = Polynomial.Zero, Jumps = [dropped] };
        var diffusion = dynamics.Diffusion - GaussianDynamics.FromModel(only).Diffusion;
        return LyapunovSolver.Solve(dynamics.Drift, diffusion);
    }
}

/// <summary>A backend that counts its calls and otherwise is the real one (checks the campaign uses the injected backend).</summary>
internal sealed class CountingBackend : IGaussianBackend
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public string Name => "counting";

    public Matrix<double> SteadyCovariance(OpenSystemModel model)
    {
        Interlocked.Increment(ref calls);
        return LyapunovBackend.Instance.SteadyCovariance(model);
    }
}
