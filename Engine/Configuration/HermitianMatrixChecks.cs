using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Configuration;

/// <summary>Hermiticity and spectrum checks on small complex matrices given in a config.</summary>
internal static class HermitianMatrixChecks
{
    /// <summary>Relative tolerance of the Hermiticity check: |M_ij − conj(M_ji)| ≤ 1e-12 · max|M|.</summary>
    public const double RelativeHermiticityTolerance = 1e-12;

    /// <summary>Relative tolerance for "positive semidefinite": smallest eigenvalue ≥ −1e-12 · max|M|.</summary>
    public const double RelativeSemidefiniteTolerance = 1e-12;

    public static double MaxAbs(Complex[,] m)
    {
        double max = 0;
        foreach (var z in m) max = Math.Max(max, z.Magnitude);
        return max;
    }

    /// <summary>
    /// Checks M = M† within the relative tolerance; records one error naming the worst offending entry
    /// (as <c>path[i][j]</c>) and returns false when it fails.
    /// </summary>
    public static bool IsHermitian(Complex[,] m, string path, string symbol, ConfigReader reader)
    {
        int n = m.GetLength(0);
        double tolerance = RelativeHermiticityTolerance * MaxAbs(m);
        double worst = tolerance;
        (int I, int J)? offending = null;
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
            {
                double mismatch = (m[i, j] - Complex.Conjugate(m[j, i])).Magnitude;
                if (mismatch > worst) { worst = mismatch; offending = (i, j); }
            }
        if (offending is not (int a, int b)) return true;
        string entry = ConfigReader.Index(ConfigReader.Index(path, a), b);
        reader.Error(entry, a == b
            ? $"{symbol}_{a}{a} = {ConfigReader.Format(m[a, a])} is not real; a Hermitian matrix needs real diagonal entries"
            : $"{symbol}_{a}{b} = {ConfigReader.Format(m[a, b])} but {symbol}_{b}{a} = {ConfigReader.Format(m[b, a])}; " +
              $"a Hermitian matrix needs {symbol}_{b}{a} = conj({symbol}_{a}{b}) = {ConfigReader.Format(Complex.Conjugate(m[a, b]))}");
        return false;
    }

    /// <summary>(M + M†)/2: removes round-off asymmetry from a matrix that passed <see cref="IsHermitian"/>.</summary>
    public static Complex[,] Symmetrized(Complex[,] m)
    {
        int n = m.GetLength(0);
        var result = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                result[i, j] = 0.5 * (m[i, j] + Complex.Conjugate(m[j, i]));
        return result;
    }

    /// <summary>Eigenvalues of a Hermitian matrix, ascending.</summary>
    public static double[] Eigenvalues(Complex[,] hermitian)
    {
        if (hermitian.Length == 0) return [];
        var evd = Matrix<Complex>.Build.DenseOfArray(hermitian).Evd(Symmetricity.Hermitian);
        var values = evd.EigenValues.Select(z => z.Real).ToArray();
        System.Array.Sort(values);
        return values;
    }

    /// <summary>The principal submatrix on <paramref name="indices"/> (e.g. a party's block H^(n)).</summary>
    public static Complex[,] Block(Complex[,] m, IReadOnlyList<int> indices)
    {
        var block = new Complex[indices.Count, indices.Count];
        for (int i = 0; i < indices.Count; i++)
            for (int j = 0; j < indices.Count; j++)
                block[i, j] = m[indices[i], indices[j]];
        return block;
    }
}
