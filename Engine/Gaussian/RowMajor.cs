using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// Dense square matrices stored row by row in a flat <c>double[]</c> (entry (i, j) at <c>i·n + j</c>), and the few
/// products the Gaussian solvers need. Rows are contiguous, so every inner loop is a vectorised span operation.
/// </summary>
internal static class RowMajor
{
    public static double[] FromMatrix(Matrix<double> matrix)
    {
        int n = matrix.RowCount;
        var data = new double[n * matrix.ColumnCount];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < matrix.ColumnCount; j++)
                data[i * matrix.ColumnCount + j] = matrix[i, j];
        return data;
    }

    public static Matrix<double> ToMatrix(double[] data, int n) =>
        Matrix<double>.Build.Dense(n, n, (i, j) => data[i * n + j]);

    public static Span<double> Row(double[] data, int n, int i) => data.AsSpan(i * n, n);

    /// <summary>product = left · right (all n×n).</summary>
    public static void Multiply(double[] left, double[] right, double[] product, int n)
    {
        Array.Clear(product, 0, n * n);
        for (int i = 0; i < n; i++)
        {
            var target = Row(product, n, i);
            for (int k = 0; k < n; k++)
            {
                double factor = left[i * n + k];
                if (factor != 0) TensorPrimitives.MultiplyAdd(Row(right, n, k), factor, target, target);
            }
        }
    }

    /// <summary>
    /// product = left · rightᵀ for a result known to be symmetric: only the upper triangle is computed (row dot
    /// products), then mirrored.
    /// </summary>
    public static void MultiplyTransposedSymmetric(double[] left, double[] right, double[] product, int n)
    {
        for (int i = 0; i < n; i++)
        {
            var leftRow = Row(left, n, i);
            for (int j = i; j < n; j++)
            {
                double value = TensorPrimitives.Dot(leftRow, Row(right, n, j));
                product[i * n + j] = value;
                product[j * n + i] = value;
            }
        }
    }

    public static double[] Transpose(double[] data, int n)
    {
        var result = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                result[j * n + i] = data[i * n + j];
        return result;
    }
}
