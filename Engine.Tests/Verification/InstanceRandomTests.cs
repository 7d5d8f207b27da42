using BosonicTrajectories.Verification;

namespace BosonicTrajectories.Tests.Verification;

public class InstanceRandomTests
{
    private const int Draws = 100_000;

    /// <summary>4σ band for the mean of <see cref="Draws"/> uniforms on [0, 1): σ = 1/√(12 N).</summary>
    private static readonly double UniformMeanBand = 4 / Math.Sqrt(12.0 * Draws);

    /// <summary>4σ band for the sample variance of standard normals: σ(s²) ≈ √(2/N).</summary>
    private static readonly double NormalVarianceBand = 4 * Math.Sqrt(2.0 / Draws);

    [Test]
    public void SameKeyGivesTheSameStream()
    {
        var a = new InstanceRandom(42, 7);
        var b = new InstanceRandom(42, 7);
        for (int i = 0; i < 1000; i++) Assert.That(a.NextUInt64(), Is.EqualTo(b.NextUInt64()));
    }

    [Test]
    public void NeighbouringKeysGiveUnrelatedStreams()
    {
        var x = Enumerable.Range(0, 8).Select(i => new InstanceRandom(42, i).NextUInt64()).ToArray();
        var y = new InstanceRandom(43, 0).NextUInt64();
        Assert.That(x.Distinct().Count(), Is.EqualTo(8));
        Assert.That(x, Does.Not.Contain(y));
        // Consecutive indices must not give correlated first draws: about half the bits differ.
        int differing = System.Numerics.BitOperations.PopCount(x[0] ^ x[1]);
        Assert.That(differing, Is.InRange(16, 48));
    }

    [Test]
    public void UniformHasTheRightMeanAndRange()
    {
        var r = new InstanceRandom(1, 0);
        double sum = 0, min = 1, max = 0;
        for (int i = 0; i < Draws; i++)
        {
            double u = r.NextDouble();
            sum += u;
            min = Math.Min(min, u);
            max = Math.Max(max, u);
        }
        Assert.That(sum / Draws, Is.EqualTo(0.5).Within(UniformMeanBand));
        Assert.That(min, Is.GreaterThanOrEqualTo(0));
        Assert.That(max, Is.LessThan(1));
    }

    [Test]
    public void GaussianHasUnitVariance()
    {
        var r = new InstanceRandom(3, 1);
        double sum = 0, squares = 0;
        for (int i = 0; i < Draws; i++)
        {
            double g = r.Gaussian();
            sum += g;
            squares += g * g;
        }
        double mean = sum / Draws;
        Assert.That(mean, Is.EqualTo(0).Within(4 / Math.Sqrt(Draws)));
        Assert.That((squares / Draws) - (mean * mean), Is.EqualTo(1).Within(NormalVarianceBand));
    }

    [Test]
    public void IntegerCoversItsRangeEvenly()
    {
        var r = new InstanceRandom(5, 2);
        var counts = new int[5];
        for (int i = 0; i < Draws; i++) counts[r.Integer(2, 6) - 2]++;
        // Each count is binomial(N, 1/5): σ = √(N·0.16) ≈ 126; 4σ band.
        double band = 4 * Math.Sqrt(Draws * 0.2 * 0.8);
        Assert.That(counts, Has.All.InRange((Draws / 5) - band, (Draws / 5) + band));
        Assert.That(() => r.Integer(3, 2), Throws.ArgumentException);
    }

    [Test]
    public void ShuffleIsAPermutation()
    {
        var r = new InstanceRandom(9, 9);
        int[] items = [.. Enumerable.Range(0, 50)];
        r.Shuffle(items);
        Assert.That(items.Order(), Is.EqualTo(Enumerable.Range(0, 50)));
        Assert.That(items, Is.Not.EqualTo(Enumerable.Range(0, 50)));
    }
}
