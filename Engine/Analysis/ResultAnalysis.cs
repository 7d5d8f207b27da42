using System.Collections.Immutable;
using System.Globalization;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using BosonicTrajectories.Thermodynamics;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// Turns a method's <see cref="RunResult"/> into the reported result: the Gaussian reference (quadratic models), the
/// covariance cross-check, per-bipartition entanglement, the Σ ≥ I/2 certificate of the final covariance, and the verdict.
/// </summary>
public static class ResultAnalysis
{
    /// <summary>Gaussian log-negativities below this are round-off (Lyapunov residuals are ~1e-14 relative).</summary>
    public const double GaussianLogNegativityFloor = 1e-9;

    /// <summary>
    /// Tail population above which the truncation is not converged: the Fock result cannot decide a verdict alone.
    /// </summary>
    public const double UnconvergedTailPopulation = 1e-3;

    public static AnalysedResult Analyse(SimulationConfig config, OpenSystemModel model, ImmutableArray<Bipartition> bipartitions, RunResult run, double wallSeconds)
    {
        var finalQuadratures = GaussianMoments.ToQuadratures(run.Final);
        GaussianReference? reference = model.IsQuadratic ? BuildReference(config, model, run) : null;
        CrossCheck? check = reference is null ? null : Compare(config, run, finalQuadratures, reference);
        var entanglement = bipartitions.Select(b => new EntanglementReport(
            b,
            run.MeasuredEntanglement.FirstOrDefault(m => m.Bipartition.Equals(b)),
            GaussianEntanglement.LogNegativity(finalQuadratures.Covariance, b.ModesB))).ToList();
        var certificate = SeparabilityCertificate.Evaluate(finalQuadratures.Covariance);
        var verdict = Decide(run, check, entanglement, certificate);
        return new AnalysedResult(config, model, run, finalQuadratures, reference, check, entanglement, certificate, verdict, wallSeconds)
        {
            Thermodynamics = config.Model is ThermalMachineDescription machine
                ? MachineThermodynamicsReport.Evaluate(machine, model, run.Final, run.FinalTime, FinalMomentError(config, run), reference?.SteadyLadder)
                : null,
        };
    }

    /// <summary>The error of the final moments relative to O(1) occupations: the method's estimate plus the truncation term of the cross-check.</summary>
    private static double FinalMomentError(SimulationConfig config, RunResult run) =>
        run.MomentErrorEstimate + (run.MaxTailPopulation is { } tail ? 50.0 * LargestCutoff(config.Truncation) * tail : 0);

    private static GaussianReference BuildReference(SimulationConfig config, OpenSystemModel model, RunResult run)
    {
        var dynamics = GaussianDynamics.FromModel(model);
        var steady = GaussianSteadyState.Solve(dynamics);
        QuadratureMoments? atFinal = double.IsFinite(run.FinalTime)
            ? GaussianEvolution.At(dynamics, GaussianMoments.ToQuadratures(InitialMoments.Of(config.InitialState, model.Modes)), run.FinalTime)
            : null;
        return new GaussianReference(GaussianMoments.ToLadder(steady), steady, atFinal);
    }

    /// <summary>
    /// Compares the final covariance with the exact Gaussian covariance at the same time (the steady state for a
    /// steady-state solve). Tolerance = the method's own error estimate + a truncation term
    /// 50 · (largest cutoff) · (tail population), which bounds the moment error of a geometric-like tail.
    /// </summary>
    private static CrossCheck Compare(SimulationConfig config, RunResult run, QuadratureMoments final, GaussianReference reference)
    {
        bool steady = reference.AtFinalTime is null;
        var target = reference.AtFinalTime ?? reference.Steady;
        double error = (final.Covariance - target.Covariance).Enumerate().Max(Math.Abs);
        double truncation = run.MaxTailPopulation is { } tail ? 50.0 * LargestCutoff(config.Truncation) * tail : 0;
        string what = run.Method == "gaussian" ? "the Gaussian moments at the final time (same solver; checks the evolution code)"
            : steady ? "the Lyapunov steady state" : "the exact Gaussian moments at the final time";
        return new CrossCheck(what, error, run.MomentErrorEstimate + truncation);
    }

    private static int LargestCutoff(Truncation truncation) => truncation switch
    {
        PerModeTruncation p => p.Levels.Max(),
        TotalExcitationTruncation t => t.MaxTotal + 1,
        _ => 1,
    };

    private static Verdict Decide(RunResult run, CrossCheck? check, List<EntanglementReport> entanglement, SeparabilityCertificate certificate)
    {
        var inv = CultureInfo.InvariantCulture;
        if (entanglement.Count == 0)
            return new Verdict(Verdict.Separable, "a single party: there is no bipartition to entangle");
        bool measured = entanglement.All(e => e.Measured is not null);
        if (!measured)
        {
            var worst = entanglement.MaxBy(e => e.GaussianLogNegativity)!;
            if (worst.GaussianLogNegativity > GaussianLogNegativityFloor)
                return new Verdict(Verdict.Entangled, string.Create(inv,
                    $"Gaussian log-negativity {worst.GaussianLogNegativity:G4} > {GaussianLogNegativityFloor:G1} across {worst.Bipartition.Label}"));
            return new Verdict(Verdict.Separable, certificate.Certified
                ? "Σ ≥ I/2 (certificate holds: separable across every bipartition) and every Gaussian log-negativity is 0"
                : string.Create(inv, $"every Gaussian log-negativity is ≤ {GaussianLogNegativityFloor:G1} (PPT across every reported bipartition)"));
        }

        foreach (var e in entanglement)
        {
            var m = e.Measured!;
            bool clearlyEntangled = m.LogNegativityLower is { } lower ? lower > 0 : m.LogNegativity > m.NoiseFloor;
            if (clearlyEntangled)
                return new Verdict(Verdict.Entangled, m.LogNegativityLower is { } lo
                    ? string.Create(inv, $"log-negativity across {e.Bipartition.Label} is {m.LogNegativity:G4}, confidence interval [{lo:G4}, {m.LogNegativityUpper:G4}] excludes 0")
                    : string.Create(inv, $"log-negativity across {e.Bipartition.Label} is {m.LogNegativity:G4}, above its noise floor {m.NoiseFloor:G2}"));
        }
        if (run.MaxTailPopulation is { } tail && tail > UnconvergedTailPopulation)
            return new Verdict(Verdict.Inconclusive, string.Create(inv,
                $"largest top-level population {tail:G3} > {UnconvergedTailPopulation:G1}: the truncation is not converged; raise the cutoff"));
        var undecided = entanglement.FirstOrDefault(e => e.Measured!.LogNegativityUpper is { } up && up > e.Measured.NoiseFloor);
        if (undecided is not null)
            return new Verdict(Verdict.Inconclusive, string.Create(inv,
                $"the confidence interval of the log-negativity across {undecided.Bipartition.Label} reaches {undecided.Measured!.LogNegativityUpper:G3}: sampling cannot decide; about {undecided.Measured.TrajectoriesNeeded} trajectories would"));
        if (check is { Agrees: false })
            return new Verdict(Verdict.Inconclusive, string.Create(inv,
                $"no negativity above the noise floor, but the covariance disagrees with {check.Reference} by {check.CovarianceMaxAbsError:G3} > tolerance {check.Tolerance:G3}"));
        return new Verdict(Verdict.Separable, "every log-negativity is below its noise floor (PPT across every reported bipartition)"
            + (certificate.Certified ? "; the final covariance also satisfies Σ ≥ I/2" : ""));
    }
}
