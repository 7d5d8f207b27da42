using Complex = System.Numerics.Complex;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// The real quadratures x = (q_1, p_1, …, q_d, p_d), q = (a + a†)/√2, p = i(a† − a)/√2, so a = (q + i p)/√2 and
/// a† = (q − i p)/√2, with [x_j, x_k] = i Ω_jk, Ω = ⊕ [[0, 1], [−1, 0]].
/// </summary>
public static class QuadratureBasis
{
    private static readonly double InverseSqrt2 = 1 / Math.Sqrt(2);

    /// <summary>The symplectic form Ω (2d×2d).</summary>
    public static Matrix<double> SymplecticForm(int modes)
    {
        var omega = Matrix<double>.Build.Dense(2 * modes, 2 * modes);
        for (int k = 0; k < modes; k++)
        {
            omega[2 * k, 2 * k + 1] = 1;
            omega[2 * k + 1, 2 * k] = -1;
        }
        return omega;
    }

    /// <summary>Coefficient of x_{2·mode + quadrature} in the ladder operator (quadrature 0 = q, 1 = p).</summary>
    internal static Complex Component(LadderOperator op, int quadrature) =>
        quadrature == 0 ? InverseSqrt2 : new Complex(0, op.Create ? -InverseSqrt2 : InverseSqrt2);

    /// <summary>Adds factor × (the coefficients of the ladder operator in x) to <paramref name="vector"/> (length 2d).</summary>
    internal static void AddLadderOperator(Complex[] vector, LadderOperator op, Complex factor)
    {
        vector[2 * op.Mode] += factor * Component(op, 0);
        vector[2 * op.Mode + 1] += factor * Component(op, 1);
    }
}
