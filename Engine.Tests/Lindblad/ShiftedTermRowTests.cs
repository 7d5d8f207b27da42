using System.Numerics;
using BosonicTrajectories.Lindblad;

namespace BosonicTrajectories.Tests.Lindblad;

/// <summary>
/// The row kernel of <see cref="ShiftedTerms"/>: the vector path against the entry-by-entry path bit for bit, and both
/// against the complex sum they stand for, for every even lane count from the narrowest vector row to several whole
/// chunks (whole chunks, the chunk moved back over the last lanes, an 8-lane chunk after 16-lane ones).
/// </summary>
public class ShiftedTermRowTests
{
    private const int MaxLanes = 72;

    private static IEnumerable<TestCaseData> Cases() =>
        Enumerable.Range(ShiftedTermRow.MinimumLanes / 2, (MaxLanes / 2) - (ShiftedTermRow.MinimumLanes / 2) + 1).Select(c => new TestCaseData(2 * c));

    [TestCaseSource(nameof(Cases))]
    public void VectorRowMatchesEntryByEntryAndTheComplexSum(int lanes)
    {
        var random = new Random(77 + lanes);
        double Next() => random.NextDouble() - 0.5;
        int columns = lanes / 2;
        double[] x = [.. Enumerable.Range(0, lanes).Select(_ => Next())];
        double[] rho = [.. Enumerable.Range(0, 6 * (MaxLanes + 8)).Select(_ => Next())];
        // Column weights: real, the same on both lanes of a column; the first and last columns of one term have none.
        double[] factors = [.. Enumerable.Range(0, 3 * MaxLanes / 2).SelectMany(_ => { double v = Next(); return new[] { v, v }; })];
        factors[MaxLanes] = factors[MaxLanes + 1] = 0;
        factors[MaxLanes + lanes - 2] = factors[MaxLanes + lanes - 1] = 0;
        double[] gRe = [.. Enumerable.Range(0, columns).SelectMany(_ => { double v = Next(); return new[] { v, v }; })];
        double[] gIm = [.. Enumerable.Range(0, columns).SelectMany(_ => { double v = Next(); return new[] { v, v }; })];
        double aRe = Next(), aIm = Next();
        RowTerm[] rowOnly = [Term(3, random, -1), Term(MaxLanes + 11, random, -1)];
        RowTerm[] general = [Term(2 * (MaxLanes + 8), random, 0), Term(3 * (MaxLanes + 8) + 5, random, MaxLanes), Term(5 * (MaxLanes + 8), random, 2 * MaxLanes - 8)];

        var vector = new double[lanes + 2];
        var byEntry = new double[lanes + 2];
        vector[^2] = vector[^1] = byEntry[^2] = byEntry[^1] = double.NaN;    // lanes past the row must not be written
        ShiftedTermRow.Run(ref x[0], ref vector[0], ref rho[0], ref factors[0], ref gRe[0], ref gIm[0], aRe, aIm, rowOnly, general, lanes);
        ShiftedTermRow.RunByEntry(ref x[0], ref byEntry[0], ref rho[0], ref factors[0], ref gRe[0], ref gIm[0], aRe, aIm, rowOnly, general, lanes);

        Assert.That(vector, Is.EqualTo(byEntry), "the two paths do the same arithmetic in the same order");
        Assert.That(double.IsNaN(vector[^1]) && double.IsNaN(vector[^2]), Is.True);
        for (int j = 0; j < columns; j++)
        {
            Complex expected = (new Complex(aRe, aIm) + new Complex(gRe[2 * j], gIm[2 * j])) * new Complex(x[2 * j], x[(2 * j) + 1]);
            foreach (var t in rowOnly)
                expected += new Complex(t.Re, t.Im) * new Complex(rho[t.Source + (2 * j)], rho[t.Source + (2 * j) + 1]);
            foreach (var t in general)
                expected += new Complex(t.Re, t.Im) * factors[t.Factor + (2 * j)] * new Complex(rho[t.Source + (2 * j)], rho[t.Source + (2 * j) + 1]);
            var actual = new Complex(vector[2 * j], vector[(2 * j) + 1]);
            Assert.That((actual - expected).Magnitude, Is.LessThan(1e-14), $"column {j}");
        }
    }

    private static RowTerm Term(int source, Random random, int factor) =>
        new() { Source = source, Re = random.NextDouble() - 0.5, Im = random.NextDouble() - 0.5, Factor = factor };
}
