using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Model.ThermalMachineFixtures;

namespace BosonicTrajectories.Tests.Model;

/// <summary>Rejected descriptions, extra terms and the model-kind dispatch.</summary>
public class ThermalMachineValidationTests
{
    private static readonly FlatSpectralDensity Flat = new(0.05);

    private static ThermalMachineDescription TwoModes(Complex[,]? h = null, BathDescription[]? baths = null, Party[]? parties = null) =>
        Machine(h ?? new Complex[,] { { 1.0, 0.1 }, { 0.1, 1.2 } }, parties ?? [Party("A", 0), Party("B", 1)],
            baths ?? [Bath("A", BathStatistics.Bose, 1.0, Flat, Identity(1))]);

    private static string Rejection(ThermalMachineDescription machine) =>
        Assert.Throws<ArgumentException>(() => ThermalMachine.Build(machine))!.Message;

    [Test]
    public void HamiltonianNotPositiveDefinite_IsRejected() =>
        Assert.That(Rejection(TwoModes(new Complex[,] { { 1.0, 2.0 }, { 2.0, 1.0 } })), Does.Contain("positive definite"));

    [Test]
    public void HamiltonianNotHermitian_IsRejected() =>
        Assert.That(Rejection(TwoModes(new Complex[,] { { 1.0, new(0, 0.1) }, { new(0, 0.1), 1.2 } })), Does.Contain("Hermitian"));

    [Test]
    public void PartiesNotPartitioningTheModes_AreRejected()
    {
        Assert.That(Rejection(TwoModes(parties: [Party("A", 0)])), Does.Contain("mode 1 belongs to no party"));
        Assert.That(Rejection(TwoModes(parties: [Party("A", 0, 1), Party("B", 1)])), Does.Contain("mode 1"));
    }

    [Test]
    public void BathOfUnknownParty_IsRejected() =>
        Assert.That(Rejection(TwoModes(baths: [Bath("C", BathStatistics.Bose, 1.0, Flat, Identity(1))])), Does.Contain("'C'"));

    [Test]
    public void CouplingNotPositiveSemidefinite_IsRejected() =>
        Assert.That(Rejection(TwoModes(baths: [Bath("A", BathStatistics.Bose, 1.0, Flat, new Complex[,] { { -1.0 } })])),
            Does.Contain("positive semidefinite").And.Contain("baths[0]"));

    [Test]
    public void CouplingOfWrongSize_IsRejected() =>
        Assert.That(Rejection(TwoModes(baths: [Bath("A", BathStatistics.Bose, 1.0, Flat, Identity(2))])), Does.Contain("1×1"));

    [Test]
    public void BoseChemicalPotentialAboveABohrFrequency_IsRejected()
    {
        // Global eigenvalues ≈ 0.96 and 1.24; μ = 1.0 exceeds the lower one.
        string message = Rejection(TwoModes(baths: [Bath("A", BathStatistics.Bose, 1.0, Flat, Identity(1), chemicalPotential: 1.0)]));
        Assert.That(message, Does.Contain("baths[0]").And.Contain("μ"));
    }

    [Test]
    public void ExtraTerms_AreAddedWithANote()
    {
        var squeezing = Polynomial.Single(0.01, new LadderOperator(0, true), new LadderOperator(1, true));
        var machine = TwoModes() with { ExtraTerms = squeezing + squeezing.Adjoint() };

        var model = ThermalMachine.Build(machine);

        Assert.That(model.Notes, Is.EqualTo(new[] { ThermalMachine.ExtraTermsNote }));
        Assert.That(model.Hamiltonian.Terms.Count(t => t.ExcitationChange != 0), Is.EqualTo(2));
        Assert.That(model.ConservesExcitations, Is.False);
    }

    [Test]
    public void PassiveMachine_HasNoNotes_AndConservesExcitations()
    {
        var model = ThermalMachine.Build(TwoModes());
        Assert.That(model.Notes, Is.Empty);
        Assert.That(model.ConservesExcitations, Is.True);
        Assert.That(model.IsQuadratic, Is.True);
    }

    [Test]
    public void ModelBuilder_DispatchesOnTheDescriptionKind()
    {
        var machine = TwoModes();
        var built = ModelBuilder.Build(machine);
        Assert.That(built.Passive, Is.Not.Null);
        AssertClose(built.Passive!.EmissionMatrix, ThermalMachine.Build(machine).Passive!.EmissionMatrix, 0.0, "E");

        var explicitModel = new OpenSystemModel(1, [Party("A", 0)], Polynomial.Zero,
            [new JumpOperator("loss", Polynomial.Single(0.1, new LadderOperator(0, false)))], null, ImmutableArray<string>.Empty);
        Assert.That(ModelBuilder.Build(new ExplicitLindbladDescription(explicitModel)), Is.SameAs(explicitModel));
    }
}
