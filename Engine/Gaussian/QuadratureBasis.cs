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

    /// <summary>Adds factor × (the coefficients of the ladder operator in x) to <paramref name="vector"/> (length 2d).</summary>
    internal static void AddLadderOperator(Complex[] vector, LadderOperator op, Complex factor)
    {
        vector[2 * op.Mode] += factor * InverseSqrt2;
        vector[2 * op.Mode + 1] += factor * new Complex(0, op.Create ? -InverseSqrt2 : InverseSqrt2);
    }

    /// <summary>Ω v for a vector in quadrature order.</summary>
    internal static Vector<double> ApplySymplecticForm(Vector<double> v)
    {
        var result = Vector<double>.Build.Dense(v.Count);
        for (int k = 0; k < v.Count / 2; k++)
        {
            result[2 * k] = v[2 * k + 1];
            result[2 * k + 1] = -v[2 * k];
        }
        return result;
    }

    /// <summary>Ω M for a matrix in quadrature order (row operations).</summary>
    internal static Matrix<double> ApplySymplecticFormLeft(Matrix<double> m)
    {
        var result = Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount);
        for (int k = 0; k < m.RowCount / 2; k++)
            for (int j = 0; j < m.ColumnCount; j++)
            {
                result[2 * k, j] = m[2 * k + 1, j];
                result[2 * k + 1, j] = -m[2 * k, j];
            }
        return result;
    }
}
