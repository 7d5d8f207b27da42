using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Lindblad;
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

    /// <summary>Fock levels per mode for the sweep: ⟨n⟩ ≤ 1e-4 there, so the weight beyond 5 levels is ~1e-20.</summary>
    public const int SweepCutoff = 5;

    /// <summary>
    /// Fock levels per mode for the amplifier: n̄ = 0.095, but the negativity lives in the coherences |n, n⟩⟨m, m| that fall
    /// off like (|⟨a_0 a_1⟩|/(n̄ + 1))^n ≈ 0.3^n; 8 levels leave an error of 1e-5 in E_N, 12 levels about 1e-7.
    /// </summary>
    public const int AmplifierCutoff = 12;

    /// <summary>
    /// Fock steady-state log-negativities up to this are noise (GMRES relative residual 1e-12; at s = 0 the state is the
    /// vacuum, where ρ^{T_B} has zero eigenvalues, so residuals show up directly).
    /// </summary>
    public const double FockNoiseFloor = 1e-8;

    /// <summary>
    /// |E_N(Fock) − E_N(Gaussian)| allowed: the truncations above change E_N by ≲ 1e-7 and the solver's residual is ~1e-12,
    /// while a wrong backend (or solver) is off by far more.
    /// </summary>
    public const double FockAgreement = 1e-6;

    /// <summary>
    /// The Fock-space controls: the parametric amplifier and the squeezing sweep solved by <see cref="SteadyStateSolver"/>
    /// on a small cutoff; each must agree with the backend's Gaussian log-negativity, and be entangled exactly when s &gt; 0.
    /// </summary>
    public static IReadOnlyList<ControlResult> Fock(IGaussianBackend backend, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var results = new List<ControlResult>
        {
            FockControl("parametric amplifier", ControlModels.AmplifierSqueezing, AmplifierCutoff, backend,
                () => ControlModels.ParametricAmplifier(), cancellation),
        };
        foreach (double s in ControlModels.SweepSqueezing)
            results.Add(FockControl("squeezing sweep (cold two-mode machine)", s, SweepCutoff, backend,
                () => ThermalMachine.Build(ControlModels.ColdTwoModeMachine(s)), cancellation));
        return results;
    }

    private static ControlResult FockControl(string name, double s, int cutoff, IGaussianBackend backend, Func<OpenSystemModel> build,
        CancellationToken cancellation)
    {
        string method = $"fock steady state (cutoff {cutoff})";
        double? expected = null;
        try
        {
            var model = build();
            var cuts = Bipartition.Enumerate(model.Parties, BipartitionChoice.All);
            var sigma = backend.SteadyCovariance(model);
            expected = cuts.Max(cut => GaussianEntanglement.LogNegativity(sigma, cut.ModesB));
            var space = new FockSpace(new PerModeTruncation([cutoff]), model.Modes);
            var rho = SteadyStateSolver.Solve(LindbladProblem.Build(model, space), cancellationToken: cancellation).DensityMatrix;
            double worst = cuts.Max(cut => FockCrossCheck.LogNegativity(rho, space, cut.ModesB));
            return new ControlResult(name, method, s, worst, FockNoiseFloor, s > 0, expected, FockAgreement, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            return new ControlResult(name, method, s, double.NaN, FockNoiseFloor, s > 0, expected, FockAgreement, $"{e.GetType().Name}: {e.Message}");
        }
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
