using System.Numerics;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Tests.Kernels;

public class LocalCsrKernelsTests
{
    /// <summary>Sums of a handful of products of O(1) numbers: rounding only.</summary>
    private const double RoundingTolerance = 1e-13;

    /// <summary>Row counts × widths, including odd widths (scalar tails) and a width past one vector.</summary>
    private static readonly int[][] Shapes = [[1, 1], [3, 2], [4, 5], [7, 9], [2, 16]];

    private static Complex[] RandomVector(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5))];

    /// <summary>A random operator A (rows × columns, dense row-major) with about half its entries zero, and its CSR.</summary>
    private static (Complex[] Dense, int[] RowPointers, int[] Columns, Complex[] Values) RandomOperator(Random random, int rows, int columns)
    {
        var dense = new Complex[rows * columns];
        var pointers = new int[rows + 1];
        var cols = new List<int>();
        var values = new List<Complex>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                if (random.NextDouble() < 0.5) continue;
                dense[(r * columns) + c] = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
                cols.Add(c);
                values.Add(dense[(r * columns) + c]);
            }
            pointers[r + 1] = cols.Count;
        }
        return (dense, pointers, [.. cols], [.. values]);
    }

    private static double MaxDifference(Complex[] x, Complex[] y) => x.Zip(y, (u, v) => Complex.Abs(u - v)).DefaultIfEmpty(0).Max();

    [TestCaseSource(nameof(Shapes))]
    public void BlockProductMatchesTheDenseProductOnSelectedRows(int rows, int width)
    {
        var random = new Random((rows * 31) + width);
        int sourceRows = rows + 2, operatorRows = rows + 3;
        var (a, pointers, columns, values) = RandomOperator(random, operatorRows, sourceRows);
        var x = RandomVector(random, sourceRows * (width + 1));      // stride width + 1: the last column is not used
        int[] selected = [.. Enumerable.Range(0, rows).Select(i => operatorRows - 1 - i)];
        var y = RandomVector(random, rows * (width + 2));
        var expected = (Complex[])y.Clone();
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < width; j++)
                for (int q = 0; q < sourceRows; q++) expected[(i * (width + 2)) + j] += a[(selected[i] * sourceRows) + q] * x[(q * (width + 1)) + j];

        LocalCsrKernels.AddBlockProduct(pointers, columns, values, selected, x, width + 1, y, width + 2, width);
        Assert.That(MaxDifference(y, expected), Is.LessThan(RoundingTolerance));

        var row = RandomVector(random, width);
        var expectedRow = (Complex[])row.Clone();
        int r0 = selected[0];
        for (int j = 0; j < width; j++)
            for (int q = 0; q < sourceRows; q++) expectedRow[j] += a[(r0 * sourceRows) + q] * x[(q * (width + 1)) + j];
        LocalCsrKernels.AddRowCombination(values, columns, pointers[r0], pointers[r0 + 1], x, width + 1, row);
        Assert.That(MaxDifference(row, expectedRow), Is.LessThan(RoundingTolerance));
    }

    [TestCaseSource(nameof(Shapes))]
    public void BlockTimesAdjointMatchesTheDenseProductByGatherAndByRuns(int rows, int width)
    {
        var random = new Random((rows * 17) + width);
        int operatorRows = width + 2, sourceColumns = width + 1;
        var (a, pointers, columns, values) = RandomOperator(random, operatorRows, sourceColumns);
        var x = RandomVector(random, rows * sourceColumns);
        int[] selected = [.. Enumerable.Range(0, width).Select(j => (j + 2) % operatorRows)];
        var y = RandomVector(random, rows * width);
        var expected = (Complex[])y.Clone();
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < width; j++)
                for (int q = 0; q < sourceColumns; q++)
                    expected[(i * width) + j] += x[(i * sourceColumns) + q] * Complex.Conjugate(a[(selected[j] * sourceColumns) + q]);

        var gathered = (Complex[])y.Clone();
        LocalCsrKernels.AddBlockTimesAdjoint(x, sourceColumns, rows, pointers, columns, values, selected, gathered);
        Assert.That(MaxDifference(gathered, expected), Is.LessThan(RoundingTolerance));

        var single = y.AsSpan(0, width).ToArray();
        LocalCsrKernels.AddRowTimesAdjoint(x.AsSpan(0, sourceColumns), pointers, columns, values, selected, single);
        Assert.That(MaxDifference(single, expected[..width]), Is.LessThan(RoundingTolerance));

        // The same operator as runs of length one (one per stored entry of the selected rows).
        var starts = new List<int>();
        var offsets = new List<int>();
        var runValues = new List<Complex>();
        for (int j = 0; j < width; j++)
        {
            for (int p = pointers[selected[j]]; p < pointers[selected[j] + 1]; p++)
            {
                starts.Add(j);
                offsets.Add(columns[p] - j);
                runValues.Add(values[p]);
            }
        }
        var byRuns = (Complex[])y.Clone();
        LocalCsrKernels.AddBlockTimesAdjointByRuns(x, sourceColumns, rows, [.. starts], [.. starts.Select(_ => 1)], [.. offsets],
            [.. Enumerable.Range(0, starts.Count)], [.. runValues], byRuns, width);
        Assert.That(MaxDifference(byRuns, expected), Is.LessThan(RoundingTolerance));
    }

    [Test]
    public void LongRunsMatchTheElementwiseConjugateProduct()
    {
        var random = new Random(5);
        const int rows = 3, width = 11, stride = 13;
        var x = RandomVector(random, rows * stride);
        var values = RandomVector(random, 9);
        var y = RandomVector(random, rows * width);
        var expected = (Complex[])y.Clone();
        // One run: output columns [1, 10) from source columns [3, 12), values[0..9).
        for (int i = 0; i < rows; i++)
            for (int c = 1; c < 10; c++) expected[(i * width) + c] += x[(i * stride) + c + 2] * Complex.Conjugate(values[c - 1]);
        LocalCsrKernels.AddBlockTimesAdjointByRuns(x, stride, rows, [1], [9], [2], [0], values, y, width);
        Assert.That(MaxDifference(y, expected), Is.LessThan(RoundingTolerance));
    }

    [Test]
    public void IndicesOutsideTheBlockAreRejected()
    {
        int[] pointers = [0, 1, 2];
        int[] columns = [0, 3];
        Complex[] values = [1, 2];
        var x = new Complex[6];     // 2 rows of stride 3
        var y = new Complex[4];
        Assert.That(() => LocalCsrKernels.AddBlockProduct(pointers, columns, values, [1], x, 3, y, 2, 2), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => LocalCsrKernels.AddBlockProduct(pointers, columns, values, [0], x, 3, y, 2, 4), Throws.ArgumentException);
        Assert.That(() => LocalCsrKernels.AddBlockTimesAdjoint(x, 3, 2, pointers, columns, values, [0, 1], y), Throws.InstanceOf<ArgumentException>());
        Assert.That(() => LocalCsrKernels.AddBlockTimesAdjointByRuns(x, 3, 2, [0], [2], [2], [0], values, y, 2), Throws.ArgumentException);
        Assert.That(() => LocalCsrKernels.AddBlockTimesAdjointByRuns(x, 3, 3, [0], [1], [0], [0], values, y, 2), Throws.ArgumentException);
    }
}
