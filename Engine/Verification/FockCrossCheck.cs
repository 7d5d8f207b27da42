using System.Collections.Immutable;
using System.Diagnostics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Verification;

/// <summary>
/// Cross-checks the Gaussian backend against the truncated Fock-space solvers on a two-mode machine
/// (<see cref="FockCandidate"/>): (1) the steady state of ℒρ = 0 (<see cref="SteadyStateSolver"/>) must reproduce the
/// backend's ⟨a_i† a_j⟩ within <see cref="SolverTolerance"/> + <see cref="TruncationFactor"/>·c·(tail) and be PPT;
/// (2) the Lindblad evolution (<see cref="LindbladEvolution"/>, <see cref="RunIntegrator"/>) from the entangled cat ∝ |α, α⟩ + |−α, −α⟩
/// (α = <see cref="CatAmplitude"/>) over <see cref="RelaxationTimes"/>/γ must end with a log-negativity below the noise
/// floor. At zero temperature the cat's log-negativity decays like 2α² e^{−2γt} (the branches |±α e^{−γt}⟩ approach the
/// vacuum), so after 9/γ it is ≈ 3e-8, well below the floor; at T &gt; 0 it dies at a finite time.
/// </summary>
public static class FockCrossCheck
{
    public const double CatAmplitude = 1.0;

    /// <summary>Run length in units of 1/γ (see the type's summary).</summary>
    public const double RelaxationTimes = 9;

    /// <summary>
    /// Fock log-negativities up to this are noise: the run's integrator tolerances (rtol 1e-8, atol 1e-10) leave entry
    /// errors ≲ 1e-8 accumulated over ~10³ steps, and a perturbation δ of a PPT state with zero eigenvalues of ρ^{T_B}
    /// (the vacuum at T = 0) moves ‖ρ^{T_B}‖₁ by up to ‖δ‖₁. Measured: ≤ 2e-8 with vern7, ≤ 5e-7 with dopri5.
    /// </summary>
    public const double NoiseFloor = 1e-6;

    /// <summary>Absolute error of the steady-state moments from the solver (GMRES relative residual 1e-12 on D² ≤ 4·10⁴ unknowns).</summary>
    public const double SolverTolerance = 1e-8;

    /// <summary>
    /// The truncation moves ⟨a_i† a_j⟩ by about Σ_{n≥c} n p(n) ≈ c·x^c/(1 − x)² ≤ c·x^c·(1 + n̄)²; with n̄ ≤ 0.6 for c ≤ 14
    /// a factor 10 covers it and the distortion of the truncated dynamics near the top level.
    /// </summary>
    public const double TruncationFactor = 10;

    /// <summary>
    /// Verner 7(6): at rtol 1e-8 its final log-negativities are ~1e-9–1e-8 where dopri5's are ~3e-7 (integrator noise on a
    /// state whose exact value is ≲ 1e-10), for the same number of right-hand-side evaluations.
    /// </summary>
    public const string RunIntegrator = "vern7";

    public static readonly IntegratorOptions RunOptions = new(RelativeTolerance: 1e-8, AbsoluteTolerance: 1e-10);

    /// <summary>Runs both checks. Never throws for a problem of the instance: that becomes <see cref="FockCheckResult.Error"/>.</summary>
    public static FockCheckResult Run(FockCandidate candidate, IGaussianBackend backend, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(backend);
        var clock = Stopwatch.StartNew();
        var model = candidate.Machine.Model;
        int c = candidate.Cutoff;
        double tolerance = SolverTolerance + (TruncationFactor * c * candidate.PredictedTail);
        try
        {
            var space = new FockSpace(new PerModeTruncation([c]), model.Modes);
            var problem = LindbladProblem.Build(model, space);
            var sideB = model.Parties[1].Modes;

            var steady = SteadyStateSolver.Solve(problem, cancellationToken: cancellation).DensityMatrix;
            var fock = DensityMatrixAnalysis.Moments(steady, space).AdaggerA;
            var gaussian = GaussianAdaggerA(backend.SteadyCovariance(model));
            double error = (fock - gaussian).Enumerate().Max(Complex.Abs);
            double tail = DensityMatrixAnalysis.TailPopulations(steady, space).Max();
            double steadyLogNeg = LogNegativity(steady, space, sideB);

            var cat = InitialStates.Build(space, EntangledCat(model.Modes)).ToDensityMatrix();
            double initialLogNeg = LogNegativity(cat, space, sideB);
            double runTime = RelaxationTimes * candidate.RelaxationTime;
            var evolution = new LindbladEvolution(problem, RunIntegrator, RunOptions);
            var final = evolution.Run(cat, runTime, 1, static (_, _) => { }, cancellationToken: cancellation).FinalDensityMatrix;
            double finalLogNeg = LogNegativity(final, space, sideB);

            return new FockCheckResult(candidate.Candidate, candidate.Machine, c, candidate.PredictedTail, tail, error, tolerance,
                steadyLogNeg, candidate.RelaxationTime, runTime, initialLogNeg, finalLogNeg, NoiseFloor, clock.Elapsed.TotalSeconds, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            return new FockCheckResult(candidate.Candidate, candidate.Machine, c, candidate.PredictedTail, double.NaN, double.NaN, tolerance,
                double.NaN, candidate.RelaxationTime, double.NaN, double.NaN, double.NaN, NoiseFloor, clock.Elapsed.TotalSeconds,
                $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>∝ |α, α, …⟩ + |−α, −α, …⟩ on every mode.</summary>
    public static CoherentSuperposition EntangledCat(int modes) => new(
    [
        (Complex.One, [.. Enumerable.Repeat(new Complex(CatAmplitude, 0), modes)]),
        (Complex.One, [.. Enumerable.Repeat(new Complex(-CatAmplitude, 0), modes)]),
    ]);

    /// <summary>⟨a_i† a_j⟩ of the zero-mean Gaussian state with covariance Σ.</summary>
    public static Matrix<Complex> GaussianAdaggerA(Matrix<double> sigma)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        var zero = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(sigma.RowCount);
        return GaussianMoments.ToLadder(new QuadratureMoments(zero, sigma)).AdaggerA;
    }

    /// <summary>E_N across (the rest | <paramref name="sideB"/>) of a Fock density matrix.</summary>
    public static double LogNegativity(ReadOnlySpan<Complex> rho, FockSpace space, ImmutableArray<int> sideB) =>
        DensityMatrixEntanglement.Negativity(rho, space, sideB).LogNegativity;
}
