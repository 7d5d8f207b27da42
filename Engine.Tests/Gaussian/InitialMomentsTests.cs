using System.Collections.Immutable;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Tests.Gaussian;

public class InitialMomentsTests
{
    /// <summary>
    /// Truncated Fock sums at 60 levels for |α| ≤ 2 (tail population below 1e-20) and squeezing r ≤ 0.8 (tail below
    /// 1e-15): the reference is exact to round-off, ~1e-13 after summing tens of terms.
    /// </summary>
    private const double FockSumTolerance = 1e-11;

    private const int Levels = 60;

    [TestCase(0.0, 0.0)]
    [TestCase(1.2, -0.7)]
    public void CoherentState(double re, double im)
    {
        var alpha = new Complex(re, im);
        AssertOneMode(new CoherentState(alpha), FockReference.Coherent(alpha, Levels));
    }

    [TestCase(1.5, 0.0)]
    [TestCase(1.5, Math.PI)]
    [TestCase(1.5, Math.PI / 2)]
    [TestCase(0.6, 0.0)]
    [TestCase(0.6, Math.PI)]
    [TestCase(0.6, Math.PI / 2)]
    [TestCase(0.6, 2.0)]
    public void CatState(double alphaModulus, double phase)
    {
        var alpha = Complex.FromPolarCoordinates(alphaModulus, 0.4);
        var plus = FockReference.Coherent(alpha, Levels);
        var minus = FockReference.Coherent(-alpha, Levels);
        var psi = plus.Zip(minus, (p, m) => p + Complex.FromPolarCoordinates(1, phase) * m).ToArray();
        AssertOneMode(new CatState(alpha, phase), psi);
    }

    [Test]
    public void OddCatAtSmallAmplitudeIsASinglePhoton()
    {
        // |α⟩ − |−α⟩ ∝ |1⟩ + O(α³): ⟨a†a⟩ = x(1 + ε)/(1 − ε) with x = |α|², ε = e^{−2x}, = 1 + x²/3 + O(x³).
        // Evaluating 1 − ε naively would lose 6 digits at α = 1e-5 (1 − ε = 2e-10).
        const double alpha = 1e-5;
        var (mean, occupation, _) = InitialMoments.OfOneMode(new CatState(alpha, Math.PI));
        Assert.That(occupation, Is.EqualTo(1).Within(1e-14));
        // Math.PI differs from π by 1.2e-16; the odd cat's ⟨a⟩ = −iα sin φ ε/(1 + ε cos φ) amplifies that by 1/(2|α|²).
        Assert.That(mean.Magnitude, Is.LessThan(1e-10));
    }

    [Test]
    public void CatWithZeroNormIsRejected() =>
        Assert.That(() => InitialMoments.OfOneMode(new CatState(0, Math.PI)), Throws.ArgumentException.With.Message.Contains("zero norm"));

    [TestCase(0.5, 0.0)]
    [TestCase(0.8, 1.1)]
    public void SqueezedVacuum(double r, double angle) =>
        AssertOneMode(new SqueezedState(r, angle), FockReference.Squeezed(r, angle, 120));

    [TestCase(0)]
    [TestCase(4)]
    public void FockState(int n)
    {
        var psi = new Complex[Levels];
        psi[n] = 1;
        AssertOneMode(new FockState(n), psi);
    }

    [Test]
    public void ThermalStateOccupationIsTheBoseSum()
    {
        const double nbar = 0.8;
        double sum = Enumerable.Range(0, 400).Sum(n => n * Math.Pow(nbar, n) / Math.Pow(1 + nbar, n + 1));
        var (mean, occupation, pair) = InitialMoments.OfOneMode(new ThermalState(nbar));
        Assert.That(occupation, Is.EqualTo(sum).Within(FockSumTolerance));
        Assert.That(mean, Is.EqualTo(Complex.Zero));
        Assert.That(pair, Is.EqualTo(Complex.Zero));
    }

    [Test]
    public void ProductStateFactorisesCrossMoments()
    {
        var alpha = new Complex(0.9, 0.3);
        var beta = new Complex(-0.4, 1.1);
        var catKet = FockReference.Coherent(alpha, 30).Zip(FockReference.Coherent(-alpha, 30), (p, m) => p + Complex.ImaginaryOne * m).ToArray();
        var ket = FockReference.Product(catKet, FockReference.Coherent(beta, 30));
        var state = new ProductState([new CatState(alpha, Math.PI / 2), new CoherentState(beta)]);
        AssertTwoMode(InitialMoments.Of(state, 2), FockReference.TwoModeMoments(ket));
    }

    [Test]
    public void EntangledCatSuperposition()
    {
        // |α, α⟩ + |−α, −α⟩ and a three-component superposition with complex amplitudes.
        var alpha = new Complex(0.8, -0.5);
        var components = ImmutableArray.Create<(Complex, ImmutableArray<Complex>)>(
            (1, [alpha, alpha]), (1, [-alpha, -alpha]));
        AssertTwoMode(InitialMoments.Of(new CoherentSuperposition(components), 2), FockReference.TwoModeMoments(Superpose(components, 30)));

        var mixed = ImmutableArray.Create<(Complex, ImmutableArray<Complex>)>(
            (new Complex(0.5, 0.2), [new Complex(1.0, 0), new Complex(0, 0.5)]),
            (new Complex(-0.3, 0.6), [new Complex(-0.2, 0.7), new Complex(0.4, 0)]),
            (0.8, [new Complex(0, 0), new Complex(-1.0, -0.3)]));
        AssertTwoMode(InitialMoments.Of(new CoherentSuperposition(mixed), 2), FockReference.TwoModeMoments(Superpose(mixed, 30)));
    }

    [TestCase(0.3)]
    [TestCase(0.9)]
    public void TwoModeSqueezedVacuum(double r)
    {
        var ket = new Complex[80, 80];
        for (int n = 0; n < 80; n++) ket[n, n] = Math.Pow(Math.Tanh(r), n) / Math.Cosh(r);
        AssertTwoMode(InitialMoments.Of(new TwoModeSqueezedState(0, 1, r), 2), FockReference.TwoModeMoments(ket));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void NoonState(int n)
    {
        var ket = new Complex[n + 2, n + 2];
        ket[n, 0] = 1 / Math.Sqrt(2);
        ket[0, n] = 1 / Math.Sqrt(2);
        AssertTwoMode(InitialMoments.Of(new NoonState(0, 1, n), 2), FockReference.TwoModeMoments(ket));
    }

    [Test]
    public void MultiModeStatesLeaveOtherModesInVacuum()
    {
        var moments = InitialMoments.Of(new NoonState(2, 0, 1), 3);
        Assert.That(moments.AdaggerA[1, 1], Is.EqualTo(Complex.Zero));
        Assert.That(moments.AdaggerA[0, 2], Is.EqualTo(new Complex(0.5, 0)));
        Assert.That(() => InitialMoments.Of(new TwoModeSqueezedState(1, 1, 0.5), 3), Throws.ArgumentException);
    }

    private static Complex[,] Superpose(ImmutableArray<(Complex Amplitude, ImmutableArray<Complex> Alphas)> components, int levels)
    {
        var ket = new Complex[levels, levels];
        foreach (var (amplitude, alphas) in components)
        {
            var term = FockReference.Product(FockReference.Coherent(alphas[0], levels), FockReference.Coherent(alphas[1], levels));
            for (int i = 0; i < levels; i++)
                for (int j = 0; j < levels; j++) ket[i, j] += amplitude * term[i, j];
        }
        return ket;
    }

    private static void AssertOneMode(OneModeState state, Complex[] ket)
    {
        var expected = FockReference.Moments(ket);
        var actual = InitialMoments.OfOneMode(state);
        Assert.Multiple(() =>
        {
            Assert.That((actual.Mean - expected.Mean).Magnitude, Is.LessThan(FockSumTolerance), "⟨a⟩");
            Assert.That(actual.Occupation, Is.EqualTo(expected.Occupation).Within(FockSumTolerance), "⟨a†a⟩");
            Assert.That((actual.PairAmplitude - expected.PairAmplitude).Magnitude, Is.LessThan(FockSumTolerance), "⟨a²⟩");
        });
        var full = InitialMoments.Of(new ProductState([state]), 1);
        Assert.That(full.AdaggerA[0, 0].Real, Is.EqualTo(actual.Occupation));
    }

    private static void AssertTwoMode(LadderMoments actual, (Complex[] Mean, Complex[,] AdaggerA, Complex[,] AA) expected)
    {
        Assert.Multiple(() =>
        {
            for (int i = 0; i < 2; i++)
            {
                Assert.That((actual.Mean[i] - expected.Mean[i]).Magnitude, Is.LessThan(FockSumTolerance), $"⟨a_{i}⟩");
                for (int j = 0; j < 2; j++)
                {
                    Assert.That((actual.AdaggerA[i, j] - expected.AdaggerA[i, j]).Magnitude, Is.LessThan(FockSumTolerance), $"⟨a_{i}† a_{j}⟩");
                    Assert.That((actual.AA[i, j] - expected.AA[i, j]).Magnitude, Is.LessThan(FockSumTolerance), $"⟨a_{i} a_{j}⟩");
                }
            }
        });
    }
}
