using System.Numerics;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Model;

/// <summary>Builders for thermal-machine descriptions and small matrix checks shared by the Model tests.</summary>
internal static class ThermalMachineFixtures
{
    public static Party Party(string name, params int[] modes) => new(name, [.. modes]);

    public static Complex[,] Identity(int m)
    {
        var k = new Complex[m, m];
        for (int i = 0; i < m; i++) k[i, i] = 1;
        return k;
    }

    /// <summary>K = c c†.</summary>
    public static Complex[,] VectorCoupling(params Complex[] c)
    {
        var k = new Complex[c.Length, c.Length];
        for (int i = 0; i < c.Length; i++)
            for (int j = 0; j < c.Length; j++)
                k[i, j] = c[i] * Complex.Conjugate(c[j]);
        return k;
    }

    public static BathDescription Bath(
        string party, BathStatistics statistics, double temperature, SpectralDensity density, Complex[,] coupling,
        double chemicalPotential = 0.0, bool positionLike = false) =>
        new(party, statistics, temperature, chemicalPotential, density, coupling, positionLike);

    public static ThermalMachineDescription Machine(
        Complex[,] hamiltonian, Party[] parties, BathDescription[] baths,
        SecularApproach approach = SecularApproach.Global, bool lambShift = false, Polynomial? extraTerms = null) =>
        new(hamiltonian.GetLength(0), [.. parties], hamiltonian, [.. baths], approach, lambShift, extraTerms ?? Polynomial.Zero);

    /// <summary>
    /// A 4-mode Hamiltonian with complex hoppings inside and between parties A = {0, 1} and B = {2, 3};
    /// <paramref name="interParty"/> scales the A–B hoppings. Positive definite (diagonal dominance).
    /// </summary>
    public static Complex[,] FourModeHamiltonian(double interParty)
    {
        var h = new Complex[4, 4];
        double[] frequencies = [1.0, 1.35, 0.8, 1.7];
        for (int i = 0; i < 4; i++) h[i, i] = frequencies[i];
        SetHopping(h, 0, 1, new Complex(0.12, 0.07));
        SetHopping(h, 2, 3, new Complex(-0.05, 0.15));
        SetHopping(h, 0, 2, interParty * new Complex(0.09, -0.11));
        SetHopping(h, 1, 3, interParty * new Complex(0.04, 0.06));
        SetHopping(h, 1, 2, interParty * new Complex(0.0, 0.08));
        return h;
    }

    public static void SetHopping(Complex[,] h, int i, int j, Complex rate)
    {
        h[i, j] = rate;
        h[j, i] = Complex.Conjugate(rate);
    }

    public static Matrix<Complex> M(Complex[,] a) => Matrix<Complex>.Build.DenseOfArray(a);

    public static double MaxAbsDifference(Complex[,] x, Complex[,] y)
    {
        Assert.That(x.GetLength(0), Is.EqualTo(y.GetLength(0)));
        Assert.That(x.GetLength(1), Is.EqualTo(y.GetLength(1)));
        double max = 0;
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < x.GetLength(1); j++)
                max = Math.Max(max, (x[i, j] - y[i, j]).Magnitude);
        return max;
    }

    public static void AssertClose(Complex[,] actual, Complex[,] expected, double tolerance, string what) =>
        Assert.That(MaxAbsDifference(actual, expected), Is.LessThanOrEqualTo(tolerance), what);

    /// <summary>Smallest eigenvalue of a Hermitian matrix (after checking it is Hermitian to <paramref name="tolerance"/>).</summary>
    public static double AssertHermitianAndMinEigenvalue(Complex[,] a, double tolerance, string what)
    {
        var m = M(a);
        Assert.That(MaxAbsDifference(a, m.ConjugateTranspose().ToArray()), Is.LessThanOrEqualTo(tolerance), $"{what} is not Hermitian");
        return m.Evd(Symmetricity.Hermitian).EigenValues.Min(z => z.Real);
    }

    /// <summary>exp(X) by scaling and squaring with a Taylor series (independent of any eigen-decomposition).</summary>
    public static Matrix<Complex> Exp(Matrix<Complex> x)
    {
        int squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(Math.Max(1e-300, x.L1Norm()))) + 4);
        var scaled = x / Math.Pow(2, squarings);
        var result = Matrix<Complex>.Build.DenseIdentity(x.RowCount);
        var term = Matrix<Complex>.Build.DenseIdentity(x.RowCount);
        for (int k = 1; k <= 30; k++)
        {
            term = term * scaled / k;
            result += term;
        }
        for (int s = 0; s < squarings; s++) result *= result;
        return result;
    }

    /// <summary>The annihilation (or creation) coefficient vectors of linear jump operators with the given label prefix.</summary>
    public static List<Complex[]> JumpCoefficients(OpenSystemModel model, string labelPrefix, bool creators)
    {
        var result = new List<Complex[]>();
        foreach (var jump in model.Jumps.Where(j => j.Label.StartsWith(labelPrefix + "[", StringComparison.Ordinal)))
        {
            var c = new Complex[model.Modes];
            foreach (var term in jump.Operator.Terms)
            {
                Assert.That(term.Degree, Is.EqualTo(1), $"{jump.Label} is not linear");
                Assert.That(term.Operators[0].Create, Is.EqualTo(creators), $"{jump.Label} has the wrong kind of ladder operator");
                c[term.Operators[0].Mode] += term.Coefficient;
            }
            result.Add(c);
        }
        return result;
    }

    /// <summary>The matrix M of a Hamiltonian's passive part Σ M_ij a_i† a_j (terms of other shapes are ignored).</summary>
    public static Complex[,] HoppingMatrix(Polynomial hamiltonian, int modes)
    {
        var m = new Complex[modes, modes];
        foreach (var t in hamiltonian.Terms)
            if (t.Degree == 2 && t.Operators[0].Create && !t.Operators[1].Create)
                m[t.Operators[0].Mode, t.Operators[1].Mode] += t.Coefficient;
        return m;
    }
}
