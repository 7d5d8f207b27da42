using System.CommandLine;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Cli;

/// <summary>
/// Entry point of the command line (SPEC §4). Exit codes: 0 success, 2 config or usage error (message on stderr
/// naming the JSON path or option), 1 numerical failure (message says what failed and which option to change).
/// </summary>
public static class CommandLine
{
    public const int Success = 0;
    public const int NumericalFailure = 1;
    public const int ConfigError = 2;

    /// <summary>A trajectories run stopped early (Ctrl-C, --max-wall) and wrote a valid partial result: EX_TEMPFAIL of
    /// sysexits.h, so a scheduler can requeue the task with <c>--resume</c>.</summary>
    public const int Partial = 75;

    public static int Run(string[] args)
    {
        var root = new RootCommand("BosonicTrajectories: open bosonic systems in a truncated Fock space, checked against exact Gaussian theory.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(ConvergeCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(BenchIntegratorsCommand.Create());
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine("error: " + error.Message);
            Console.Error.WriteLine("Run with --help for usage.");
            return ConfigError;
        }
        return parse.Invoke();
    }

    /// <summary>Runs a command body, mapping the engine's exceptions to exit codes and clear messages.</summary>
    internal static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"config error ({e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}):");
            foreach (var error in e.Errors) Console.Error.WriteLine($"  {error.Path}: {error.Message}");
            return ConfigError;
        }
        catch (UnstableModelException e)
        {
            Console.Error.WriteLine($"config error:\n  model: {e.Message}");
            return ConfigError;
        }
        catch (NumericalFailureException e)
        {
            Console.Error.WriteLine($"numerical failure: {e.Message}");
            return NumericalFailure;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted.");
            return NumericalFailure;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"cannot write the result: {e.Message}; check --out");
            return NumericalFailure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"internal error ({e.GetType().Name}): {e.Message}");
            Console.Error.WriteLine("This is a bug in BosonicTrajectories; please report it with the config that caused it.");
            return NumericalFailure;
        }
    }
}
