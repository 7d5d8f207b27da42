using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// First and second moments in the ladder operators (not centred), as the SPEC's summary reports them:
/// <see cref="Mean"/>_i = ⟨a_i⟩, <see cref="AdaggerA"/>_ij = ⟨a_i† a_j⟩ (Hermitian), <see cref="AA"/>_ij = ⟨a_i a_j⟩
/// (symmetric). Note <see cref="AdaggerA"/> is the transpose of the SPEC's N_ij = ⟨a_j† a_i⟩.
/// </summary>
public sealed record LadderMoments(Vector<Complex> Mean, Matrix<Complex> AdaggerA, Matrix<Complex> AA)
{
    public int Modes => Mean.Count;

    /// <summary>Mean occupations ⟨a_i† a_i⟩.</summary>
    public double[] Occupations => Enumerable.Range(0, Modes).Select(i => AdaggerA[i, i].Real).ToArray();
}
