using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Simulation;

/// <summary>
/// Runs a validated config end to end: builds the model, runs the chosen method, and analyses the result
/// (Gaussian reference, cross-check, entanglement, certificate, verdict).
/// </summary>
public static class SimulationRunner
{
    public static AnalysedResult Run(SimulationConfig config, RunContext context)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        OpenSystemModel model = ModelBuilder.Build(config.Model);
        var bipartitions = Bipartition.Enumerate(model.Parties, config.Analysis.Bipartitions);
        try
        {
            var solveClock = System.Diagnostics.Stopwatch.StartNew();
            RunResult result = config.Run.Method switch
            {
                RunMethod.Gaussian => GaussianMethod.Run(config, model, bipartitions, context),
                RunMethod.Lindblad => LindbladMethod.Run(config, model, bipartitions, context),
                RunMethod.SteadyState => SteadyStateMethod.Run(config, model, bipartitions, context),
                RunMethod.Trajectories => TrajectoryMethod.Run(config, model, bipartitions, context),
                _ => throw new ConfigException("run.method", $"unknown method '{config.Run.Method}'"),
            };
            // A method that did not time its solve is charged with its whole call.
            result = result with { SolveSeconds = result.SolveSeconds ?? solveClock.Elapsed.TotalSeconds };
            return ResultAnalysis.Analyse(config, model, bipartitions, result, clock.Elapsed.TotalSeconds);
        }
        catch (NonGaussianModelException e)
        {
            throw new ConfigException(NonGaussianTermPath(config, e), e.Message);
        }
    }

    /// <summary>The config path of the term that made the Gaussian backend refuse the model.</summary>
    private static string NonGaussianTermPath(SimulationConfig config, NonGaussianModelException e) => e.TermSource switch
    {
        NonGaussianTermSource.Jump when e.JumpLabel is { } label && label.StartsWith("jumps[", StringComparison.Ordinal) => "model." + label,
        NonGaussianTermSource.Jump => "model.jumps",
        _ when config.Model is ThermalMachineDescription => "model.extraTerms",
        _ => "model.hamiltonian.terms",
    };
}
