using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Verification;

/// <summary>
/// Checks the no-go theorem on one thermal machine with the Gaussian backend: the steady state Σ (F Σ + Σ Fᵀ + D = 0),
/// E_N = Σ_k max(0, −ln 2ν̃_k) for every split of the parties into two sides, and λ_min(Σ − I/2) ≥ 0. The instance
/// violates the theorem when some E_N &gt; <see cref="LogNegativityThreshold"/> or the certificate fails. E − A must be
/// positive definite (unique steady state); the generator guarantees it, so an instance without it fails the check.
/// </summary>
public static class InstanceCheck
{
    /// <summary>Log-negativities up to this are round-off (Lyapunov residuals are ~1e-14 relative; SPEC verdict floor).</summary>
    public const double LogNegativityThreshold = ResultAnalysis.GaussianLogNegativityFloor;

    /// <summary>Runs the check. Never throws for a problem of the instance: that becomes <see cref="InstanceOutcome.Failed"/>.</summary>
    public static InstanceResult Run(GeneratedMachine machine, IGaussianBackend backend)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(backend);
        try
        {
            var model = machine.Model;
            var diagnostics = model.Passive!.Diagnostics;
            if (!diagnostics.UniqueSteadyState)
                throw new UnstableModelException(
                    $"E − A is not positive definite (λ_min = {diagnostics.MinEigenvalueEmissionMinusAbsorption:G3}): the instance is outside the theorem's hypotheses");
            var sigma = backend.SteadyCovariance(model);
            var bipartitions = Bipartition.Enumerate(model.Parties, BipartitionChoice.All);
            double worst = 0;
            string worstLabel = bipartitions[0].Label;
            foreach (var cut in bipartitions)
            {
                double e = GaussianEntanglement.LogNegativity(sigma, cut.ModesB);
                if (e > worst || double.IsNaN(e))
                {
                    worst = e;
                    worstLabel = cut.Label;
                }
            }
            var certificate = SeparabilityCertificate.Evaluate(sigma);
            bool violates = !(worst <= LogNegativityThreshold) || !certificate.Certified;
            return new InstanceResult(machine.Index, machine, bipartitions.Length, worst, worstLabel,
                certificate.MinEigenvalueSigmaMinusHalf, certificate.Certified,
                diagnostics.MinEigenvalueEmissionMinusAbsorption, diagnostics.SecularMargin, Occupations(sigma),
                violates ? InstanceOutcome.Violates : InstanceOutcome.Holds, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            return InstanceResult.FailedAt(machine.Index, machine, e);
        }
    }

    /// <summary>⟨a_i† a_i⟩ = (Σ_{q_i q_i} + Σ_{p_i p_i} − 1)/2 (for ⟨x⟩ = 0).</summary>
    public static double[] Occupations(Matrix<double> sigma)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        int d = sigma.RowCount / 2;
        var n = new double[d];
        for (int i = 0; i < d; i++) n[i] = 0.5 * (sigma[2 * i, 2 * i] + sigma[(2 * i) + 1, (2 * i) + 1] - 1);
        return n;
    }
}
