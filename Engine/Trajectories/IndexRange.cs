namespace BosonicTrajectories.Trajectories;

/// <summary>The trajectory indices [Start, End).</summary>
public readonly record struct IndexRange(long Start, long End)
{
    public long Count => End - Start;

    public override string ToString() => $"[{Start}, {End})";
}
