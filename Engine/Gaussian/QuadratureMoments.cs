using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// First and second moments in the quadratures x = (q_1, p_1, …, q_d, p_d): the mean ⟨x⟩ and the covariance
/// Σ_jk = ½⟨{x_j, x_k}⟩ − ⟨x_j⟩⟨x_k⟩ (vacuum: Σ = I/2).
/// </summary>
public sealed record QuadratureMoments(Vector<double> Mean, Matrix<double> Covariance)
{
    public int Modes => Mean.Count / 2;
}
