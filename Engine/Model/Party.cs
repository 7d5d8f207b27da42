using System.Collections.Immutable;

namespace BosonicTrajectories.Model;

/// <summary>A party S_n: a named set of modes. Parties partition the modes.</summary>
public sealed record Party(string Name, ImmutableArray<int> Modes)
{
    public bool Equals(Party? other) => other is not null && Name == other.Name && Modes.SequenceEqual(other.Modes);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}
