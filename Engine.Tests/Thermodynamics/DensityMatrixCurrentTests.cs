using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using BosonicTrajectories.Thermodynamics;
using Complex = System.Numerics.Complex;
using static BosonicTrajectories.Tests.Thermodynamics.ThermodynamicsFixtures;

namespace BosonicTrajectories.Tests.Thermodynamics;

/// <summary>
/// Currents computed from a Fock density matrix (<see cref="DensityMatrixCurrents"/>: 𝒟_n(ρ) then Tr[H_S ·]) against the
/// moment formula (<see cref="HeatCurrents"/>). Both are linear in ρ, and exact when ρ has no population on the levels
/// from which a† leaves the truncated space, so they must agree to round-off on any such ρ.
/// </summary>
public class DensityMatrixCurrentTests
{
    // Dense sums over D² ≤ 4·10⁴ entries of O(1) products: round-off ~1e-14 on currents O(0.1).
    private const double AgreementTolerance = 1e-12;

    // Fock steady state at cutoff 14 with n̄ ≤ 0.6: truncation and the solver residual leave ~3e-5 relative (seen); 1e-4.
    private const double FockSteadyStateTolerance = 1e-4;

    [TestCase(SecularApproach.Global, 14)]
    [TestCase(SecularApproach.Local, 14)]
    public void HotColdMachine_RandomStates_AgreeWithMomentFormula(SecularApproach approach, int cutoff)
    {
        var machine = TwoModeMachine(1.0, 1.2, 0.1, 0.05, 2.0, 0.03, 0.2, approach);
        var space = new FockSpace(new PerModeTruncation([cutoff]), 2);
        AssertAgreement(machine, space, new Random(3), state => state.ToArray().All(n => n <= cutoff - 2));
    }

    [TestCase(SecularApproach.Global)]
    [TestCase(SecularApproach.Local)]
    public void FourModeMachine_TotalExcitationSpace_AgreesWithMomentFormula(SecularApproach approach)
    {
        var machine = FourModeMachine(approach, 2.0, 0.7, 0.3);
        var space = new FockSpace(new TotalExcitationTruncation(4), 4);
        AssertAgreement(machine, space, new Random(8), state => state.ToArray().Sum() <= 3);
    }

    [Test]
    public void HotColdMachine_FockSteadyState_CurrentsMatchTheLyapunovClosedForm()
    {
        // Both ways round: J_n from the Fock steady state ρ (steady-state solver, cutoff 14, ρ-based formula) against
        // J_n from the exact Lyapunov moments (moment formula). T_A = 1 keeps the tail at level 13 near 1e-6.
        var machine = TwoModeMachine(1.0, 1.2, 0.1, 0.05, 1.0, 0.03, 0.2);
        var model = ThermalMachine.Build(machine);
        var space = new FockSpace(new PerModeTruncation([14]), 2);
        var rho = SteadyStateSolver.Solve(LindbladProblem.Build(model, space)).DensityMatrix;
        var baths = ThermalMachine.BathDissipators(machine);
        var exact = HeatCurrents.ForBaths(baths, machine.Hamiltonian, SteadyState(model));

        double sum = 0;
        for (int n = 0; n < 2; n++)
        {
            var (heat, particles) = DensityMatrixCurrents.Currents(space, baths[n], machine.Hamiltonian, rho);
            Assert.That(heat, Is.EqualTo(exact[n].HeatCurrent).Within(FockSteadyStateTolerance * Math.Abs(exact[n].HeatCurrent)), $"J_{n}");
            Assert.That(particles, Is.EqualTo(exact[n].ParticleCurrent).Within(FockSteadyStateTolerance * Math.Abs(exact[n].ParticleCurrent)), $"I_{n}");
            sum += heat;
        }
        Assert.That(exact[0].HeatCurrent, Is.GreaterThan(0), "heat enters from the hot bath");
        Assert.That(sum, Is.EqualTo(0).Within(FockSteadyStateTolerance * exact[0].HeatCurrent), "Σ J = 0 at the Fock steady state too");
    }

    [Test]
    public void Dissipator_IsTracelessAndHermitianPreserving()
    {
        var machine = TwoModeMachine(1.0, 1.2, 0.1, 0.05, 2.0, 0.03, 0.2);
        var space = new FockSpace(new PerModeTruncation([6]), 2);
        var rho = RandomDensityMatrix(space, new Random(2), _ => true);

        foreach (var bath in ThermalMachine.BathDissipators(machine))
        {
            var result = DensityMatrixCurrents.ApplyDissipator(space, bath, rho);
            Assert.That(DensityMatrixAnalysis.HermiticityError(result), Is.LessThan(AgreementTolerance));
            // Tr 𝒟(ρ) = 0 needs [a, a†] = 1, which the truncation breaks only on the top level; ρ here fills it, so
            // compare with a ρ that does not: the trace is then exactly 0.
            var inner = RandomDensityMatrix(space, new Random(4), n => n.ToArray().All(k => k <= 4));
            var innerResult = DensityMatrixCurrents.ApplyDissipator(space, bath, inner);
            Assert.That(DensityMatrixAnalysis.Trace(innerResult).Magnitude, Is.LessThan(AgreementTolerance));
        }
    }

    [Test]
    public void WrongSize_IsACallerError()
    {
        var machine = TwoModeMachine(1.0, 1.2, 0.1, 0.05, 2.0, 0.03, 0.2);
        var space = new FockSpace(new PerModeTruncation([3]), 2);
        var bath = ThermalMachine.BathDissipators(machine)[0];

        Assert.That(() => DensityMatrixCurrents.ApplyDissipator(space, bath, new Complex[10]),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("rho"));
    }

    private static void AssertAgreement(ThermalMachineDescription machine, FockSpace space, Random random, Func<ReadOnlyMemory<int>, bool> inside)
    {
        var baths = ThermalMachine.BathDissipators(machine);
        for (int trial = 0; trial < 2; trial++)
        {
            var rho = RandomDensityMatrix(space, random, inside);
            var moments = DensityMatrixAnalysis.Moments(rho, space);
            var expected = HeatCurrents.ForBaths(baths, machine.Hamiltonian, moments);
            for (int n = 0; n < baths.Count; n++)
            {
                var (heat, particles) = DensityMatrixCurrents.Currents(space, baths[n], machine.Hamiltonian, rho);
                Assert.That(Math.Abs(expected[n].HeatCurrent), Is.GreaterThan(1e-4), "a state far from equilibrium");
                Assert.That(heat, Is.EqualTo(expected[n].HeatCurrent).Within(AgreementTolerance), $"J_{n}");
                Assert.That(particles, Is.EqualTo(expected[n].ParticleCurrent).Within(AgreementTolerance), $"I_{n}");
            }
        }
    }

    /// <summary>ρ = B B†/Tr with B random on the basis states that satisfy <paramref name="inside"/> (zero elsewhere).</summary>
    private static Complex[] RandomDensityMatrix(FockSpace space, Random random, Func<ReadOnlyMemory<int>, bool> inside)
    {
        int dim = space.Dimension;
        var support = Enumerable.Range(0, dim).Where(i => inside(space.Occupations(i).ToArray())).ToArray();
        int rank = 3;
        var b = new Complex[dim, rank];
        foreach (int i in support)
            for (int k = 0; k < rank; k++) b[i, k] = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        var rho = new Complex[dim * dim];
        Complex trace = 0;
        foreach (int i in support)
        {
            foreach (int j in support)
            {
                Complex sum = 0;
                for (int k = 0; k < rank; k++) sum += b[i, k] * Complex.Conjugate(b[j, k]);
                rho[(i * dim) + j] = sum;
            }
            trace += rho[(i * dim) + i];
        }
        for (int i = 0; i < rho.Length; i++) rho[i] /= trace;
        return rho;
    }
}
