using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// e^A for a real square matrix by scaling and squaring with the diagonal [13/13] Padé approximant (Higham, SIAM J.
/// Matrix Anal. Appl. 26, 1179 (2005)): e^A = (r₁₃(A/2^s))^(2^s) with s chosen so that ‖A/2^s‖₁ ≤ θ₁₃, where the
/// backward error of r₁₃ is below the unit round-off.
/// </summary>
public static class MatrixExponential
{
    /// <summary>Largest ‖A‖₁ for which r₁₃(A) has backward error ≤ 2⁻⁵³ (Higham 2005, Table 2.3).</summary>
    private const double Theta13 = 5.371920351148152;

    private const int PadeDegree = 13;

    /// <summary>Padé coefficients b_j = (2m − j)! m! / ((2m)! j! (m − j)!), m = 13.</summary>
    private static readonly double[] PadeCoefficients = BuildCoefficients();

    /// <summary>e^A.</summary>
    /// <exception cref="ArgumentException">A is not square or not finite.</exception>
    public static Matrix<double> Compute(Matrix<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.RowCount != a.ColumnCount)
            throw new ArgumentException($"the matrix must be square, not {a.RowCount}×{a.ColumnCount}", nameof(a));
        int n = a.RowCount;
        double norm = a.L1Norm();
        if (!double.IsFinite(norm))
            throw new ArgumentException("the matrix has a NaN or infinite entry", nameof(a));
        int squarings = norm <= Theta13 ? 0 : (int)Math.Ceiling(Math.Log2(norm / Theta13));
        var scaled = RowMajor.FromMatrix(a);
        if (squarings > 0)
        {
            double factor = Math.ScaleB(1.0, -squarings);
            for (int i = 0; i < scaled.Length; i++) scaled[i] *= factor;
        }

        var b = PadeCoefficients;
        var a2 = new double[n * n];
        var a4 = new double[n * n];
        var a6 = new double[n * n];
        RowMajor.Multiply(scaled, scaled, a2, n);
        RowMajor.Multiply(a2, a2, a4, n);
        RowMajor.Multiply(a4, a2, a6, n);

        // U = A [A6 (b13 A6 + b11 A4 + b9 A2) + b7 A6 + b5 A4 + b3 A2 + b1 I]
        // V =    A6 (b12 A6 + b10 A4 + b8 A2) + b6 A6 + b4 A4 + b2 A2 + b0 I
        var inner = new double[n * n];
        var product = new double[n * n];
        Combine(inner, n, b[13], a6, b[11], a4, b[9], a2, 0);
        RowMajor.Multiply(a6, inner, product, n);
        Combine(inner, n, b[7], a6, b[5], a4, b[3], a2, b[1]);
        for (int i = 0; i < inner.Length; i++) inner[i] += product[i];
        var u = new double[n * n];
        RowMajor.Multiply(scaled, inner, u, n);

        Combine(inner, n, b[12], a6, b[10], a4, b[8], a2, 0);
        RowMajor.Multiply(a6, inner, product, n);
        var v = new double[n * n];
        Combine(v, n, b[6], a6, b[4], a4, b[2], a2, b[0]);
        for (int i = 0; i < v.Length; i++) v[i] += product[i];

        var denominator = Matrix<double>.Build.Dense(n, n, (i, j) => v[i * n + j] - u[i * n + j]);
        var numerator = Matrix<double>.Build.Dense(n, n, (i, j) => v[i * n + j] + u[i * n + j]);
        var result = RowMajor.FromMatrix(denominator.LU().Solve(numerator));
        for (int k = 0; k < squarings; k++)
        {
            RowMajor.Multiply(result, result, product, n);
            (result, product) = (product, result);
        }
        return RowMajor.ToMatrix(result, n);
    }

    /// <summary>target = c6 A6 + c4 A4 + c2 A2 + c0 I.</summary>
    private static void Combine(double[] target, int n, double c6, double[] a6, double c4, double[] a4, double c2, double[] a2, double c0)
    {
        for (int i = 0; i < target.Length; i++) target[i] = c6 * a6[i] + c4 * a4[i] + c2 * a2[i];
        for (int i = 0; i < n; i++) target[i * n + i] += c0;
    }

    private static double[] BuildCoefficients()
    {
        var b = new double[PadeDegree + 1];
        b[0] = 1;
        for (int j = 0; j < PadeDegree; j++)
            b[j + 1] = b[j] * (PadeDegree - j) / ((2.0 * PadeDegree - j) * (j + 1));
        return b;
    }
}
