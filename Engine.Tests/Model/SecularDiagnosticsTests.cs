using System.Numerics;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.Model;

/// <summary>Secular margin and E − A definiteness (SPEC §1 validity diagnostics).</summary>
public class SecularDiagnosticsTests
{
    // Eigenvalues of O(1) 2×2 matrices: roundoff only.
    private const double EigenvalueTolerance = 1e-12;

    [Test]
    public void TwoModes_Global_MarginIsEigenvalueGapOverLargestRate()
    {
        // H = [[1, 0.1], [0.1, 1.2]]: ω± = 1.1 ± √0.02, gap 2√0.02. Zero-temperature flat baths with κ = 0.05 on
        // both modes: E = κ Σ_λ P_λ I P_λ = κ I, A = 0, so the largest rate is κ and the margin 2√0.02/0.05 ≈ 5.66.
        var h = new Complex[,] { { 1.0, 0.1 }, { 0.1, 1.2 } };
        var flat = new FlatSpectralDensity(0.05);
        var machine = Machine(h, [Party("A", 0), Party("B", 1)],
            [Bath("A", BathStatistics.Bose, 0.0, flat, Identity(1)), Bath("B", BathStatistics.Bose, 0.0, flat, Identity(1))]);

        var diagnostics = ThermalMachine.Build(machine).Passive!.Diagnostics;

        Assert.That(diagnostics.SecularMargin, Is.EqualTo(2 * Math.Sqrt(0.02) / 0.05).Within(1e-10));
        Assert.That(diagnostics.MinEigenvalueEmissionMinusAbsorption, Is.EqualTo(0.05).Within(EigenvalueTolerance));
        Assert.That(diagnostics.UniqueSteadyState, Is.True);
        Assert.That(diagnostics.Warnings, Has.Count.EqualTo(1));
        Assert.That(diagnostics.Warnings[0], Does.StartWith("secular margin 5.66 < 10: the secular approximation may be poor"));
    }

    [Test]
    public void TwoModes_WellSeparated_NoWarnings()
    {
        // H = diag(1, 2), κ = 0.05 at T = 0: gap 1, rate 0.05, margin 20.
        var flat = new FlatSpectralDensity(0.05);
        var machine = Machine(new Complex[,] { { 1.0, 0 }, { 0, 2.0 } }, [Party("A", 0), Party("B", 1)],
            [Bath("A", BathStatistics.Bose, 0.0, flat, Identity(1)), Bath("B", BathStatistics.Bose, 0.0, flat, Identity(1))]);

        var diagnostics = ThermalMachine.Build(machine).Passive!.Diagnostics;

        Assert.That(diagnostics.SecularMargin, Is.EqualTo(20.0).Within(1e-10));
        Assert.That(diagnostics.Warnings, Is.Empty);
    }

    [Test]
    public void LargestRate_IsTheLargestEigenvalueOfE()
    {
        // Single-mode parties, local approach at finite temperature: E = diag(κ(n̄_A + 1), κ(n̄_B + 1)).
        // Each party has one frequency only, so the margin is +∞ however close the two parties' frequencies are.
        var flat = new FlatSpectralDensity(0.05);
        var machine = Machine(new Complex[,] { { 1.0, 0.02 }, { 0.02, 1.0 } }, [Party("A", 0), Party("B", 1)],
            [Bath("A", BathStatistics.Bose, 2.0, flat, Identity(1)), Bath("B", BathStatistics.Bose, 0.2, flat, Identity(1))],
            SecularApproach.Local);

        var diagnostics = ThermalMachine.Build(machine).Passive!.Diagnostics;

        Assert.That(diagnostics.SecularMargin, Is.EqualTo(double.PositiveInfinity));
        // E − A = κ I for bose baths (1 + n̄ − n̄).
        Assert.That(diagnostics.MinEigenvalueEmissionMinusAbsorption, Is.EqualTo(0.05).Within(EigenvalueTolerance));
    }

    [Test]
    public void Local_MarginUsesThePartysOwnSplitting()
    {
        // Party A = {0, 1} with block [[1, 0.2], [0.2, 1]] (frequencies 0.8, 1.2: gap 0.4); party B = {2} at 1.05.
        // The global spectrum would have smaller gaps; locally only A's 0.4 counts. T = 0 flat κ = 0.1 on A:
        // E = κ I on A's block, largest rate 0.1, margin 4.
        var h = new Complex[,] { { 1.0, 0.2, 0.01 }, { 0.2, 1.0, 0 }, { 0.01, 0, 1.05 } };
        var flat = new FlatSpectralDensity(0.1);
        var machine = Machine(h, [Party("A", 0, 1), Party("B", 2)],
            [Bath("A", BathStatistics.Bose, 0.0, flat, Identity(2)), Bath("B", BathStatistics.Bose, 0.0, new FlatSpectralDensity(0.01), Identity(1))],
            SecularApproach.Local);

        var diagnostics = ThermalMachine.Build(machine).Passive!.Diagnostics;

        Assert.That(diagnostics.SecularMargin, Is.EqualTo(4.0).Within(1e-10));
    }

    [Test]
    public void Local_PartyWithoutBath_DoesNotEnterTheMargin()
    {
        // Party B = {1, 2} has nearly degenerate local frequencies (1.5 ± 0.001) but no bath, so no secular
        // approximation is made for it; party A has a single frequency: the margin is +∞.
        var h = new Complex[,] { { 1.0, 0.05, 0 }, { 0.05, 1.5, 0.001 }, { 0, 0.001, 1.5 } };
        var machine = Machine(h, [Party("A", 0), Party("B", 1, 2)],
            [Bath("A", BathStatistics.Bose, 0.5, new FlatSpectralDensity(0.05), Identity(1))], SecularApproach.Local);

        Assert.That(ThermalMachine.Build(machine).Passive!.Diagnostics.SecularMargin, Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void UncoupledMode_MeansNoUniqueSteadyState()
    {
        // Two parties without hopping and only one bath: mode 1 never relaxes, E − A has a zero eigenvalue.
        var machine = Machine(new Complex[,] { { 1.0, 0 }, { 0, 1.5 } }, [Party("A", 0), Party("B", 1)],
            [Bath("A", BathStatistics.Bose, 0.5, new FlatSpectralDensity(0.05), Identity(1))]);

        var diagnostics = ThermalMachine.Build(machine).Passive!.Diagnostics;

        Assert.That(diagnostics.UniqueSteadyState, Is.False);
        Assert.That(diagnostics.MinEigenvalueEmissionMinusAbsorption, Is.EqualTo(0.0).Within(EigenvalueTolerance));
        Assert.That(diagnostics.Warnings, Does.Contain("E − A is not positive definite: no unique steady state"));
    }

    [Test]
    public void HoppingToTheBathedParty_RestoresUniqueness()
    {
        // Control for the test above: with a hopping both global eigenmodes overlap the bathed mode.
        var machine = Machine(new Complex[,] { { 1.0, 0.1 }, { 0.1, 1.5 } }, [Party("A", 0), Party("B", 1)],
            [Bath("A", BathStatistics.Bose, 0.5, new FlatSpectralDensity(0.05), Identity(1))]);

        var diagnostics = ThermalMachine.Build(machine).Passive!.Diagnostics;

        Assert.That(diagnostics.UniqueSteadyState, Is.True);
        Assert.That(diagnostics.MinEigenvalueEmissionMinusAbsorption, Is.GreaterThan(1e-4));
    }
}
