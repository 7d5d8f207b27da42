using System.Collections.Immutable;
using System.Globalization;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Benchmarking;

/// <summary>
/// A decreasing geometric list of positive numbers, <c>FROM:TO[:PER]</c>: FROM, FROM/r, FROM/r², … down to TO
/// (inclusive, within rounding), with r = 10^(1/PER) for tolerances (PER points per decade, default 1; 0.5 = every
/// second decade) and r = 2 for step sizes. Used for <c>--tolerances</c>,
/// <c>--jump-tolerances</c> and <c>--rk4-steps</c>.
/// </summary>
public static class GeometricSweep
{
    /// <summary>Most values one sweep may list (a guard against a typo such as 1:1e-300:10).</summary>
    public const int MaxCount = 64;

    /// <summary>Points within this relative distance of TO count as reaching it (decimal inputs are not exact in binary).</summary>
    private const double EndSlack = 1e-9;

    /// <summary>
    /// Parses tolerances <c>FROM:TO[:PER]</c> (1 ≥ FROM ≥ TO &gt; 0; PER points per decade in [0.1, 10]). Each value is
    /// 10^(log10 FROM − k/PER), so 1e-3:1e-9 gives 1e-3, 1e-4, …, 1e-9 exactly as written.
    /// </summary>
    /// <exception cref="ConfigException">Malformed or out of range, naming <paramref name="option"/>.</exception>
    public static ImmutableArray<double> Tolerances(string? text, string option)
    {
        const string Expected = "expected FROM:TO or FROM:TO:PER with 1 ≥ FROM ≥ TO > 0 and PER (points per decade) in [0.1, 10], e.g. 1e-3:1e-9 or 1e-2:1e-10:0.5";
        var (from, to, per) = ParseParts(text, option, Expected);
        if (!(from <= 1 && to > 0 && to <= from))
            throw new ConfigException(option, $"\"{text}\" is not a tolerance range; {Expected}");
        double perDecade = per ?? 1;
        if (!(perDecade >= 0.1 && perDecade <= 10)) throw new ConfigException(option, $"\"{text}\": PER = {perDecade} is outside [0.1, 10]; {Expected}");
        double top = Math.Log10(from), bottom = Math.Log10(to);
        int count = (int)Math.Floor(((top - bottom) * perDecade) + EndSlack) + 1;
        if (count > MaxCount) throw new ConfigException(option, $"\"{text}\" lists {count} tolerances (at most {MaxCount}); narrow the range or lower PER");
        return [.. Enumerable.Range(0, count).Select(k => Round(Math.Pow(10, top - (k / perDecade))))];
    }

    /// <summary>Parses step sizes <c>FROM:TO</c> (FROM ≥ TO &gt; 0): FROM, FROM/2, FROM/4, … while ≥ TO.</summary>
    /// <exception cref="ConfigException">Malformed or out of range, naming <paramref name="option"/>.</exception>
    public static ImmutableArray<double> Halvings(string? text, string option)
    {
        const string Expected = "expected FROM:TO with FROM ≥ TO > 0 (steps FROM, FROM/2, FROM/4, … down to TO), e.g. 0.05:0.003";
        var (from, to, per) = ParseParts(text, option, Expected);
        if (per is not null || !(to > 0 && to <= from && double.IsFinite(from)))
            throw new ConfigException(option, $"\"{text}\" is not a step range; {Expected}");
        return Halvings(from, to, option);
    }

    /// <summary>FROM, FROM/2, … while ≥ TO·(1 − slack).</summary>
    internal static ImmutableArray<double> Halvings(double from, double to, string option)
    {
        int count = (int)Math.Floor(Math.Log2(from / to) + EndSlack) + 1;
        if (count > MaxCount) throw new ConfigException(option, $"{from:G3}:{to:G3} lists {count} steps (at most {MaxCount}); narrow the range");
        return [.. Enumerable.Range(0, count).Select(k => Math.ScaleB(from, -k))];
    }

    /// <summary>Round to 12 significant digits, so 10^(−3) prints as 0.001 rather than 0.0010000000000000002.</summary>
    private static double Round(double x) => double.Parse(x.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static (double From, double To, double? Per) ParseParts(string? text, string option, string expected)
    {
        string[] parts = (text ?? "").Split(':');
        if (parts.Length is < 2 or > 3
            || !double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double from)
            || !double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double to)
            || !double.IsFinite(from) || !double.IsFinite(to))
            throw new ConfigException(option, $"\"{text}\" is not a range; {expected}");
        if (parts.Length == 2) return (from, to, null);
        if (!double.TryParse(parts[2].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double per))
            throw new ConfigException(option, $"\"{text}\": PER must be a number; {expected}");
        return (from, to, per);
    }
}
