using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Verification;

/// <summary>
/// The controls run beside the random instances (<see cref="ControlModels"/>): each breaks a hypothesis of the theorem
/// (squeezing between parties), so the engine must report entanglement; the s = 0 point of the sweep is a thermal machine
/// and must be reported separable.
/// </summary>
public static class ControlExperiments
{
    /// <summary>Closed form vs Lyapunov solution of the parametric amplifier (both exact; round-off only).</summary>
    public const double ClosedFormTolerance = 1e-8;

    /// <summary>The Gaussian controls: the amplifier, the three-party machine with squeezing, and the sweep.</summary>
    public static IReadOnlyList<ControlResult> Gaussian(IGaussianBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var results = new List<ControlResult>
        {
            GaussianControl("parametric amplifier", ControlModels.AmplifierSqueezing, backend,
                () => ControlModels.ParametricAmplifier(), ControlModels.ParametricAmplifierLogNegativity()),
            GaussianControl("three-party machine + squeezing A–C", ControlModels.ThreePartySqueezing, backend,
                () => ThermalMachine.Build(ControlModels.ThreePartyMachine()), null),
        };
        foreach (double s in ControlModels.SweepSqueezing)
            results.Add(GaussianControl("squeezing sweep (cold two-mode machine)", s, backend,
                () => ThermalMachine.Build(ControlModels.ColdTwoModeMachine(s)), null));
        return results;
    }

    private static ControlResult GaussianControl(string name, double s, IGaussianBackend backend, Func<OpenSystemModel> build, double? expected)
    {
        try
        {
            var model = build();
            var sigma = backend.SteadyCovariance(model);
            double worst = Bipartition.Enumerate(model.Parties, BipartitionChoice.All)
                .Max(cut => GaussianEntanglement.LogNegativity(sigma, cut.ModesB));
            return new ControlResult(name, "gaussian", s, worst, InstanceCheck.LogNegativityThreshold, s > 0, expected, ClosedFormTolerance, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            return new ControlResult(name, "gaussian", s, double.NaN, InstanceCheck.LogNegativityThreshold, s > 0, expected, ClosedFormTolerance,
                $"{e.GetType().Name}: {e.Message}");
        }
    }
}
