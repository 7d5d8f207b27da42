using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;
using static BosonicTrajectories.Tests.Trajectories.TrajectoryTestModels;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>Jumps versus the density-matrix solution (LindbladEvolution) for two coupled lossy modes with gain.</summary>
public class HoppingPairTrajectoryTests
{
    /// <summary>Statistical band: 4 standard errors.</summary>
    private const double Sigmas = 4;

    /// <summary>Both solvers run at tight tolerances (rtol 1e−8 and 1e−7); their deterministic difference is far below this.</summary>
    private const double SolverSlack = 1e-5;

    private const int Levels = 10;

    /// <summary>With a Kerr term 0.05 a_0†² a_0² (non-Gaussian; diagonal but not a number term) in every frame.</summary>
    [TestCase(TrajectoryFrame.NumberTerms)]
    [TestCase(TrajectoryFrame.FockDiagonal)]
    [TestCase(TrajectoryFrame.Lab)]
    public void MomentsAgreeWithLindbladEvolution(TrajectoryFrame frame)
    {
        var pair = HoppingPair(omega0: 1.0, omega1: 1.3, g: 0.4, kappa0: 0.3, kappa1: 0.5, gain: 0.1);
        var model = pair with { Hamiltonian = pair.Hamiltonian + Polynomial.Single(0.05, Ad(0), Ad(0), A(0), A(0)) };
        var space = Space(2, Levels);
        var initial = InitialStates.Build(space, new ProductState([new CoherentState(1.0), new CoherentState(new Complex(0, 0.6))]));
        var times = Linspace(0, 3, 7);

        var reference = LindbladMoments(model, space, initial.ToDensityMatrix(), times);

        var problem = TrajectoryProblem.Build(model, initial, times, frame);
        var settings = new TrajectorySettings(Seed: 5, RelativeTolerance: 1e-7, AbsoluteTolerance: 1e-9);
        var sums = TrajectoryEnsemble.Run(problem, settings, new IndexRange(0, 300), threads: 2);

        int d = 2;
        int[] checkedObservables =
        [
            TrackedObservables.Occupation(0), TrackedObservables.Occupation(1),
            TrackedObservables.Annihilation(d, 0), TrackedObservables.Annihilation(d, 0) + 1,
            TrackedObservables.Annihilation(d, 1), TrackedObservables.Annihilation(d, 1) + 1,
            TrackedObservables.CreationAnnihilation(d, 0, 1), TrackedObservables.CreationAnnihilation(d, 0, 1) + 1,
            TrackedObservables.AnnihilationPair(d, 0, 1), TrackedObservables.AnnihilationPair(d, 0, 1) + 1,
        ];
        for (int t = 0; t < times.Length; t++)
        {
            foreach (int k in checkedObservables)
            {
                double se = sums.StandardError(t, k);
                Assert.That(sums.Mean(t, k), Is.EqualTo(reference[t][k]).Within((Sigmas * se) + SolverSlack),
                    $"{TrackedObservables.Name(d, k)} at t = {times[t]} (SE {se})");
            }
        }
    }

    [Test]
    public void KrylovNeedsTheLabFrameWhenPhasesAreTimeDependent()
    {
        var model = HoppingPair(omega0: 1.0, omega1: 1.3, g: 0.4, kappa0: 0.3, kappa1: 0.5, gain: 0.1);
        var space = Space(2, 4);
        var initial = InitialStates.Build(space, new ProductState([new FockState(1), new VacuumState()]));
        var framed = TrajectoryProblem.Build(model, initial, [0, 1]);
        Assert.That(() => new TrajectoryWorker(framed, new TrajectorySettings(Integrator: "krylov")),
            Throws.ArgumentException.With.Message.Contains("TrajectoryFrame.Lab"));
        var lab = TrajectoryProblem.Build(model, initial, [0, 1], TrajectoryFrame.Lab);
        Assert.That(() => new TrajectoryWorker(lab, new TrajectorySettings(Integrator: "krylov")), Throws.Nothing);
        Assert.That(() => new TrajectoryWorker(lab, new TrajectorySettings(Integrator: "euler")),
            Throws.ArgumentException.With.Message.Contains("dopri5"));
    }

    /// <summary>The tracked observables of the Lindblad solution at each time, in the <see cref="TrackedObservables"/> layout.</summary>
    private static List<double[]> LindbladMoments(OpenSystemModel model, FockSpace space, Complex[] rho0, double[] times)
    {
        var lindblad = new LindbladEvolution(LindbladProblem.Build(model, space), "dopri5", new IntegratorOptions(1e-9, 1e-11));
        int d = space.Modes;
        var result = new List<double[]>();
        var a = Enumerable.Range(0, d).Select(i => FockOperators.Annihilation(space, i)).ToArray();
        lindblad.Run(rho0, times[^1], times.Length, (t, rho) =>
        {
            var values = new double[TrackedObservables.Count(d)];
            for (int i = 0; i < d; i++)
            {
                values[TrackedObservables.Occupation(i)] = Trace(rho, a[i].Adjoint() * a[i]).Real;
                Put(values, TrackedObservables.Annihilation(d, i), Trace(rho, a[i]));
                for (int j = 0; j < d; j++)
                {
                    Put(values, TrackedObservables.CreationAnnihilation(d, i, j), Trace(rho, a[i].Adjoint() * a[j]));
                    Put(values, TrackedObservables.AnnihilationPair(d, i, j), Trace(rho, a[i] * a[j]));
                }
            }
            result.Add(values);
        });
        return result;
    }

    private static void Put(double[] values, int index, Complex value)
    {
        values[index] = value.Real;
        values[index + 1] = value.Imaginary;
    }

    /// <summary>Tr(ρ O) = Σ_rc ρ_cr O_rc.</summary>
    private static Complex Trace(ReadOnlySpan<Complex> rho, SparseMatrix o)
    {
        int dim = o.Dimension;
        Complex total = 0;
        for (int r = 0; r < dim; r++)
            for (int p = o.RowPointers[r]; p < o.RowPointers[r + 1]; p++)
                total += rho[(o.ColumnIndices[p] * dim) + r] * o.Values[p];
        return total;
    }
}
