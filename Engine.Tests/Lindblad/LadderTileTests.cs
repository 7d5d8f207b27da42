using BosonicTrajectories.Lindblad;

namespace BosonicTrajectories.Tests.Lindblad;

/// <summary>
/// The band kernels of <see cref="LadderTile"/> against the same arithmetic written lane by lane, for every lane count
/// from the narrowest band to several whole chunks, so that each way the columns are covered (whole chunks, the chunk
/// moved back over the last lanes, halves of a band narrower than one chunk) is checked bit for bit.
/// </summary>
public class LadderTileTests
{
    private const int Rows = 5;
    private const int MaxLanes = 72;
    private const int Stride = MaxLanes + 6;            // lanes from one row of a stream to the next
    private const int RecordWidth = 6;                  // a_i, then up to four row factors, one unused slot

    [TestCaseSource(nameof(Cases))]
    public void BandMatchesLaneByLaneArithmetic(int lanes, bool four)
    {
        var random = new Random(1000 + lanes + (four ? 1 : 0));
        double[] Fill(int n) => [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5)];
        double[] record = Fill(Rows * RecordWidth), diagonal = Fill(MaxLanes), x = Fill(Rows * Stride);
        double[][] sources = [.. Enumerable.Range(0, 4).Select(_ => Fill((Rows * Stride) + 8))];
        double[][] factors = [.. Enumerable.Range(0, 4).Select(_ => Fill(MaxLanes))];
        int[] positions = [2, 5, 1, 3];                 // record slot of each active jump (any order)
        int[] shifts = [0, 3, 6, 1];                    // each source's offset, so that the streams are not aligned alike
        var y = new double[Rows * Stride];
        Array.Fill(y, double.NaN);                      // every lane of the band must be written

        var tile = new LadderTile
        {
            Record = ref record[0],
            RecordWidth = RecordWidth,
            ColumnDiagonal = ref diagonal[0],
            Y = ref y[0],
            X = ref x[0],
            RowStride = Stride,
            Rows = Rows,
            Lanes = lanes,
            P0 = positions[0], S0 = ref factors[0][0], X0 = ref sources[0][shifts[0]], D0 = Stride,
            P1 = positions[1], S1 = ref factors[1][0], X1 = ref sources[1][shifts[1]], D1 = Stride,
            P2 = positions[2], S2 = ref factors[2][0], X2 = ref sources[2][shifts[2]], D2 = Stride,
            P3 = positions[3], S3 = ref factors[3][0], X3 = ref sources[3][shifts[3]], D3 = Stride,
        };
        LadderTile.Run(in tile, four);

        int active = four ? 4 : 2;
        for (int i = 0; i < Rows; i++)
        {
            for (int k = 0; k < Stride; k++)
            {
                double actual = y[(i * Stride) + k];
                if (k >= lanes)
                {
                    Assert.That(actual, Is.NaN, $"row {i}, lane {k} lies outside the band and must not be written");
                    continue;
                }
                double expected = (record[i * RecordWidth] + diagonal[k]) * x[(i * Stride) + k];
                for (int q = 0; q < active; q++)
                    expected = Math.FusedMultiplyAdd(factors[q][k] * record[(i * RecordWidth) + positions[q]], sources[q][shifts[q] + (i * Stride) + k], expected);
                Assert.That(BitConverter.DoubleToInt64Bits(actual), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)),
                    $"row {i}, lane {k} of {lanes}: {actual:R} against {expected:R}");
            }
        }
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        for (int lanes = LadderTile.MinimumLanes; lanes <= MaxLanes; lanes += 2)
        {
            yield return new TestCaseData(lanes, true).SetName($"Band_{lanes}Lanes_FourJumps");
            yield return new TestCaseData(lanes, false).SetName($"Band_{lanes}Lanes_TwoJumps");
        }
    }
}
