using System.CommandLine;
using System.Text.Json.Nodes;
using BosonicTrajectories.Cli;
using BosonicTrajectories.Tests.Verification;

namespace BosonicTrajectories.Tests.Cli;

public class VerifyCommandTests
{
    [Test]
    public void PassingCampaignExitsZeroAndWritesJsonAndCsv()
    {
        using var cli = new CliHarness();
        var (code, stdout, stderr) = cli.Run("verify", "--instances", "12", "--modes", "2..3", "--seed", "5", "--fock-subset", "0", "--threads", "2", "--out", cli.Out);
        Assert.That(code, Is.EqualTo(CommandLine.Success), stderr);
        Assert.That(stdout, Does.Contain("RESULT: PASS").And.Contain("12 hold, 0 violate, 0 failed").And.Contain("parametric amplifier"));
        string folder = Path.Combine(cli.Out, "verify");
        string[] csv = File.ReadAllLines(Path.Combine(folder, "verify.csv"));
        Assert.That(csv, Has.Length.EqualTo(1 + 12));
        byte[] png = File.ReadAllBytes(Path.Combine(folder, BosonicTrajectories.Verification.VerificationOutput.MarginHistogramFile));
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG histogram of the certificate margins");
        Assert.That(csv[0], Does.StartWith("index,modes,parties,approach,lambShift,frequencies"));
        Assert.That(csv.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(Enumerable.Range(0, 12).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "verify.json")))!;
        Assert.That((bool)json["summary"]!["passed"]!, Is.True);
        Assert.That((int)json["summary"]!["violations"]!, Is.Zero);
        Assert.That((ulong)json["settings"]!["seed"]!, Is.EqualTo(5UL));
        Assert.That((string?)json["settings"]!["modes"], Is.EqualTo("2..3"));
        Assert.That(json["instances"]!.AsArray(), Has.Count.EqualTo(12));
        Assert.That(json["instances"]![0]!["baths"]!.AsArray(), Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(json["controls"]!.AsArray().Where(c => (double)c!["squeezing"]! > 0).Select(c => (string?)c!["verdict"]), Has.All.EqualTo("entangled"));
        Assert.That(Directory.GetDirectories(cli.Out), Has.Length.EqualTo(1), "no staging folder is left behind");
    }

    [Test]
    public void FailingCampaignExitsThreeWithTheReasons()
    {
        using var cli = new CliHarness();
        var root = new RootCommand { VerifyCommand.Create(new DroppedDiffusionBackend()) };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        TextWriter oldOut = Console.Out, oldErr = Console.Error;
        Console.SetOut(stdout);
        Console.SetError(stderr);
        int code;
        try
        {
            code = root.Parse(["verify", "--instances", "8", "--fock-subset", "0", "--out", cli.Out]).Invoke();
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
        Assert.That(code, Is.EqualTo(VerifyCommand.VerificationFailed));
        Assert.That(stdout.ToString(), Does.Contain("RESULT: FAIL"));
        Assert.That(stderr.ToString(), Does.Contain("verification FAILED"));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Out, "verify", "verify.json")))!;
        Assert.That((bool)json["summary"]!["passed"]!, Is.False);
        Assert.That(json["summary"]!["problems"]!.AsArray(), Is.Not.Empty);
    }

    [TestCase("--modes", "1..3")]
    [TestCase("--modes", "x")]
    [TestCase("--instances", "0")]
    [TestCase("--fock-subset", "-1")]
    [TestCase("--threads", "0")]
    public void InvalidOptionIsAUsageErrorNamingIt(string option, string value)
    {
        using var cli = new CliHarness();
        var (code, _, stderr) = cli.Run("verify", option, value, "--out", cli.Out);
        Assert.That(code, Is.EqualTo(CommandLine.ConfigError));
        Assert.That(stderr, Does.Contain(option));
        Assert.That(Directory.Exists(Path.Combine(cli.Out, "verify")), Is.False);
    }
}
