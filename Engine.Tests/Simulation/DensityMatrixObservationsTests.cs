using System.Numerics;
using BosonicTrajectories.Analysis;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;
using BosonicTrajectories.Simulation;

namespace BosonicTrajectories.Tests.Simulation;

/// <summary>
/// <see cref="DensityMatrixObservations"/> reuses snapshot buffers once their rows are done: every row must still be
/// the analysis of the ρ observed at its time, and the snapshots kept for pictures must keep their own ρ.
/// </summary>
public class DensityMatrixObservationsTests
{
    [Test]
    public void RowsAndKeptSnapshotsAreThoseOfTheirOwnStatesWhenBuffersAreReused()
    {
        var space = new FockSpace(new PerModeTruncation([3, 4]), 2);
        var bipartition = new Bipartition(["A"], ["B"], [0], [1]);
        int[] kept = [2, 7];
        var states = Enumerable.Range(0, 12).Select(k => RandomState(space.Dimension, seed: 100 + k)).ToArray();

        using var observations = new DensityMatrixObservations(space, [bipartition], kept);
        for (int k = 0; k < states.Length; k++) observations.Observe(0.5 * k, states[k]);
        var series = observations.Series();

        Assert.That(series.Rows, Has.Count.EqualTo(states.Length));
        for (int k = 0; k < states.Length; k++)
        {
            var moments = DensityMatrixAnalysis.Moments(states[k], space);
            double[] expected =
            [
                0.5 * k,
                moments.AdaggerA[0, 0].Real,
                moments.AdaggerA[1, 1].Real,
                DensityMatrixEntanglement.Negativity(states[k], space, bipartition.ModesB).LogNegativity,
            ];
            Assert.That(series.Rows[k], Is.EqualTo(expected), $"row {k}");
        }
        Assert.That(observations.Snapshots.Select(s => s.Time), Is.EqualTo(kept.Select(k => 0.5 * k)));
        for (int s = 0; s < kept.Length; s++)
            Assert.That(observations.Snapshots[s].DensityMatrix, Is.EqualTo(states[kept[s]]), $"snapshot of output time {kept[s]}");
    }

    [Test]
    public void WithoutBipartitions_RowsAreThoseOfTheStateAtEachCall_FromOneOverwrittenBuffer()
    {
        // The integrator hands over one buffer that it overwrites after each call; without bipartitions the rows are
        // computed at once (and a kept snapshot is still a copy).
        var space = new FockSpace(new PerModeTruncation([3, 4]), 2);
        int[] kept = [4];
        var states = Enumerable.Range(0, 9).Select(k => RandomState(space.Dimension, seed: 200 + k)).ToArray();
        var buffer = new Complex[space.Dimension * space.Dimension];

        using var observations = new DensityMatrixObservations(space, [], kept);
        for (int k = 0; k < states.Length; k++)
        {
            states[k].CopyTo(buffer, 0);
            observations.Observe(0.25 * k, buffer);
            Array.Fill(buffer, new Complex(double.NaN, double.NaN));
        }
        var series = observations.Series();

        Assert.That(series.Columns, Is.EqualTo(new[] { "t", "n_0", "n_1" }));
        for (int k = 0; k < states.Length; k++)
        {
            var moments = DensityMatrixAnalysis.Moments(states[k], space);
            Assert.That(series.Rows[k], Is.EqualTo(new[] { 0.25 * k, moments.AdaggerA[0, 0].Real, moments.AdaggerA[1, 1].Real }), $"row {k}");
        }
        Assert.That(observations.Snapshots.Single().DensityMatrix, Is.EqualTo(states[4]));
    }

    /// <summary>ρ = A A† / tr(A A†) for a random complex A: Hermitian, positive, unit trace.</summary>
    private static Complex[] RandomState(int d, int seed)
    {
        var random = new Random(seed);
        var a = Enumerable.Range(0, d * d).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        var rho = new Complex[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                for (int k = 0; k < d; k++) rho[(i * d) + j] += a[(i * d) + k] * Complex.Conjugate(a[(j * d) + k]);
        Complex trace = Enumerable.Range(0, d).Aggregate(Complex.Zero, (sum, i) => sum + rho[(i * d) + i]);
        for (int i = 0; i < rho.Length; i++) rho[i] /= trace.Real;
        return rho;
    }
}
