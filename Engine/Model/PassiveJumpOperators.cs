using System.Collections.Immutable;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Model;

/// <summary>
/// Jump operators of the passive dissipator Σ_ij E_ij (a_j ρ a_i† − ½{a_i† a_j, ρ}) + Σ_ij A_ij (a_i† ρ a_j − ½{a_j a_i†, ρ})
/// (SPEC §1): with E = Σ_k e_k v_k v_k†, emission jumps L_k = √e_k Σ_j conj((v_k)_j) a_j (so Σ_k L_k ρ L_k† =
/// Σ_ij E_ij a_j ρ a_i†); with A = Σ_k α_k w_k w_k†, absorption jumps L_k = √α_k Σ_i (w_k)_i a_i†.
/// </summary>
internal static class PassiveJumpOperators
{
    /// <summary>Eigenvalues below this fraction of the largest rate are dropped (roundoff of a rank-deficient matrix).</summary>
    public const double RelativeRateCutoff = 1e-14;

    /// <summary>An eigenvalue below −(this)·largest rate is not roundoff: the matrix is not positive semidefinite.</summary>
    public const double RelativeNegativityTolerance = 1e-10;

    /// <summary>Coefficients below this fraction of a jump's largest coefficient are roundoff and set to exactly 0.</summary>
    public const double RelativeCoefficientCutoff = 1e-15;

    /// <summary>Emission jumps labelled "emission[k]" and absorption jumps "absorption[k]", largest rate first.</summary>
    public static ImmutableArray<JumpOperator> Build(Matrix<Complex> emission, Matrix<Complex> absorption)
    {
        double largest = Math.Max(MaxEigenvalue(emission), MaxEigenvalue(absorption));
        var jumps = ImmutableArray.CreateBuilder<JumpOperator>();
        AddChannels(jumps, emission, largest, "emission", annihilate: true);
        AddChannels(jumps, absorption, largest, "absorption", annihilate: false);
        return jumps.ToImmutable();
    }

    public static double MaxEigenvalue(Matrix<Complex> hermitian) =>
        hermitian.RowCount == 0 ? 0.0 : HermitianSpectrum.Eigenvalues(hermitian)[^1];

    private static void AddChannels(
        ImmutableArray<JumpOperator>.Builder jumps, Matrix<Complex> rates, double largest, string label, bool annihilate)
    {
        int d = rates.RowCount;
        if (d == 0 || largest <= 0) return;
        var (values, vectors) = HermitianSpectrum.Decompose(rates);
        if (values[0] < -RelativeNegativityTolerance * largest)
            throw new NumericalFailureException(
                $"the {label} matrix has eigenvalue {values[0]:G6} (largest rate {largest:G6}): it is not positive semidefinite; " +
                "this is a bug in the bath rates (check the bath coupling matrices are positive semidefinite)");

        var zero = new Complex[d];
        int k = 0;
        for (int index = d - 1; index >= 0; index--)
        {
            if (values[index] <= RelativeRateCutoff * largest) break;
            double amplitude = Math.Sqrt(values[index]);
            var coefficients = new Complex[d];
            for (int j = 0; j < d; j++)
            {
                var v = vectors[j, index];
                coefficients[j] = amplitude * (annihilate ? Complex.Conjugate(v) : v);
            }
            double biggest = coefficients.Max(c => c.Magnitude);
            for (int j = 0; j < d; j++)
                if (coefficients[j].Magnitude <= RelativeCoefficientCutoff * biggest) coefficients[j] = Complex.Zero;
            var op = annihilate ? Polynomial.Linear(coefficients, zero) : Polynomial.Linear(zero, coefficients);
            jumps.Add(new JumpOperator($"{label}[{k++}]", op));
        }
    }
}
