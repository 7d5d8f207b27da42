using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Simulation;

/// <summary>
/// Method <c>steadystate</c>: solves ℒρ = 0 with Tr ρ = 1 in the truncated Fock space (on the excitation-number
/// blocks when the model conserves excitations). The final time is reported as null (t = ∞).
/// </summary>
internal static class SteadyStateMethod
{
    public static RunResult Run(SimulationConfig config, OpenSystemModel model, ImmutableArray<Bipartition> bipartitions, RunContext context)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var space = new FockSpace(config.Truncation, model.Modes);
        _ = InitialStates.Build(space, config.InitialState);   // the initial state is irrelevant, but a config that cannot hold it is still wrong
        var problem = LindbladProblem.Build(model, space);
        var solution = SteadyStateSolver.Solve(problem, new SteadyStateOptions(), context.Cancellation);
        double solveSeconds = clock.Elapsed.TotalSeconds;
        context.Report(1);
        var rho = solution.DensityMatrix;
        using var observations = new DensityMatrixObservations(space, bipartitions, config.Analysis.Wigner is null ? null : [0]);
        observations.Observe(double.PositiveInfinity, rho);
        double stateError = 1e-9 + 10 * space.Dimension * solution.ResidualNorm;
        var details = new JsonObject
        {
            ["residualNorm"] = solution.ResidualNorm,
            ["traceError"] = solution.TraceError,
            ["hermiticityError"] = solution.HermiticityError,
            ["iterations"] = solution.Iterations,
            ["usedExcitationStructure"] = solution.UsedExcitationStructure,
            ["unknowns"] = solution.Unknowns,
            ["preconditioner"] = solution.Preconditioner.ToString(),
            ["blockSweeps"] = solution.UsedBlockSweeps,
            ["purity"] = DensityMatrixAnalysis.Purity(rho),
        };
        return new RunResult("steadystate", space.Dimension, double.PositiveInfinity, DensityMatrixAnalysis.Moments(rho, space),
            observations.Series(), observations.FinalEntanglement(rho, stateError), observations.MaxTailPopulation(rho),
            MomentErrorEstimate: stateError, Statistics: null, Details: details) { Snapshots = observations.Snapshots, SolveSeconds = solveSeconds };
    }
}
