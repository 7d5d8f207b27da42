namespace BosonicTrajectories.Cli;

/// <summary>Entry point of the command line (SPEC §4).</summary>
public static class CommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("not yet implemented: " + string.Join(' ', args));
        return 1;
    }
}
