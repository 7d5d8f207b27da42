using System.Numerics;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// First and second moments of a state: <see cref="Mean"/>[i] = ⟨a_i⟩, <see cref="AdaggerA"/>[i, j] = ⟨a_i† a_j⟩,
/// <see cref="AA"/>[i, j] = ⟨a_i a_j⟩ (the SPEC §5 summary fields <c>a</c>, <c>adaggerA</c>, <c>aa</c>).
/// </summary>
public sealed record MomentSet(Complex[] Mean, Complex[,] AdaggerA, Complex[,] AA)
{
    public int Modes => Mean.Length;

    /// <summary>⟨a_i† a_i⟩.</summary>
    public double Occupation(int mode) => AdaggerA[mode, mode].Real;
}
