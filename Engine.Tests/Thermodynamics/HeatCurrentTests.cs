using Complex = System.Numerics.Complex;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using BosonicTrajectories.Thermodynamics;
using MathNet.Numerics.LinearAlgebra;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;
using static BosonicTrajectories.Tests.Thermodynamics.ThermodynamicsFixtures;

namespace BosonicTrajectories.Tests.Thermodynamics;

/// <summary>Heat and particle currents from the moments (<see cref="HeatCurrents"/>) against closed forms.</summary>
public class HeatCurrentTests
{
    // Lyapunov steady state: ~1e-14 relative on O(1) occupations; currents are O(κ ω n̄) ~ 0.1.
    private const double SteadyCurrentTolerance = 1e-11;

    // Closed forms and formula evaluated in double precision on O(1) matrices.
    private const double ClosedFormTolerance = 1e-13;

    [Test]
    public void SingleMode_ThermalizingBath_ClosedForm()
    {
        // One mode ω, one bose bath (κ, T, μ): A = κ n_B, E = κ (n_B + 1), so for ⟨a†a⟩ = n,
        // J = ω κ (n_B − n) and I = κ (n_B − n), whatever ⟨a⟩ is (N is not centred).
        double omega = 1.3, kappa = 0.07, t = 0.9, mu = -0.2, n = 0.37;
        var machine = Machine(new Complex[,] { { omega } }, [Party("A", 0)],
            [Bath("A", BathStatistics.Bose, t, new FlatSpectralDensity(kappa), Identity(1), mu)]);
        var baths = ThermalMachine.BathDissipators(machine);
        var moments = new LadderMoments(
            Vector<Complex>.Build.Dense([new Complex(0.3, -0.2)]),
            Matrix<Complex>.Build.Dense(1, 1, n),
            Matrix<Complex>.Build.Dense(1, 1, new Complex(0.1, 0.05)));

        var c = HeatCurrents.ForBaths(baths, machine.Hamiltonian, moments).Single();

        double nb = Bose(omega, t, mu);
        Assert.That(c.HeatCurrent, Is.EqualTo(omega * kappa * (nb - n)).Within(ClosedFormTolerance));
        Assert.That(c.ParticleCurrent, Is.EqualTo(kappa * (nb - n)).Within(ClosedFormTolerance));
        Assert.That(c.GibbsHeatCurrent, Is.EqualTo(c.HeatCurrent));
    }

    [TestCase(BathStatistics.Bose, BathStatistics.Bose, -0.2)]
    [TestCase(BathStatistics.Bose, BathStatistics.Bose, 0.0)]
    [TestCase(BathStatistics.Fermi, BathStatistics.Fermi, 0.0)]
    [TestCase(BathStatistics.Bose, BathStatistics.Fermi, 0.0)]
    public void EqualTemperatures_CurrentsVanishAtSteadyState_Global(BathStatistics sa, BathStatistics sb, double mu)
    {
        // Every bath then leaves the same exp(−β(H_S − μN̂)) invariant (a spin bath thermalises bosons to Bose–Einstein),
        // which is the unique steady state: no heat and no particles flow.
        var machine = TwoModeMachine(1.0, 1.2, 0.1, 0.05, 0.8, 0.03, 0.8, SecularApproach.Global, sa, sb, mu, mu);
        var model = ThermalMachine.Build(machine);
        var steady = SteadyState(model);

        var currents = HeatCurrents.ForBaths(ThermalMachine.BathDissipators(machine), machine.Hamiltonian, steady);

        foreach (var c in currents)
        {
            Assert.That(c.Scale, Is.GreaterThan(1e-3), "the gross flows are not small");
            Assert.That(c.HeatCurrent, Is.EqualTo(0).Within(SteadyCurrentTolerance));
            Assert.That(c.ParticleCurrent, Is.EqualTo(0).Within(SteadyCurrentTolerance));
        }
    }

    [Test]
    public void EqualTemperatures_FourModes_ComplexHoppings_CurrentsVanish()
    {
        var machine = FourModeMachine(SecularApproach.Global, 0.9, 0.9, 0.9, muA: 0, muB: 0);
        var steady = SteadyState(ThermalMachine.Build(machine));

        var state = MachineThermodynamics.Evaluate(ThermalMachine.BathDissipators(machine), machine.Hamiltonian,
            ThermalMachine.Build(machine).Hamiltonian, steady, "test", double.PositiveInfinity, isSteady: true);

        Assert.That(state.Baths.Select(c => c.HeatCurrent), Is.All.EqualTo(0).Within(SteadyCurrentTolerance));
        Assert.That(state.Baths.Select(c => c.ParticleCurrent), Is.All.EqualTo(0).Within(SteadyCurrentTolerance));
        Assert.That(state.Entropy.Value!.Value, Is.EqualTo(0).Within(SteadyCurrentTolerance));
        Assert.That(state.EnergyConserved, Is.True);
        Assert.That(state.SecondLawHolds, Is.True);
    }

    [TestCase(2.0, 0.2)]
    [TestCase(0.2, 2.0)]
    [TestCase(1.5, 0.0)]
    public void HotCold_TwoModes_Global_MatchesClosedForm(double tA, double tB)
    {
        // Hand derivation (global approach, flat baths, K = 1 on each party's single mode). H = [[ω1, g], [g, ω2]] has
        // eigenvalues ω_± = (ω1 + ω2)/2 ± √((ω1 − ω2)²/4 + g²) with eigenvectors ∝ (g, ω_λ − ω1), so the weights of
        // mode 0 and 1 in eigenmode λ are c_Aλ = g²/(g² + (ω_λ − ω1)²), c_Bλ = 1 − c_Aλ. Then A_n = Σ_λ κ_n c_nλ n_n(ω_λ) P_λ
        // and E_n − A_n = Σ_λ κ_n c_nλ P_λ, all diagonal in the eigenbasis; the Lyapunov steady state is
        // N = Σ_λ n̄_λ P_λ with n̄_λ = Σ_n κ_n c_nλ n_n(ω_λ) / Γ_λ, Γ_λ = κ_A c_Aλ + κ_B c_Bλ. Hence
        // J_A = Σ_λ ω_λ κ_A c_Aλ (n_A(ω_λ) − n̄_λ) = Σ_λ ω_λ κ_A κ_B c_Aλ c_Bλ (n_A(ω_λ) − n_B(ω_λ)) / Γ_λ = −J_B,
        // I_A = the same with ω_λ → 1, and σ = −J_A/T_A − J_B/T_B = J_A (1/T_B − 1/T_A) ≥ 0.
        // Weak hopping (g ≪ |ω1 − ω2|): c_Aλ c_Bλ ≈ g²/(ω1 − ω2)², so J_A ≈ (g/Δ)² κ_Aκ_B Σ_λ ω_λ (n_A − n_B)(ω_λ)/Γ_λ.
        double w1 = 1.0, w2 = 1.2, g = 0.1, kA = 0.05, kB = 0.03;
        var machine = TwoModeMachine(w1, w2, g, kA, tA, kB, tB);
        var model = ThermalMachine.Build(machine);
        var steady = SteadyState(model);

        var state = MachineThermodynamics.Evaluate(ThermalMachine.BathDissipators(machine), machine.Hamiltonian, model.Hamiltonian,
            steady, "Lyapunov", double.PositiveInfinity, isSteady: true);

        double heat = 0, particles = 0;
        double root = Math.Sqrt(((w1 - w2) * (w1 - w2) / 4) + (g * g));
        foreach (double w in new[] { ((w1 + w2) / 2) + root, ((w1 + w2) / 2) - root })
        {
            double cA = g * g / ((g * g) + ((w - w1) * (w - w1))), cB = 1 - cA;
            double gamma = (kA * cA) + (kB * cB);
            double flow = kA * kB * cA * cB * (Bose(w, tA) - Bose(w, tB)) / gamma;
            heat += w * flow;
            particles += flow;
        }
        var (a, b) = (state.Baths[0], state.Baths[1]);
        Assert.That(a.HeatCurrent, Is.EqualTo(heat).Within(SteadyCurrentTolerance));
        Assert.That(b.HeatCurrent, Is.EqualTo(-heat).Within(SteadyCurrentTolerance));
        Assert.That(a.ParticleCurrent, Is.EqualTo(particles).Within(SteadyCurrentTolerance));
        Assert.That(b.ParticleCurrent, Is.EqualTo(-particles).Within(SteadyCurrentTolerance));
        Assert.That(Math.Sign(a.HeatCurrent), Is.EqualTo(Math.Sign(tA - tB)), "heat flows from the hot bath into the system");
        Assert.That(state.HeatCurrentSum, Is.EqualTo(0).Within(SteadyCurrentTolerance));
        Assert.That(state.HamiltonianPower, Is.EqualTo(0).Within(ClosedFormTolerance));
        Assert.That(state.EnergyConserved, Is.True);
        Assert.That(state.SecondLawHolds, Is.True);
        if (tA > 0 && tB > 0)
        {
            Assert.That(state.Entropy.Value!.Value, Is.EqualTo(heat * ((1 / tB) - (1 / tA))).Within(SteadyCurrentTolerance / Math.Min(tA, tB)));
            Assert.That(state.Entropy.Value.Value, Is.GreaterThan(0));
        }
        else
        {
            Assert.That(state.Entropy.Value, Is.Null, "a T = 0 bath receiving heat: σ = +∞ formally");
            Assert.That(state.Entropy.Formal, Is.EqualTo(double.PositiveInfinity));
            Assert.That(state.Entropy.Reason, Does.Contain("bath 1").And.Contain("T = 0"));
        }
    }

    [Test]
    public void BothBathsAtZeroTemperature_VacuumIsSteady_EntropyProductionZero()
    {
        var machine = TwoModeMachine(1.0, 1.2, 0.1, 0.05, 0.0, 0.03, 0.0);
        var model = ThermalMachine.Build(machine);

        var state = MachineThermodynamics.Evaluate(ThermalMachine.BathDissipators(machine), machine.Hamiltonian, model.Hamiltonian,
            SteadyState(model), "Lyapunov", double.PositiveInfinity, isSteady: true);

        Assert.That(state.Entropy.Value, Is.EqualTo(0.0));
        Assert.That(state.SecondLawHolds, Is.True);
    }

    [Test]
    public void WeakHopping_LeadingOrder()
    {
        // To leading order in g/Δ the global current is J_A ≈ (g/Δ)² κ_A κ_B Σ_{λ=1,2} ω_λ (n_A − n_B)(ω_λ)/Γ_λ with
        // ω_λ → ω_λ of the bare modes and Γ_1 → κ_A, Γ_2 → κ_B; relative corrections are O((g/Δ)²).
        double w1 = 1.0, w2 = 1.5, g = 1e-3, kA = 0.05, kB = 0.03, tA = 2.0, tB = 0.3;
        var machine = TwoModeMachine(w1, w2, g, kA, tA, kB, tB);
        var model = ThermalMachine.Build(machine);
        var steady = SteadyState(model);

        double j = HeatCurrents.ForBaths(ThermalMachine.BathDissipators(machine), machine.Hamiltonian, steady)[0].HeatCurrent;

        double ratio = g * g / ((w1 - w2) * (w1 - w2));
        double leading = ratio * kA * kB * ((w1 * (Bose(w1, tA) - Bose(w1, tB)) / kA) + (w2 * (Bose(w2, tA) - Bose(w2, tB)) / kB));
        Assert.That(j, Is.EqualTo(leading).Within(10 * ratio * Math.Abs(leading)));
    }

    [TestCase(SecularApproach.Global, false)]
    [TestCase(SecularApproach.Local, false)]
    [TestCase(SecularApproach.Global, true)]
    [TestCase(SecularApproach.Local, true)]
    public void EnergyBalance_AtArbitraryStates_MatchesTheFullGenerator(SecularApproach approach, bool lambShift)
    {
        // d⟨H_S⟩/dt from the model's own Gaussian generator (built from its jump operators and full Hamiltonian)
        // equals Σ_n J_n + P for any state, with P = i⟨[H, H_S]⟩ (Lamb shift and extra terms).
        var extra = Polynomial.Single(new Complex(0.02, 0.01), new LadderOperator(0, true), new LadderOperator(2, true))
                    + Polynomial.Single(new Complex(0.02, -0.01), new LadderOperator(0, false), new LadderOperator(2, false))
                    + Polynomial.Single(0.05, new LadderOperator(3, true)) + Polynomial.Single(0.05, new LadderOperator(3, false))
                    // anti-normally ordered hopping a_1 a_3† + a_3 a_1† (exercises ⟨a a†⟩ = ⟨a†a⟩ + δ)
                    + Polynomial.Single(0.03, new LadderOperator(1, false), new LadderOperator(3, true))
                    + Polynomial.Single(0.03, new LadderOperator(3, false), new LadderOperator(1, true));
        var machine = FourModeMachine(approach, 2.0, 0.7, 0.3, lambShift: lambShift, extraTerms: extra);
        var model = ThermalMachine.Build(machine);
        var baths = ThermalMachine.BathDissipators(machine);
        var random = new Random(11);
        for (int trial = 0; trial < 3; trial++)
        {
            var moments = RandomMoments(4, random);

            var state = MachineThermodynamics.Evaluate(baths, machine.Hamiltonian, model.Hamiltonian, moments, "random", 0, isSteady: false);

            double expected = Contract(machine.Hamiltonian, AdaggerARate(model, moments));
            Assert.That(state.EnergyChangeRate, Is.EqualTo(expected).Within(ClosedFormTolerance * 100));
            Assert.That(state.EnergyConserved, Is.Null, "not a steady state: no check");
        }
    }

    [TestCase(SecularApproach.Global)]
    [TestCase(SecularApproach.Local)]
    public void ParticleCurrents_AtArbitraryStates_MatchTheFullGenerator(SecularApproach approach)
    {
        var machine = FourModeMachine(approach, 2.0, 0.7, 0.3);
        var model = ThermalMachine.Build(machine);
        var moments = RandomMoments(4, new Random(5));
        var identity = new Complex[4, 4];
        for (int i = 0; i < 4; i++) identity[i, i] = 1;

        double total = HeatCurrents.ForBaths(ThermalMachine.BathDissipators(machine), machine.Hamiltonian, moments).Sum(c => c.ParticleCurrent);

        Assert.That(total, Is.EqualTo(Contract(identity, AdaggerARate(model, moments))).Within(ClosedFormTolerance * 100));
    }

    [TestCase(SecularApproach.Global, false)]
    [TestCase(SecularApproach.Local, false)]
    [TestCase(SecularApproach.Global, true)]
    [TestCase(SecularApproach.Local, true)]
    public void FourModes_HotColdSteadyState_BalanceAndSecondLaw(SecularApproach approach, bool lambShift)
    {
        // Three baths at different T and μ, with and without Lamb shift: the steady state conserves ⟨H_S⟩
        // (Σ J + P = 0; P = 0 unless local + Lamb shift) and σ ≥ 0 (Spohn, with each bath's own energy).
        var machine = FourModeMachine(approach, 2.0, 0.7, 0.3, lambShift: lambShift);
        var model = ThermalMachine.Build(machine);

        var state = MachineThermodynamics.Evaluate(ThermalMachine.BathDissipators(machine), machine.Hamiltonian, model.Hamiltonian,
            SteadyState(model), "Lyapunov", double.PositiveInfinity, isSteady: true);

        Assert.That(state.EnergyConserved, Is.True, $"Σ J + P = {state.EnergyChangeRate}");
        Assert.That(state.SecondLawHolds, Is.True);
        Assert.That(state.Entropy.Value, Is.GreaterThan(1e-6), "baths at different temperatures produce entropy");
        if (approach == SecularApproach.Global || !lambShift)
            Assert.That(state.HamiltonianPower!.Value, Is.EqualTo(0).Within(ClosedFormTolerance), "H_LS commutes with H (global), or is absent");
        else
            Assert.That(Math.Abs(state.HamiltonianPower!.Value), Is.GreaterThan(1e-9), "a local Lamb shift does not commute with H_S");
        if (approach == SecularApproach.Global)
            Assert.That(state.Baths.Select(c => c.GibbsHeatCurrent - c.HeatCurrent), Is.All.EqualTo(0).Within(ClosedFormTolerance));
    }

    [Test]
    public void EntropyProduction_UsesChemicalWork_ForBoseBaths()
    {
        // Equal temperatures, different μ: no entropy from heat alone, particles flow from high μ to low μ and
        // σ = −β Σ_n (J_n − μ_n I_n) = β (μ_A − μ_B) I_A > 0 in the global approach (Σ J = 0, Σ I = 0).
        double t = 0.8, muA = 0.2, muB = -0.3;
        var machine = TwoModeMachine(1.0, 1.2, 0.1, 0.05, t, 0.03, t, muA: muA, muB: muB);
        var model = ThermalMachine.Build(machine);

        var state = MachineThermodynamics.Evaluate(ThermalMachine.BathDissipators(machine), machine.Hamiltonian, model.Hamiltonian,
            SteadyState(model), "Lyapunov", double.PositiveInfinity, isSteady: true);

        var (a, b) = (state.Baths[0], state.Baths[1]);
        Assert.That(a.ParticleCurrent, Is.GreaterThan(0), "particles enter from the bath with the higher μ");
        Assert.That(a.ParticleCurrent + b.ParticleCurrent, Is.EqualTo(0).Within(SteadyCurrentTolerance));
        Assert.That(state.Entropy.Value!.Value, Is.EqualTo((muA - muB) * a.ParticleCurrent / t).Within(SteadyCurrentTolerance));
        Assert.That(state.SecondLawHolds, Is.True);
    }

    [Test]
    public void SpinBath_ParticleCurrentReported_ButNoChemicalWork()
    {
        var machine = TwoModeMachine(1.0, 1.2, 0.1, 0.05, 2.0, 0.03, 0.3, statisticsA: BathStatistics.Fermi, statisticsB: BathStatistics.Bose, muB: -0.4);
        var model = ThermalMachine.Build(machine);

        var state = MachineThermodynamics.Evaluate(ThermalMachine.BathDissipators(machine), machine.Hamiltonian, model.Hamiltonian,
            SteadyState(model), "Lyapunov", double.PositiveInfinity, isSteady: true);

        var (a, b) = (state.Baths[0], state.Baths[1]);
        Assert.That(Math.Abs(a.ParticleCurrent), Is.GreaterThan(1e-6), "the number it gives is reported");
        Assert.That(a.ChemicalPotential, Is.EqualTo(0.0));
        Assert.That(a.GrandHeatCurrent, Is.EqualTo(a.HeatCurrent));
        double expected = (-a.HeatCurrent / 2.0) - ((b.HeatCurrent + (0.4 * b.ParticleCurrent)) / 0.3);
        Assert.That(state.Entropy.Value!.Value, Is.EqualTo(expected).Within(SteadyCurrentTolerance * 10));
        Assert.That(state.SecondLawHolds, Is.True);
    }

    [Test]
    public void LadderExpectations_InEveryOrder()
    {
        var m = RandomMoments(3, new Random(9));
        LadderOperator A(int i) => new(i, false);
        LadderOperator Ad(int i) => new(i, true);

        Assert.That(HamiltonianPower.Expectation([], m), Is.EqualTo(Complex.One));
        Assert.That(HamiltonianPower.Expectation([Ad(1)], m), Is.EqualTo(Complex.Conjugate(m.Mean[1])));
        Assert.That(HamiltonianPower.Expectation([Ad(0), A(2)], m), Is.EqualTo(m.AdaggerA[0, 2]));
        Assert.That(HamiltonianPower.Expectation([A(2), Ad(0)], m), Is.EqualTo(m.AdaggerA[0, 2]), "⟨a_2 a_0†⟩ = ⟨a_0† a_2⟩");
        Assert.That(HamiltonianPower.Expectation([A(1), Ad(1)], m), Is.EqualTo(m.AdaggerA[1, 1] + 1), "⟨a a†⟩ = ⟨a†a⟩ + 1");
        Assert.That(HamiltonianPower.Expectation([A(0), A(1)], m), Is.EqualTo(m.AA[0, 1]));
        Assert.That(HamiltonianPower.Expectation([Ad(0), Ad(1)], m), Is.EqualTo(Complex.Conjugate(m.AA[1, 0])), "⟨a_0† a_1†⟩ = conj⟨a_1 a_0⟩");
    }

    [Test]
    public void HamiltonianPower_IsNullBeyondSecondMoments()
    {
        var kerr = Polynomial.Single(0.1, new LadderOperator(0, true), new LadderOperator(0, true), new LadderOperator(0, false), new LadderOperator(0, false));
        Assert.That(HamiltonianPower.Evaluate(kerr, new Complex[,] { { 1.0 } }, RandomMoments(1, new Random(1))), Is.Null);
    }

    [Test]
    public void MismatchedSizes_AreCallerErrors()
    {
        var machine = TwoModeMachine(1.0, 1.2, 0.1, 0.05, 2.0, 0.03, 0.3);
        var moments = RandomMoments(3, new Random(1));

        Assert.That(() => HeatCurrents.ForBaths(ThermalMachine.BathDissipators(machine), machine.Hamiltonian, moments),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("systemMatrix"));
    }
}
