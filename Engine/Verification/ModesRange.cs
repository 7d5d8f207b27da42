using System.Globalization;

namespace BosonicTrajectories.Verification;

/// <summary>The range of mode counts d the generator draws from (uniformly, both ends included).</summary>
public readonly record struct ModesRange(int Min, int Max)
{
    /// <summary>The smallest number of modes a thermal machine with two parties can have.</summary>
    public const int Smallest = 2;

    /// <summary>The largest number of modes the campaign accepts (the Lyapunov solve is O(d³); 2d×2d covariances).</summary>
    public const int Largest = 64;

    /// <summary>Parses "2..4" (a range) or "3" (a single count).</summary>
    /// <exception cref="ArgumentException">Not of that form, or outside <see cref="Smallest"/>..<see cref="Largest"/>.</exception>
    public static ModesRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            throw new ArgumentException($"'{text}' is not a mode count or range; write e.g. 3 or 2..4", nameof(text));
        int min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int max = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        var range = new ModesRange(min, max);
        range.Validate(nameof(text));
        return range;
    }

    /// <summary>Throws unless Smallest ≤ Min ≤ Max ≤ Largest.</summary>
    public void Validate(string parameter)
    {
        if (Min < Smallest || Max > Largest || Min > Max)
            throw new ArgumentException(
                $"modes {this} is not a range within {Smallest}..{Largest} (two parties need two modes); write e.g. 2..4", parameter);
    }

    public override string ToString() => Min == Max
        ? Min.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Min}..{Max}");
}
