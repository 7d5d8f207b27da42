using System.Numerics;
using BosonicTrajectories.Analysis;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Analysis;

/// <summary>The eigenvalue-only Hermitian solver against MathNet's full eigendecomposition and closed forms.</summary>
public class HermitianEigenvaluesTests
{
    /// <summary>Backward-stable algorithms agree to a few hundred ulps of ‖A‖ at these sizes.</summary>
    private const double RelativeTolerance = 1e-12;

    [Test]
    public void AgreesWithAFullEigendecompositionOnRandomHermitianMatrices([Values(1, 2, 3, 7, 40, 130)] int n)
    {
        var random = new Random(1000 + n);
        var a = Matrix<Complex>.Build.Dense(n, n, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        var hermitian = (a + a.ConjugateTranspose()) * 0.5;
        var expected = hermitian.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Hermitian).EigenValues.Select(z => z.Real).Order().ToArray();
        var actual = HermitianEigenvalues.Compute(RowMajor(hermitian), n).Order().ToArray();
        double scale = Math.Max(1, expected.Max(Math.Abs));
        Assert.That(actual, Is.EqualTo(expected).Within(RelativeTolerance * scale));
    }

    /// <summary>Entries near 1e-170 (far Fock tails) square to underflow; the reflectors must scale them first.</summary>
    [Test]
    public void HandlesEntriesWhoseSquaresUnderflow()
    {
        var random = new Random(7);
        var a = Matrix<Complex>.Build.Dense(12, 12, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        var hermitian = (a + a.ConjugateTranspose()) * 0.5;
        var expected = hermitian.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Hermitian).EigenValues.Select(z => z.Real * 1e-170).Order().ToArray();
        var actual = HermitianEigenvalues.Compute(RowMajor(hermitian * 1e-170), 12).Order().ToArray();
        Assert.That(actual, Is.EqualTo(expected).Within(RelativeTolerance * expected.Max(Math.Abs)));
    }

    [Test]
    public void FindsRepeatedAndZeroEigenvaluesOfARankDeficientMatrix()
    {
        // |v⟩⟨v| + 2|w⟩⟨w| with orthonormal complex v, w in C^6: eigenvalues 2, 1 and four zeros.
        var v = new Complex[] { new(1, 1), 0, new(0, 1), 0, 1, 0 };
        var w = new Complex[] { 0, new(1, -1), 0, 2, 0, new(0, 1) };
        Normalise(v);
        Normalise(w);
        var m = new Complex[36];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
                m[(i * 6) + j] = (v[i] * Complex.Conjugate(v[j])) + (2 * w[i] * Complex.Conjugate(w[j]));
        var eigenvalues = HermitianEigenvalues.Compute(m, 6).Order().ToArray();
        Assert.That(eigenvalues, Is.EqualTo(new double[] { 0, 0, 0, 0, 1, 2 }).Within(1e-14));
    }

    [Test]
    public void DiagonalAndTridiagonalInputsNeedNoReflection()
    {
        var diagonal = new Complex[] { 3, 0, 0, 0, -1, 0, 0, 0, 0.5 };
        Assert.That(HermitianEigenvalues.Compute(diagonal, 3).Order(), Is.EqualTo(new[] { -1, 0.5, 3 }).Within(1e-15));
        // [[0, i], [−i, 0]] has eigenvalues ±1.
        var pauliY = new Complex[] { 0, Complex.ImaginaryOne, -Complex.ImaginaryOne, 0 };
        Assert.That(HermitianEigenvalues.Compute(pauliY, 2).Order(), Is.EqualTo(new[] { -1.0, 1.0 }).Within(1e-15));
    }

    private static Complex[] RowMajor(Matrix<Complex> m)
    {
        var a = new Complex[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++) a[(i * m.ColumnCount) + j] = m[i, j];
        return a;
    }

    private static void Normalise(Complex[] v)
    {
        double norm = Math.Sqrt(v.Sum(z => z.Magnitude * z.Magnitude));
        for (int i = 0; i < v.Length; i++) v[i] /= norm;
    }
}
