using System.CommandLine;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Simulation;
using BosonicTrajectories.Verification;

namespace BosonicTrajectories.Cli;

/// <summary>
/// <c>verify [--instances N] [--modes 2..4] [--seed S] [--fock-subset K] [--out DIR] [--threads N]</c> (SPEC §4, issue 5):
/// the no-go theorem on random thermal machines, Fock cross-checks and controls; writes <c>&lt;out&gt;/verify/</c>.
/// Exit code 0 when everything passes, <see cref="VerificationFailed"/> (3) when an instance violates the theorem or a
/// cross-check or control fails (the reasons on stderr and in verify.json), 2 for invalid options.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Exit code of a campaign that ran but found a violation or a failed check.</summary>
    public const int VerificationFailed = 3;

    public static Command Create() => Create(LyapunovBackend.Instance);

    /// <summary>The command with another Gaussian backend (tests inject a wrong one and expect exit code 3).</summary>
    internal static Command Create(IGaussianBackend backend)
    {
        var instances = new Option<int>("--instances") { Description = "number of random thermal machines", DefaultValueFactory = _ => VerificationSettings.DefaultInstances };
        var modes = new Option<string>("--modes") { Description = "mode counts to draw from: a range 2..4 or one count 3", DefaultValueFactory = _ => VerificationSettings.DefaultModes.ToString() };
        var seed = new Option<ulong>("--seed") { Description = "campaign seed; instance k depends only on (seed, k)", DefaultValueFactory = _ => VerificationSettings.DefaultSeed };
        var fockSubset = new Option<int>("--fock-subset") { Description = "number of two-mode Fock cross-checks; 0: Gaussian only", DefaultValueFactory = _ => VerificationSettings.DefaultFockSubset };
        var output = new Option<string>("--out") { Description = "output folder; writes <out>/verify/", DefaultValueFactory = _ => "results" };
        var threads = new Option<int?>("--threads") { Description = "worker threads (default: all cores); results never depend on it" };
        var command = new Command("verify", "Check the no-go theorem on random thermal machines, cross-check against the Fock solvers, run entangling controls.")
        {
            instances, modes, seed, fockSubset, output, threads,
        };
        command.SetAction(parse => CommandLine.Guard(() =>
        {
            var settings = ReadSettings(parse.GetValue(instances), parse.GetValue(modes)!, parse.GetValue(seed), parse.GetValue(fockSubset));
            int threadCount = parse.GetValue(threads) ?? Environment.ProcessorCount;
            if (threadCount < 1) throw new ConfigException("--threads", $"{threadCount} is not a thread count; use 1 or more");

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                VerificationReport report;
                using (var progress = new ProgressDisplay("verify"))
                    report = VerificationCampaign.Run(settings, backend, new RunContext(threadCount, progress.Report, cancel.Token));
                string folder = VerificationOutput.Write(parse.GetValue(output)!, report);
                Console.WriteLine(VerificationTable.Format(report));
                Console.WriteLine($"wrote {folder}");
                if (report.Passed) return CommandLine.Success;
                Console.Error.WriteLine($"verification FAILED ({report.Problems.Count} problem{(report.Problems.Count == 1 ? "" : "s")}); see {Path.Combine(folder, "verify.json")}");
                return VerificationFailed;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }

    private static VerificationSettings ReadSettings(int instances, string modes, ulong seed, int fockSubset)
    {
        var errors = new List<ConfigError>();
        ModesRange range = default;
        try
        {
            range = ModesRange.Parse(modes);
        }
        catch (ArgumentException e)
        {
            errors.Add(new ConfigError("--modes", e.Message.Split(" (Parameter", 2)[0]));
        }
        if (instances < 1) errors.Add(new ConfigError("--instances", $"{instances} instances: use 1 or more"));
        if (fockSubset is < 0 or > VerificationSettings.MaxFockSubset)
            errors.Add(new ConfigError("--fock-subset", $"{fockSubset}: use 0..{VerificationSettings.MaxFockSubset} (0 = Gaussian only)"));
        if (errors.Count > 0) throw new ConfigException(errors);
        return new VerificationSettings(instances, range, seed, fockSubset);
    }
}
