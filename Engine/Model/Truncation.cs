using System.Collections.Immutable;

namespace BosonicTrajectories.Model;

/// <summary>How the Fock space is truncated (SPEC §3).</summary>
public abstract record Truncation;

/// <summary>Fock states |0⟩..|c_i − 1⟩ on mode i (c_i levels per mode).</summary>
public sealed record PerModeTruncation(ImmutableArray<int> Levels) : Truncation
{
    public bool Equals(PerModeTruncation? other) => other is not null && Levels.SequenceEqual(other.Levels);

    public override int GetHashCode() => Levels.Length;
}

/// <summary>All occupation vectors n with Σ n_i ≤ <see cref="MaxTotal"/>.</summary>
public sealed record TotalExcitationTruncation(int MaxTotal) : Truncation;
