using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Simulation;

/// <summary>
/// Method <c>lindblad</c>: integrates dρ/dt = ℒρ in the truncated Fock space with the configured integrator, to tEnd
/// (or until ‖dρ/dt‖_F &lt; steadyTolerance for <c>"tEnd": "steady"</c>), observing the lab-frame ρ at the output times.
/// </summary>
internal static class LindbladMethod
{
    /// <summary>Longest time a <c>"tEnd": "steady"</c> run may take, in units of the slowest rate scale (1/min rate).</summary>
    private const double SteadyTimeLimit = 1e7;

    public static RunResult Run(SimulationConfig config, OpenSystemModel model, ImmutableArray<Bipartition> bipartitions, RunContext context)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var space = new FockSpace(config.Truncation, model.Modes);
        var rho0 = InitialStates.Build(space, config.InitialState).ToDensityMatrix();
        // krylov integrates dρ/dt = 𝓛ρ with a time-independent 𝓛 only; the interaction picture's generator carries phases
        // e^{i(E0_r − E0_c)t} (any coupling or drive off the Fock diagonal), so krylov runs in the lab frame.
        bool labFrame = IntegratorRegistry.Create(config.Run.Integrator) is KrylovExponentialIntegrator;
        var problem = LindbladProblem.Build(model, space, interactionPicture: !labFrame);
        var options = new IntegratorOptions(config.Run.RelativeTolerance, config.Run.AbsoluteTolerance);
        var evolution = new LindbladEvolution(problem, config.Run.Integrator, options) { UseNormalModes = config.Run.NormalModes };
        double[] outputTimes = config.Run.TEnd is { } end ? OutputTimes.Evenly(end, config.Run.Samples) : [0];
        using var observations = new DensityMatrixObservations(space, bipartitions,
            DensityMatrixObservations.NearestIndices(outputTimes, config.Analysis.Wigner));
        var outcome = config.Run.TEnd is { } tEnd
            ? evolution.Run(rho0, tEnd, config.Run.Samples, observations.Observe, new SyncProgress(context), context.Cancellation)
            : evolution.RunToSteadyState(rho0, config.Run.SteadyTolerance, SteadyTimeLimit, observations.Observe, new SyncProgress(context), context.Cancellation);
        var series = observations.Series();
        double solveSeconds = clock.Elapsed.TotalSeconds;

        var rho = outcome.FinalDensityMatrix;
        double stateError = 10 * (config.Run.RelativeTolerance + space.Dimension * config.Run.AbsoluteTolerance);
        var final = DensityMatrixAnalysis.Moments(rho, space);
        double scale = 1 + Enumerable.Range(0, model.Modes).Max(i => final.AdaggerA[i, i].Real);
        var details = new JsonObject
        {
            ["integrator"] = evolution.IntegratorName,
            ["interactionPicture"] = problem.UsesInteractionPicture,
            // Coherence orders k = N − N' evolved block by block (null: the whole ρ, for models that do not conserve N).
            ["evolvedCoherenceOrders"] = evolution.EvolvedCoherenceOrders is { } orders
                ? new JsonArray([.. orders.Select(k => (JsonNode)k)]) : null,
            // The mode basis the integrator evolved ρ in ("normal modes": exact frame of a passive H on a total-excitation truncation).
            ["basis"] = evolution.EvolvedInNormalModes ? "normal modes" : "local modes",
            // How the blocks were computed: "ladders" (H Fock-diagonal in the working basis, every jump a single-mode ladder),
            // "shifted terms" (every operator splits into shift components), "sparse blocks", or null (the whole ρ).
            ["rhsKernel"] = evolution.EvolvedWithKernel switch
            {
                SectorKernel.Ladders => "ladders",
                SectorKernel.ShiftedTerms => "shifted terms",
                SectorKernel.SparseBlocks => "sparse blocks",
                _ => null,
            },
            ["acceptedSteps"] = outcome.AcceptedSteps,
            ["rejectedSteps"] = outcome.RejectedSteps,
            ["rhsEvaluations"] = outcome.TotalRhsEvaluations,
            ["finalDerivativeNorm"] = outcome.FinalDerivativeNorm,
            ["trace"] = DensityMatrixAnalysis.Trace(rho).Real,
            ["purity"] = DensityMatrixAnalysis.Purity(rho),
            ["hermiticityError"] = DensityMatrixAnalysis.HermiticityError(rho),
        };
        return new RunResult("lindblad", space.Dimension, outcome.FinalTime, final, series,
            observations.FinalEntanglement(rho, stateError), observations.MaxTailPopulation(rho),
            MomentErrorEstimate: 100 * (config.Run.RelativeTolerance * scale + config.Run.AbsoluteTolerance * space.Dimension),
            Statistics: null, Details: details) { Snapshots = observations.Snapshots, SolveSeconds = solveSeconds };
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports synchronously (no SynchronizationContext hop).</summary>
    internal sealed class SyncProgress(RunContext context) : IProgress<double>
    {
        public void Report(double value) => context.Report(value);
    }
}
