using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.CrossChecks;

/// <summary>
/// The Fock-space steady state (truncated Lindblad equation, <see cref="SteadyStateSolver"/>) against the exact
/// Lyapunov covariance, for global and local machines, Bose and spin baths, two and three modes: the error is set by
/// the truncation alone, so it must fall as the cutoff grows.
/// </summary>
public class FockVersusLyapunovTests
{
    /// <summary>At the larger cutoff the top-level populations are ~1e-6 or below for these cold baths.</summary>
    private const double LargeCutoffTolerance = 2e-3;

    [TestCase(2, SecularApproach.Global, BathStatistics.Bose, 5, 10)]
    [TestCase(2, SecularApproach.Local, BathStatistics.Fermi, 5, 10)]
    [TestCase(3, SecularApproach.Global, BathStatistics.Fermi, 4, 7)]
    [TestCase(3, SecularApproach.Local, BathStatistics.Bose, 4, 7)]
    public void FockSteadyStateApproachesTheLyapunovCovarianceAsTheCutoffGrows(int modes, SecularApproach approach, BathStatistics second, int small, int large)
    {
        var model = ThermalMachine.Build(MachineOf(modes, approach, second));
        var exact = GaussianSteadyState.Solve(model).Covariance;

        double ErrorAt(int cutoff)
        {
            var space = new FockSpace(new PerModeTruncation([cutoff]), modes);
            var rho = SteadyStateSolver.Solve(LindbladProblem.Build(model, space)).DensityMatrix;
            return (DensityMatrixAnalysis.Quadratures(rho, space).Covariance - exact).Enumerate().Max(Math.Abs);
        }

        double coarse = ErrorAt(small), fine = ErrorAt(large);
        Assert.That(fine, Is.LessThan(coarse / 5), $"error {coarse:G3} at cutoff {small} → {fine:G3} at {large}");
        Assert.That(fine, Is.LessThan(LargeCutoffTolerance));
    }

    private static ThermalMachineDescription MachineOf(int modes, SecularApproach approach, BathStatistics second)
    {
        var h = new Complex[modes, modes];
        for (int i = 0; i < modes; i++) h[i, i] = 1.0 + 0.25 * i;
        SetHopping(h, 0, 1, new Complex(0.06, 0.04));
        if (modes == 3) SetHopping(h, 1, 2, new Complex(0.0, -0.05));
        var flat = new FlatSpectralDensity(0.03);
        var parties = modes == 2 ? new[] { Party("A", 0), Party("B", 1) } : [Party("A", 0), Party("B", 1, 2)];
        int sizeB = modes - 1;
        return Machine(h, parties,
            [Bath("A", BathStatistics.Bose, 0.5, flat, Identity(1)), Bath("B", second, 0.25, flat, Identity(sizeB))], approach);
    }
}
