using System.CommandLine;
using System.Globalization;
using BosonicTrajectories.Output;
using BosonicTrajectories.Sharding;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Cli;

/// <summary>
/// <c>merge SHARD_DIR... [--out DIR]</c> (SPEC §4): combines the folders of <c>run --shard I/N</c> into
/// <c>&lt;out&gt;/&lt;name&gt;/</c>, exactly as one unsharded run with the same seed would have written it (bit for bit, apart
/// from <c>timing</c>). Refusals (exit 2) name the folders: see <see cref="ShardMerge"/>.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("SHARD_DIR") { Description = "the <out>/<name>.shard-I-of-N folders, one per shard", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "output folder (default results/)", DefaultValueFactory = _ => "results" };
        var command = new Command("merge", "Merge the shards of a trajectories run into <out>/<name>/, as one run would have written it.")
        {
            folders, output,
        };
        command.SetAction(parse => CommandLine.Guard(() =>
        {
            var (config, sums) = ShardMerge.Combine(parse.GetValue(folders)!);
            // The merged sums hold every trajectory; "resuming" from them runs none and analyses them as `run` does.
            var context = new RunContext(1, null, CancellationToken.None) { ResumeFrom = sums };
            var result = SimulationRunner.Run(config, context);
            string folder = ResultWriter.Write(parse.GetValue(output)!, result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"merged {sums.Count} trajectories into {folder}: verdict {result.Verdict.Value} — {result.Verdict.Reason}"));
            return CommandLine.Success;
        }));
        return command;
    }
}
