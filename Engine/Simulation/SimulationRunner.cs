using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;
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
        RunResult result = config.Run.Method switch
        {
            RunMethod.Gaussian => GaussianMethod.Run(config, model, bipartitions, context),
            _ => throw new ConfigException("run.method", $"method '{config.Run.Method}' is not available in this build; use \"gaussian\""),
        };
        return ResultAnalysis.Analyse(config, model, bipartitions, result, clock.Elapsed.TotalSeconds);
    }
}
