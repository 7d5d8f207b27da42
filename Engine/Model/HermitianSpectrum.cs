using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace BosonicTrajectories.Model;

/// <summary>One eigenspace of a Hermitian matrix: eigenvalue ω_λ and spectral projector P_λ.</summary>
internal sealed record Eigenspace(double Frequency, Matrix<Complex> Projector);

/// <summary>Eigen-decompositions of Hermitian matrices and the small matrix conversions the model builder needs.</summary>
internal static class HermitianSpectrum
{
    /// <summary>Eigenvalues (ascending) and the matching orthonormal eigenvectors (columns) of a Hermitian matrix.</summary>
    public static (double[] Values, Matrix<Complex> Vectors) Decompose(Matrix<Complex> hermitian)
    {
        var evd = hermitian.Evd(Symmetricity.Hermitian);
        int n = hermitian.RowCount;
        var order = Enumerable.Range(0, n).OrderBy(i => evd.EigenValues[i].Real).ToArray();
        var values = order.Select(i => evd.EigenValues[i].Real).ToArray();
        var vectors = Matrix<Complex>.Build.Dense(n, n);
        for (int k = 0; k < n; k++) vectors.SetColumn(k, evd.EigenVectors.Column(order[k]));
        return (values, vectors);
    }

    /// <summary>Eigenvalues of a Hermitian matrix, ascending.</summary>
    public static double[] Eigenvalues(Matrix<Complex> hermitian) =>
        hermitian.RowCount == 0 ? [] : Decompose(hermitian).Values;

    /// <summary>
    /// H = Σ_λ ω_λ P_λ with eigenvalues closer than <paramref name="relativeTolerance"/>·max|ω| (chained, in
    /// ascending order) merged into one eigenspace whose frequency is their mean.
    /// </summary>
    public static IReadOnlyList<Eigenspace> Eigenspaces(Matrix<Complex> hermitian, double relativeTolerance)
    {
        var (values, vectors) = Decompose(hermitian);
        double gap = relativeTolerance * values.Max(Math.Abs);
        var spaces = new List<Eigenspace>();
        int start = 0;
        for (int k = 1; k <= values.Length; k++)
        {
            if (k < values.Length && values[k] - values[k - 1] <= gap) continue;
            var block = vectors.SubMatrix(0, vectors.RowCount, start, k - start);
            double frequency = values[start..k].Average();
            spaces.Add(new Eigenspace(frequency, block * block.ConjugateTranspose()));
            start = k;
        }
        return spaces;
    }

    public static Matrix<Complex> ToMatrix(Complex[,] array) => Matrix<Complex>.Build.DenseOfArray(array);

    public static Complex[,] ToArray(Matrix<Complex> matrix) => matrix.ToArray();

    /// <summary>(M + M†)/2: removes the roundoff anti-Hermitian part of a matrix that is Hermitian in exact arithmetic.</summary>
    public static Matrix<Complex> HermitianPart(Matrix<Complex> m) => (m + m.ConjugateTranspose()) * 0.5;

    /// <summary>max_ij |M_ij − conj(M_ji)|.</summary>
    public static double HermiticityDefect(Complex[,] m)
    {
        double defect = 0;
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++)
                defect = Math.Max(defect, (m[i, j] - Complex.Conjugate(m[j, i])).Magnitude);
        return defect;
    }

    public static double MaxAbs(Complex[,] m)
    {
        double max = 0;
        foreach (var z in m) max = Math.Max(max, z.Magnitude);
        return max;
    }

    /// <summary>
    /// Places <paramref name="block"/> (indexed by <paramref name="blockModes"/>) into a matrix over
    /// <paramref name="spaceModes"/>; entries outside the block are zero. Every block mode must be in the space.
    /// </summary>
    public static Matrix<Complex> Embed(Matrix<Complex> block, IReadOnlyList<int> blockModes, IReadOnlyList<int> spaceModes)
    {
        var position = new Dictionary<int, int>();
        for (int i = 0; i < spaceModes.Count; i++) position[spaceModes[i]] = i;
        var result = Matrix<Complex>.Build.Dense(spaceModes.Count, spaceModes.Count);
        for (int a = 0; a < blockModes.Count; a++)
            for (int b = 0; b < blockModes.Count; b++)
                result[position[blockModes[a]], position[blockModes[b]]] = block[a, b];
        return result;
    }
}
