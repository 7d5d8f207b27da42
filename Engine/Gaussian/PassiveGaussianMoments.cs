using Complex = System.Numerics.Complex;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// The complex (ladder-operator) form of the moment equations of a passive quadratic model (SPEC §1): with
/// N_ij = ⟨a_j† a_i⟩ and X = −i(H + H_LS) − ½(E − A),
/// d⟨a⟩/dt = X ⟨a⟩ and dN/dt = X N + N X† + A; the steady state has ⟨a⟩ = 0, ⟨a a⟩ = 0 and X N + N X† + A = 0.
/// Used as an independent cross-check of the real-quadrature solver (<see cref="GaussianSteadyState"/>).
/// </summary>
public static class PassiveGaussianMoments
{
    /// <summary>X = −i(H + H_LS) − ½(E − A) (all d×d).</summary>
    public static Matrix<Complex> Drift(Matrix<Complex> hamiltonian, Matrix<Complex> emission, Matrix<Complex> absorption,
                                        Matrix<Complex>? lambShift = null)
    {
        ArgumentNullException.ThrowIfNull(hamiltonian);
        ArgumentNullException.ThrowIfNull(emission);
        ArgumentNullException.ThrowIfNull(absorption);
        var h = lambShift is null ? hamiltonian : hamiltonian + lambShift;
        return -Complex.ImaginaryOne * h - 0.5 * (emission - absorption);
    }

    /// <summary>X from a thermal machine's passive data.</summary>
    public static Matrix<Complex> Drift(PassiveQuadraticData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Drift(Matrix<Complex>.Build.DenseOfArray(data.SystemMatrix),
                     Matrix<Complex>.Build.DenseOfArray(data.EmissionMatrix),
                     Matrix<Complex>.Build.DenseOfArray(data.AbsorptionMatrix),
                     Matrix<Complex>.Build.DenseOfArray(data.LambShiftMatrix));
    }

    /// <summary>
    /// Solves X N + N X† + A = 0 for N_ij = ⟨a_j† a_i⟩ by diagonalising X = V Λ V⁻¹:
    /// (V⁻¹ N V^{-†})_ij = −(V⁻¹ A V^{-†})_ij / (λ_i + λ_j*). Accurate when V is well conditioned (X normal or
    /// nearly so, as for a thermal machine); the general solver is <see cref="LyapunovSolver"/>.
    /// </summary>
    /// <exception cref="UnstableModelException">Some Re λ_i ≥ 0: there is no unique steady state.</exception>
    public static Matrix<Complex> SteadyStateCorrelations(Matrix<Complex> drift, Matrix<Complex> absorption)
    {
        ArgumentNullException.ThrowIfNull(drift);
        ArgumentNullException.ThrowIfNull(absorption);
        var evd = drift.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Asymmetric);
        var lambda = evd.EigenValues;
        double scale = lambda.Select(l => l.Magnitude).DefaultIfEmpty(0).Max();
        foreach (var l in lambda)
            if (l.Real >= -GaussianSteadyState.StabilityTolerance * scale)
                throw new UnstableModelException(GaussianSteadyState.DescribeUnstableEigenvalue(l, scale));
        var v = evd.EigenVectors;
        var vInverse = v.Inverse();
        var transformed = vInverse * absorption * vInverse.ConjugateTranspose();
        var solution = Matrix<Complex>.Build.Dense(drift.RowCount, drift.RowCount,
            (i, j) => -transformed[i, j] / (lambda[i] + Complex.Conjugate(lambda[j])));
        var n = v * solution * v.ConjugateTranspose();
        return 0.5 * (n + n.ConjugateTranspose());
    }

    /// <summary>The SPEC's reported matrix ⟨a_i† a_j⟩ = N_ji, i.e. Nᵀ.</summary>
    public static Matrix<Complex> AdaggerAFromCorrelations(Matrix<Complex> correlations)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        return correlations.Transpose();
    }

    /// <summary>The steady state of a passive model as ladder moments: ⟨a⟩ = 0, ⟨a_i† a_j⟩ = N_ji, ⟨a a⟩ = 0.</summary>
    public static LadderMoments SteadyState(PassiveQuadraticData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = SteadyStateCorrelations(Drift(data), Matrix<Complex>.Build.DenseOfArray(data.AbsorptionMatrix));
        int d = n.RowCount;
        return new LadderMoments(Vector<Complex>.Build.Dense(d), AdaggerAFromCorrelations(n), Matrix<Complex>.Build.Dense(d, d));
    }
}
