namespace BosonicTrajectories.Model;

/// <summary>One ladder operator: a_i (annihilate) or a_i† (create) on mode <see cref="Mode"/>.</summary>
public readonly record struct LadderOperator(int Mode, bool Create)
{
    public LadderOperator Adjoint() => this with { Create = !Create };

    public override string ToString() => (Create ? "ad" : "a") + Mode.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
