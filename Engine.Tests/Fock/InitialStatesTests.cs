using System.Collections.Immutable;
using System.Numerics;
using System.Text.RegularExpressions;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Fock;

public class InitialStatesTests
{
    /// <summary>The cutoffs below leave tails ≤ 1e-13 of the states, so closed forms hold to rounding level.</summary>
    private const double ClosedFormTolerance = 1e-9;

    private static FockSpace PerMode(params int[] levels) => new(new PerModeTruncation([.. levels]), levels.Length);

    private static ProductState Product(params OneModeState[] factors) => new([.. factors]);

    /// <summary>Tr(ρ O) = Σ_k p_k ⟨ψ_k|O|ψ_k⟩.</summary>
    private static Complex Expectation(InitialFockState state, SparseMatrix op) =>
        state.Components.Aggregate(Complex.Zero, (sum, c) => sum + (c.Probability * SparseKernels.Expectation(op, c.Vector.AsSpan())));

    private static double MeanOccupation(InitialFockState state, int mode) => Expectation(state, FockOperators.Number(state.Space, mode)).Real;

    private static void AssertNormalised(InitialFockState state)
    {
        Assert.That(state.Components.Sum(c => c.Probability), Is.EqualTo(1).Within(1e-14));
        foreach (var component in state.Components)
            Assert.That(ComplexSpan.NormSquared(component.Vector.AsSpan()), Is.EqualTo(1).Within(1e-14));
        if (state.Space.Dimension > 400) return;   // keep the dense ρ small
        var rho = state.ToDensityMatrix();
        Assert.That(DenseMatrixKernels.Trace(rho).Real, Is.EqualTo(1).Within(1e-13));
    }

    [Test]
    public void VacuumAndFockStatesAreBasisVectors()
    {
        var space = PerMode(5, 4);
        var state = InitialStates.Build(space, Product(new FockState(3), new VacuumState()));
        Assert.That(state.IsPure, Is.True);
        Assert.That(state.PureState[space.IndexOf([3, 0])], Is.EqualTo(Complex.One));
        Assert.That(state.TruncatedNorm, Is.EqualTo(1));
        AssertNormalised(state);
    }

    [TestCase(1.5, 0.0)]
    [TestCase(0.7, 2.1)]
    public void CoherentStateHasMeanAlphaAndOccupationModulusSquared(double modulus, double phase)
    {
        var alpha = Complex.FromPolarCoordinates(modulus, phase);
        var space = PerMode(40);
        var state = InitialStates.Build(space, Product(new CoherentState(alpha)));
        AssertNormalised(state);
        Assert.That(Complex.Abs(Expectation(state, FockOperators.Annihilation(space, 0)) - alpha), Is.LessThan(ClosedFormTolerance));
        Assert.That(MeanOccupation(state, 0), Is.EqualTo(modulus * modulus).Within(ClosedFormTolerance));
    }

    [Test]
    public void LargeCoherentAmplitudeStaysFinite()
    {
        // |α|² = 400: α^n/√n! overflows without log space; the state needs ~ 400 + 6·20 levels.
        var space = PerMode(560);
        var state = InitialStates.Build(space, Product(new CoherentState(20)));
        Assert.That(MeanOccupation(state, 0), Is.EqualTo(400).Within(1e-7));
    }

    [TestCase(2.0, 0.0, 0.0)]
    [TestCase(1.3, 0.4, Math.PI)]
    [TestCase(0.9, -0.8, Math.PI / 2)]
    [TestCase(0.05, 0.0, Math.PI)]
    public void CatOccupationMatchesClosedForm(double re, double im, double phase)
    {
        // ⟨n⟩ = |α|² (1 − cos φ e^{−2|α|²}) / (1 + cos φ e^{−2|α|²}): tanh|α|² for even, coth|α|² for odd cats.
        var alpha = new Complex(re, im);
        double m2 = alpha.Magnitude * alpha.Magnitude;
        double overlap = Math.Cos(phase) * Math.Exp(-2 * m2);
        double expected = m2 * (1 - overlap) / (1 + overlap);
        if (phase == 0) Assert.That(expected, Is.EqualTo(m2 * Math.Tanh(m2)).Within(1e-14));
        var space = PerMode(40);
        var state = InitialStates.Build(space, Product(new CatState(alpha, phase)));
        AssertNormalised(state);
        Assert.That(state.TruncatedNorm, Is.EqualTo(1).Within(1e-12), "the full-space normalisation is right");
        Assert.That(MeanOccupation(state, 0), Is.EqualTo(expected).Within(ClosedFormTolerance));
    }

    [Test]
    public void OddCatAtSmallAlphaIsNearlyTheOnePhotonState()
    {
        var state = InitialStates.Build(PerMode(10), Product(new CatState(1e-4, Math.PI)));
        Assert.That(state.TruncatedNorm, Is.EqualTo(1).Within(1e-12));
        Assert.That(state.PureState[1].Magnitude, Is.EqualTo(1).Within(1e-8));
    }

    [TestCase(0.5, 0.0)]
    [TestCase(0.8, 1.2)]
    public void SqueezedVacuumMatchesClosedForms(double r, double theta)
    {
        var space = PerMode(120);
        var state = InitialStates.Build(space, Product(new SqueezedState(r, theta)));
        AssertNormalised(state);
        Assert.That(MeanOccupation(state, 0), Is.EqualTo(Math.Sinh(r) * Math.Sinh(r)).Within(ClosedFormTolerance));
        // S†aS = a cosh r − a† e^{iθ} sinh r ⇒ ⟨a²⟩ = −e^{iθ} sinh r cosh r.
        var a = FockOperators.Annihilation(space, 0);
        var expected = -Complex.FromPolarCoordinates(Math.Sinh(r) * Math.Cosh(r), theta);
        Assert.That(Complex.Abs(Expectation(state, a * a) - expected), Is.LessThan(ClosedFormTolerance));
    }

    [Test]
    public void ThermalProductIsAnOrthogonalMixture()
    {
        var space = PerMode(30, 20);
        var state = InitialStates.Build(space, Product(new ThermalState(0.5), new CoherentState(new Complex(0.3, 1.0))));
        Assert.That(state.IsPure, Is.False);
        Assert.That(state.Components, Has.Length.EqualTo(30));
        AssertNormalised(state);
        Assert.That(MeanOccupation(state, 0), Is.EqualTo(0.5).Within(ClosedFormTolerance));
        Assert.That(MeanOccupation(state, 1), Is.EqualTo(1.09).Within(ClosedFormTolerance));
        for (int k = 1; k < state.Components.Length; k++)
            Assert.That(ComplexSpan.Dot(state.Components[0].Vector.AsSpan(), state.Components[k].Vector.AsSpan()).Magnitude, Is.LessThan(1e-15));
        Assert.That(state.Components[0].Probability, Is.EqualTo(2.0 / 3).Within(1e-12));   // p_0 = 1/(1 + n̄)
    }

    [Test]
    public void ThermalStateOnTotalExcitationSpace()
    {
        var space = new FockSpace(new TotalExcitationTruncation(40), 2);
        var state = InitialStates.Build(space, Product(new ThermalState(0.8), new FockState(2)));
        AssertNormalised(state);
        Assert.That(MeanOccupation(state, 0), Is.EqualTo(0.8).Within(ClosedFormTolerance));
        Assert.That(MeanOccupation(state, 1), Is.EqualTo(2).Within(ClosedFormTolerance));
    }

    [Test]
    public void TwoModeSqueezedVacuumMatchesClosedForms()
    {
        const double r = 0.5;
        var space = PerMode(30, 28, 2);
        var state = InitialStates.Build(space, new TwoModeSqueezedState(0, 1, r));
        AssertNormalised(state);
        Assert.That(MeanOccupation(state, 0), Is.EqualTo(Math.Sinh(r) * Math.Sinh(r)).Within(ClosedFormTolerance));
        Assert.That(MeanOccupation(state, 1), Is.EqualTo(Math.Sinh(r) * Math.Sinh(r)).Within(ClosedFormTolerance));
        Assert.That(MeanOccupation(state, 2), Is.Zero);
        var ab = FockOperators.Annihilation(space, 0) * FockOperators.Annihilation(space, 1);
        Assert.That(Complex.Abs(Expectation(state, ab) - (Math.Sinh(r) * Math.Cosh(r))), Is.LessThan(ClosedFormTolerance));
    }

    [Test]
    public void NoonStateSplitsItsPhotons()
    {
        var space = new FockSpace(new TotalExcitationTruncation(3), 2);
        var state = InitialStates.Build(space, new NoonState(1, 0, 3));
        AssertNormalised(state);
        Assert.That(MeanOccupation(state, 0), Is.EqualTo(1.5).Within(1e-14));
        Assert.That(state.PureState[space.IndexOf([3, 0])].Real, Is.EqualTo(Math.Sqrt(0.5)).Within(1e-15));
    }

    [Test]
    public void EntangledCatSuperpositionUsesFullSpaceOverlaps()
    {
        // |α,α⟩ + |−α,−α⟩: 𝒩 = 2(1 + e^{−4|α|²}), ⟨n_0⟩ = |α|² tanh(2|α|²).
        const double alpha = 0.6;
        var space = PerMode(30, 30);
        var description = new CoherentSuperposition([
            (Complex.One, [alpha, alpha]),
            (Complex.One, [-alpha, -alpha])]);
        var state = InitialStates.Build(space, description);
        Assert.That(state.TruncatedNorm, Is.EqualTo(1).Within(1e-12));
        Assert.That(MeanOccupation(state, 1), Is.EqualTo(alpha * alpha * Math.Tanh(2 * alpha * alpha)).Within(ClosedFormTolerance));
    }

    [Test]
    public void TooSmallPerModeCutoffNamesTheFactorAndAWorkingCutoff()
    {
        var description = Product(new CatState(2, 0), new VacuumState());
        var error = Assert.Throws<ConfigException>(() => InitialStates.Build(PerMode(8, 4), description))!;
        TestContext.Out.WriteLine(error.Message);
        Assert.That(error.Errors, Has.Count.EqualTo(1));
        Assert.That(error.Errors[0].Path, Is.EqualTo("initialState.product[0]"));
        Assert.That(error.Message, Does.Contain("initialState.product[0]").And.Contain("truncation.perMode[0] = 8").And.Contain("cat alpha=2"));
        int suggested = int.Parse(Regex.Match(error.Message, @"perMode\[0\] ≥ (\d+)").Groups[1].Value);
        var state = InitialStates.Build(PerMode(suggested, 4), description);
        Assert.That(state.TruncatedNorm, Is.GreaterThanOrEqualTo(1 - InitialStates.NormTolerance));
        Assert.Throws<ConfigException>(() => InitialStates.Build(PerMode(suggested - 1, 4), description), "the suggestion is the smallest");
    }

    [Test]
    public void TwoFailingFactorsGetSuggestionsThatWorkTogether()
    {
        var description = Product(new CoherentState(1.5), new SqueezedState(0.6, 0));
        var error = Assert.Throws<ConfigException>(() => InitialStates.Build(new FockSpace(new PerModeTruncation([6]), 2), description))!;
        TestContext.Out.WriteLine(error.Message);
        Assert.That(error.Errors.Select(e => e.Path), Is.EqualTo(new[] { "initialState.product[0]", "initialState.product[1]" }));
        int[] suggested = [.. error.Errors.Select(e => int.Parse(Regex.Match(e.Message, @"perMode ≥ (\d+)").Groups[1].Value))];
        Assert.DoesNotThrow(() => InitialStates.Build(PerMode(suggested), description));
    }

    [Test]
    public void TooSmallTotalExcitationCutoffSuggestsTheSmallestWorkingBound()
    {
        var description = Product(new CoherentState(1.2), new ThermalState(0.3));
        var error = Assert.Throws<ConfigException>(() => InitialStates.Build(new FockSpace(new TotalExcitationTruncation(5), 2), description))!;
        TestContext.Out.WriteLine(error.Message);
        Assert.That(error.Message, Does.Contain("truncation.totalExcitations = 5"));
        int suggested = int.Parse(Regex.Match(error.Message, @"totalExcitations ≥ (\d+)").Groups[1].Value);
        Assert.DoesNotThrow(() => InitialStates.Build(new FockSpace(new TotalExcitationTruncation(suggested), 2), description));
        Assert.Throws<ConfigException>(() => InitialStates.Build(new FockSpace(new TotalExcitationTruncation(suggested - 1), 2), description));
    }

    [Test]
    public void TooSmallCutoffForMultiModeStateSuggestsUniformLevels()
    {
        var description = new TwoModeSqueezedState(0, 1, 0.9);
        var error = Assert.Throws<ConfigException>(() => InitialStates.Build(PerMode(10, 8), description))!;
        TestContext.Out.WriteLine(error.Message);
        Assert.That(error.Errors[0].Path, Is.EqualTo("initialState"));
        Assert.That(error.Message, Does.Contain("truncation.perMode = [10, 8]").And.Contain("twoModeSqueezed"));
        int suggested = int.Parse(Regex.Match(error.Message, @"perMode ≥ (\d+)").Groups[1].Value);
        Assert.DoesNotThrow(() => InitialStates.Build(PerMode(suggested, suggested), description));
        Assert.Throws<ConfigException>(() => InitialStates.Build(PerMode(suggested - 1, suggested - 1), description));

        var totalError = Assert.Throws<ConfigException>(() => InitialStates.Build(new FockSpace(new TotalExcitationTruncation(10), 2), description))!;
        int total = int.Parse(Regex.Match(totalError.Message, @"totalExcitations ≥ (\d+)").Groups[1].Value);
        Assert.DoesNotThrow(() => InitialStates.Build(new FockSpace(new TotalExcitationTruncation(total), 2), description));
    }

    [Test]
    public void InvalidDescriptionsNameTheirPath()
    {
        var space = PerMode(5, 5);
        Assert.That(Assert.Throws<ConfigException>(() => InitialStates.Build(space, Product(new VacuumState())))!.Errors[0].Path, Is.EqualTo("initialState.product"));
        Assert.That(Assert.Throws<ConfigException>(() => InitialStates.Build(space, Product(new VacuumState(), new CatState(0, Math.PI))))!.Errors[0].Path, Is.EqualTo("initialState.product[1]"));
        Assert.That(Assert.Throws<ConfigException>(() => InitialStates.Build(space, new NoonState(0, 0, 2)))!.Errors[0].Path, Is.EqualTo("initialState.noon.modes"));
        var cancelling = new CoherentSuperposition([(Complex.One, ImmutableArray.Create<Complex>(0.5, 0)), (-Complex.One, ImmutableArray.Create<Complex>(0.5, 0))]);
        Assert.That(Assert.Throws<ConfigException>(() => InitialStates.Build(space, cancelling))!.Errors[0].Path, Is.EqualTo("initialState.superposition"));
    }
}
