using System.Numerics;
using BosonicTrajectories.Model;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>
/// O_I(t) x against its definition, entry by entry: (O_I(t))_rc = O_rc e^{iω·(n(r) − n(c)) t}, for operators whose
/// entries lie on a few diagonals (one mode's drive, the diagonal-stretch layout) and for scattered ones (the CSR path).
/// </summary>
public class InteractionPictureOperatorTests
{
    /// <summary>Sums of a few products of O(1) numbers: round-off only.</summary>
    private const double Tolerance = 1e-12;

    [Test]
    public void OneModeDriveMatchesTheDefinition()
    {
        var space = new FockSpace(new PerModeTruncation([12]), 1);
        var a = FockOperators.Annihilation(space, 0);
        var n = FockOperators.Number(space, 0);
        // 0.3 n + 0.025 n(n−1)-like diagonal, a complex drive on both off-diagonals, and −i/2 decay.
        var o = n.Scale(0.3).Add(n.Multiply(n), 0.025).Add(a, new Complex(2, 0.5)).Add(a.Adjoint(), new Complex(2, -0.5))
            .Add(n, new Complex(0, -0.6));
        AssertMatchesDefinition(o, space, [0.7], diagonalStretches: true);
    }

    [Test]
    public void TwoModeHoppingMatchesTheDefinition()
    {
        var space = new FockSpace(new PerModeTruncation([5, 4]), 2);
        var a0 = FockOperators.Annihilation(space, 0);
        var a1 = FockOperators.Annihilation(space, 1);
        var o = a0.Adjoint().Multiply(a1).Add(a1.Adjoint().Multiply(a0), new Complex(0.1, 0.2)).Add(a0, 0.4).Add(a1.Adjoint(), new Complex(0, 0.3))
            .Add(FockOperators.Number(space, 1), 1.3);
        AssertMatchesDefinition(o, space, [1.0, 1.2], diagonalStretches: true);
    }

    [Test]
    public void ScatteredEntriesMatchTheDefinition()
    {
        // A random pattern: far more diagonals than entries, so the operator keeps the row-by-row layout.
        var space = new FockSpace(new PerModeTruncation([30]), 1);
        var random = new Random(5);
        var triplets = Enumerable.Range(0, 40)
            .Select(_ => (random.Next(30), random.Next(30), new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)))
            .DistinctBy(t => (t.Item1, t.Item2));
        AssertMatchesDefinition(SparseMatrix.FromTriplets(30, triplets), space, [0.45], diagonalStretches: false);
    }

    private static void AssertMatchesDefinition(SparseMatrix o, FockSpace space, double[] frequencies, bool diagonalStretches)
    {
        var op = InteractionPictureOperator.WithModeFrequencies(o, space, frequencies);
        Assert.That(op.IsTimeIndependent, Is.False);
        Assert.That(op.UsesDiagonalStretches, Is.EqualTo(diagonalStretches), "layout");
        int d = space.Dimension;
        var random = new Random(3);
        var x = Enumerable.Range(0, d).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        var phases = new Complex[op.PhaseBufferLength];
        var y = new Complex[d];
        foreach (double t in new[] { 0.0, 0.37, 5.1 })
        {
            op.ComputePhases(t, phases);
            y.AsSpan().Fill(new Complex(99, 99));   // stale contents must not leak into the product
            op.Multiply(phases, x, y);
            for (int r = 0; r < d; r++)
            {
                Complex expected = 0;
                for (int c = 0; c < d; c++)
                {
                    double change = 0;
                    for (int i = 0; i < space.Modes; i++) change += frequencies[i] * (space.Occupation(r, i) - space.Occupation(c, i));
                    expected += o[r, c] * Complex.FromPolarCoordinates(1, change * t) * x[c];
                }
                Assert.That(Complex.Abs(y[r] - expected), Is.LessThan(Tolerance), $"t = {t}, row {r}");
            }
        }
    }
}
