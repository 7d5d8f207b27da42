using System.Globalization;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Convergence;

/// <summary>
/// The cutoffs of a convergence study, <c>FROM:STEP:TO</c>: FROM, FROM + STEP, … up to and including TO when it lies
/// on the grid (the last cutoff is the largest grid value ≤ TO). FROM ≥ 1, STEP ≥ 1, TO ≥ FROM.
/// </summary>
public sealed record CutoffRange
{
    /// <summary>Most cutoffs one study may list (a guard against a typo such as 1:1:100000).</summary>
    public const int MaxCount = 1000;

    public CutoffRange(int from, int step, int to)
    {
        if (from < 1) throw new ArgumentException($"the first cutoff must be ≥ 1, got {from}", nameof(from));
        if (step < 1) throw new ArgumentException($"the step must be ≥ 1, got {step}", nameof(step));
        if (to < from) throw new ArgumentException($"the last cutoff {to} is below the first {from}", nameof(to));
        From = from;
        Step = step;
        To = to;
    }

    public int From { get; }

    public int Step { get; }

    public int To { get; }

    /// <summary>The cutoffs in ascending order.</summary>
    public IReadOnlyList<int> Cutoffs => [.. Enumerable.Range(0, ((To - From) / Step) + 1).Select(k => From + (k * Step))];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{From}:{Step}:{To}");

    /// <summary>Parses <c>FROM:STEP:TO</c>; a malformed or empty range is a <see cref="ConfigException"/> naming <paramref name="option"/>.</summary>
    public static CutoffRange Parse(string? text, string option = "--cutoffs")
    {
        const string Expected = "expected FROM:STEP:TO with integers FROM ≥ 1, STEP ≥ 1 and TO ≥ FROM, e.g. 4:2:14";
        string[] parts = (text ?? "").Split(':');
        var numbers = new int[parts.Length];
        bool integers = parts.Length == 3 && parts.Select((p, i) =>
            int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok);
        if (!integers) throw new ConfigException(option, $"\"{text}\" is not a cutoff range; {Expected}");
        var (from, step, to) = (numbers[0], numbers[1], numbers[2]);
        if (from < 1 || step < 1) throw new ConfigException(option, $"\"{text}\": FROM and STEP must be ≥ 1; {Expected}");
        if (to < from) throw new ConfigException(option, $"\"{text}\": TO = {to} is below FROM = {from}, so the range is empty; {Expected}");
        if (((long)to - from) / step + 1 > MaxCount)
            throw new ConfigException(option, $"\"{text}\" lists more than {MaxCount} cutoffs; use a larger STEP in FROM:STEP:TO");
        return new CutoffRange(from, step, to);
    }
}
