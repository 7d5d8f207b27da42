using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Lindblad;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// Rows of the local-mode kernel (<see cref="ShiftedTermRow"/>) with the terms of a global hot/cold master equation in
/// the local modes (two row-only hopping terms, ten terms with column weights: two hoppings on the right and eight
/// emission and absorption terms), on data that fits in L1, so that the time is the kernel's own. One call writes 16
/// rows: divide by 16 × <see cref="Columns"/> for the time per complex entry. <see cref="Columns"/>: the row width (the sectors of the benchmark spaces
/// are 1 to 32 states wide). Compare <c>LadderTileBenchmarks</c>: the ladder kernel has real coefficients and one
/// multiply and one fused multiply-add per term and lane pair; here each term has a complex coefficient, so a
/// multiply (the column weight) and two fused multiply-adds.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ShiftedTermRowBenchmarks
{
    private const int Rows = 16;
    private const int Stride = 80;                  // lanes between rows of the state (40 complex columns)

    private readonly double[] _rho = new double[64 * Stride];
    private readonly double[] _y = new double[Rows * Stride];
    private readonly double[] _factors = new double[10 * Stride];
    private readonly double[] _g = new double[2 * Stride];
    private RowTerm[] _rowOnly = [], _general = [];

    /// <summary>Complex columns per row.</summary>
    [Params(8, 16, 24, 32)]
    public int Columns { get; set; } = 16;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        foreach (var a in new[] { _rho, _factors, _g }) for (int i = 0; i < a.Length; i++) a[i] = random.NextDouble();
        // Sources in other rows of the state, one complex entry off in either direction as hoppings and ladders read.
        _rowOnly = [.. Enumerable.Range(0, 2).Select(q => Term(random, (20 + q) * Stride + 2, -1))];
        _general = [.. Enumerable.Range(0, 10).Select(q => Term(random, ((22 + q) * Stride) + (q % 2 == 0 ? 2 : 0), q * Stride))];
    }

    [Benchmark]
    public void SixteenRows()
    {
        for (int i = 0; i < Rows; i++)
            ShiftedTermRow.Run(ref _rho[i * Stride], ref _y[i * Stride], ref _rho[i * Stride], ref _factors[0], ref _g[0], ref _g[Stride],
                0.1, 0.2, _rowOnly, _general, 2 * Columns);
    }

    private static RowTerm Term(Random random, int source, int factor) =>
        new() { Source = source, Re = random.NextDouble(), Im = random.NextDouble(), Factor = factor };
}
