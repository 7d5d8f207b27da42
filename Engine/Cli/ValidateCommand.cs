using System.CommandLine;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Cli;

/// <summary><c>validate CONFIG</c>: prints every problem and exits 2, or a one-screen description and exits 0.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("CONFIG") { Description = "path to a JSON config (comments and trailing commas allowed)" };
        var command = new Command("validate", "Check a config and describe the model it defines.") { config };
        command.SetAction(parse => CommandLine.Guard(() =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            var model = BosonicTrajectories.Model.ModelBuilder.Build(loaded.Model);
            Console.WriteLine(ConfigDescription.Describe(loaded));
            Console.WriteLine(ModelReport.Describe(model));
            if (ModelReport.LindbladBasis(loaded, model) is { } basis) Console.WriteLine(basis);
            return CommandLine.Success;
        }));
        return command;
    }
}
