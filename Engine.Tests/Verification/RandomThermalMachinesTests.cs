using System.Numerics;
using BosonicTrajectories.Model;
using BosonicTrajectories.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Tests.Verification;

public class RandomThermalMachinesTests
{
    /// <summary>Eigenvalues recomputed from H = U diag(ω) U† agree with ω up to round-off of a 6×6 product (‖H‖ ≤ 2).</summary>
    private const double SpectrumTolerance = 1e-12;

    /// <summary>Enough instances that every branch of the generator (each with probability ≥ 1/8 per bath) occurs.</summary>
    private const int Sample = 300;

    private static readonly ModesRange Wide = new(2, 6);

    private static readonly GeneratedMachine[] Machines =
        [.. Enumerable.Range(0, Sample).Select(k => RandomThermalMachines.Generate(2024, k, Wide))];

    [Test]
    public void InstanceDependsOnlyOnSeedAndIndex()
    {
        // Generated in another order and on other threads: instance k must be bit-identical.
        var again = new GeneratedMachine[40];
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i =>
        {
            int k = 39 - i;
            again[k] = RandomThermalMachines.Generate(2024, k, Wide);
        });
        for (int k = 0; k < 40; k++)
        {
            Assert.That(again[k].Description.Hamiltonian, Is.EqualTo(Machines[k].Description.Hamiltonian), $"instance {k}");
            Assert.That(Describe(again[k]), Is.EqualTo(Describe(Machines[k])), $"instance {k}");
        }
    }

    [Test]
    public void DifferentSeedsAndIndicesGiveDifferentMachines()
    {
        var a = RandomThermalMachines.Generate(1, 0, Wide);
        var b = RandomThermalMachines.Generate(2, 0, Wide);
        var c = RandomThermalMachines.Generate(1, 1, Wide);
        Assert.That(a.Frequencies, Is.Not.EqualTo(b.Frequencies));
        Assert.That(a.Frequencies, Is.Not.EqualTo(c.Frequencies));
    }

    [Test]
    public void EveryHamiltonianIsHermitianPositiveDefiniteWithTheDrawnFrequencies()
    {
        foreach (var m in Machines)
        {
            var h = Matrix<Complex>.Build.DenseOfArray(m.Description.Hamiltonian);
            Assert.That((h - h.ConjugateTranspose()).InfinityNorm(), Is.LessThan(SpectrumTolerance), $"instance {m.Index}");
            var eigenvalues = h.Evd(Symmetricity.Hermitian).EigenValues.Select(e => e.Real).Order().ToArray();
            Assert.That(eigenvalues[0], Is.GreaterThanOrEqualTo(RandomThermalMachines.FrequencyMin - SpectrumTolerance), $"instance {m.Index}");
            Assert.That(eigenvalues, Is.EqualTo(m.Frequencies).Within(SpectrumTolerance), $"instance {m.Index}");
            Assert.That(m.Frequencies, Has.All.InRange(RandomThermalMachines.FrequencyMin, RandomThermalMachines.FrequencyMax));
        }
    }

    [Test]
    public void HoppingsAreComplex()
    {
        // A Haar unitary makes H_01 complex almost surely; real-only hoppings would miss the SPEC's conjugation conventions.
        Assert.That(Machines.Count(m => Math.Abs(m.Description.Hamiltonian[0, 1].Imaginary) > 1e-3), Is.GreaterThan(Sample / 2));
    }

    [Test]
    public void PartiesPartitionTheModesIntoTwoToFour()
    {
        foreach (var m in Machines)
        {
            int d = m.Description.Modes;
            Assert.That(d, Is.InRange(Wide.Min, Wide.Max));
            Assert.That(m.Description.Parties.Length, Is.InRange(2, Math.Min(4, d)), $"instance {m.Index}");
            Assert.That(m.Description.Parties.SelectMany(p => p.Modes).Order(), Is.EqualTo(Enumerable.Range(0, d)), $"instance {m.Index}");
            Assert.That(m.Description.Baths.Select(b => b.Party), Is.EqualTo(m.Description.Parties.Select(p => p.Name)));
        }
        Assert.That(Machines.Select(m => m.Description.Modes).Distinct().Order(), Is.EqualTo(new[] { 2, 3, 4, 5, 6 }));
        Assert.That(Machines.Select(m => m.Description.Parties.Length).Distinct().Order(), Is.EqualTo(new[] { 2, 3, 4 }));
    }

    [Test]
    public void ChemicalPotentialsAreBelowEveryFrequencyTheBathSees()
    {
        foreach (var m in Machines)
        {
            var d = m.Description;
            var h = Matrix<Complex>.Build.DenseOfArray(d.Hamiltonian);
            foreach (var bath in d.Baths)
            {
                if (bath.Statistics == BathStatistics.Fermi)
                {
                    Assert.That(bath.ChemicalPotential, Is.Zero, $"instance {m.Index}: a fermi (spin) bath exchanges no particles");
                    continue;
                }
                var modes = d.Parties.Single(p => p.Name == bath.Party).Modes;
                double lowest = d.Approach == SecularApproach.Global
                    ? m.Frequencies[0]
                    : Matrix<Complex>.Build.Dense(modes.Length, modes.Length, (i, j) => h[modes[i], modes[j]])
                        .Evd(Symmetricity.Hermitian).EigenValues.Min(e => e.Real);
                Assert.That(bath.ChemicalPotential, Is.LessThan(RandomThermalMachines.ChemicalPotentialFraction * lowest + 1e-12),
                    $"instance {m.Index} bath {bath.Party}");
                Assert.That(bath.ChemicalPotential, Is.GreaterThanOrEqualTo(RandomThermalMachines.ChemicalPotentialMin));
            }
        }
    }

    [Test]
    public void BathsAreWeakAndCouplingsArePositive()
    {
        foreach (var m in Machines)
            for (int n = 0; n < m.Description.Baths.Length; n++)
            {
                var bath = m.Description.Baths[n];
                double kappa = bath.SpectralDensity switch { FlatSpectralDensity f => f.Kappa, OhmicSpectralDensity o => o.Kappa, _ => double.NaN };
                Assert.That(kappa, Is.InRange(RandomThermalMachines.KappaMin, RandomThermalMachines.KappaMax));
                Assert.That(bath.Temperature, Is.EqualTo(0).Or.InRange(RandomThermalMachines.TemperatureMin, RandomThermalMachines.TemperatureMax));
                var k = Matrix<Complex>.Build.DenseOfArray(bath.Coupling);
                var values = k.Evd(Symmetricity.Hermitian).EigenValues.Select(e => e.Real).ToArray();
                Assert.That(values.Min(), Is.GreaterThan(-1e-12), $"instance {m.Index}: K must be positive semidefinite");
                Assert.That(k.Trace().Real, Is.EqualTo(k.RowCount).Within(1e-12), "K is normalised to Tr K = m");
                if (m.Couplings[n] == CouplingKind.Vector)
                    Assert.That(values.Count(v => v > 1e-12), Is.EqualTo(1), "a vector coupling has rank one");
            }
    }

    [Test]
    public void EveryInstanceHasAUniqueSteadyState()
    {
        foreach (var m in Machines)
        {
            var diagnostics = m.Model.Passive!.Diagnostics;
            Assert.That(diagnostics.UniqueSteadyState, Is.True, $"instance {m.Index}");
            Assert.That(diagnostics.MinEigenvalueEmissionMinusAbsorption, Is.GreaterThanOrEqualTo(RandomThermalMachines.MinimumDamping));
        }
    }

    [Test]
    public void EveryBranchOfTheGeneratorOccurs()
    {
        var baths = Machines.SelectMany(m => m.Description.Baths).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(baths.Count(b => b.Statistics == BathStatistics.Bose), Is.GreaterThan(baths.Length / 4));
            Assert.That(baths.Count(b => b.Statistics == BathStatistics.Fermi), Is.GreaterThan(baths.Length / 4));
            Assert.That(baths.Count(b => b.Temperature == 0), Is.GreaterThan(baths.Length / 10), "exactly zero temperature");
            Assert.That(baths.Count(b => b.SpectralDensity is FlatSpectralDensity), Is.GreaterThan(baths.Length / 4));
            Assert.That(baths.Count(b => b.SpectralDensity is OhmicSpectralDensity), Is.GreaterThan(baths.Length / 4));
            Assert.That(baths.Count(b => b.PositionLike), Is.GreaterThan(baths.Length / 10));
            var couplings = Machines.SelectMany(m => m.Couplings).ToArray();
            foreach (var kind in Enum.GetValues<CouplingKind>())
                Assert.That(couplings.Count(c => c == kind), Is.GreaterThan(couplings.Length / 6), kind.ToString());
            Assert.That(Machines.Count(m => m.Description.Approach == SecularApproach.Local), Is.GreaterThan(Sample / 4));
            Assert.That(Machines.Count(m => m.Description.Approach == SecularApproach.Global), Is.GreaterThan(Sample / 4));
            Assert.That(Machines.Count(m => m.Description.LambShift), Is.GreaterThan(0));
            Assert.That(Machines.All(m => !m.Description.LambShift || m.Description.Baths.All(b => b.SpectralDensity is OhmicSpectralDensity)));
        });
    }

    [Test]
    public void ModelIsBuiltByTheThermalMachineBuilder()
    {
        var m = Machines[0];
        var rebuilt = ThermalMachine.Build(m.Description);
        Assert.That(rebuilt.Hamiltonian, Is.EqualTo(m.Model.Hamiltonian));
        Assert.That(rebuilt.Jumps.Select(j => j.Operator), Is.EqualTo(m.Model.Jumps.Select(j => j.Operator)));
    }

    [Test]
    public void SingleModeCountIsHonoured()
    {
        var range = ModesRange.Parse("3");
        Assert.That(Enumerable.Range(0, 20).Select(k => RandomThermalMachines.Generate(5, k, range).Description.Modes), Has.All.EqualTo(3));
    }

    private static string Describe(GeneratedMachine m) =>
        string.Join(";", m.Description.Baths.Select(b => $"{b.Party} {b.Statistics} {b.Temperature:R} {b.ChemicalPotential:R} {b.SpectralDensity} {b.PositionLike}"))
        + $" {m.Description.Approach} {m.Description.LambShift} {string.Join(",", m.Description.Parties.Select(p => string.Join("+", p.Modes)))} {m.Redraws}";
}
