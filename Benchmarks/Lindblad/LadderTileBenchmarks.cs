using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Lindblad;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// One band of the ladder kernel (<see cref="LadderTile"/>, four jumps: 24 rows × 16 complex columns, 384 entries) on
/// streams that fit in L1, so that the time is the kernel's own, without the caches below. The reported time is per
/// complex entry (OperationsPerInvoke). <see cref="Alignment"/>: <c>aligned</c> = every stream starts on a 64-byte
/// line, rows 64-byte apart; <c>sources16</c> = the four source streams start 16 bytes (one complex entry) past a
/// line, as a shifted source usually does; <c>all16</c> = every stream does. In the right-hand side the sources are
/// at any offset: each source block has its own row length, so no layout aligns them all.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public unsafe class LadderTileBenchmarks
{
    private const int Rows = 24;
    private const int Lanes = 32;
    private const int Stride = Lanes + 16;          // lanes between rows: 384 bytes, a whole number of lines
    private const int Entries = Rows * Lanes / 2;

    private readonly AlignedBuffers _buffers = new();
    private double* _record, _diagonal, _y, _x;
    private readonly double*[] _sources = new double*[4];
    private readonly double*[] _factors = new double*[4];

    /// <summary>Where the streams start (see the class comment).</summary>
    [Params("aligned", "sources16", "all16")]
    public string Alignment { get; set; } = "aligned";

    [GlobalSetup]
    public void Setup()
    {
        int target = Alignment == "all16" ? 2 : 0, source = Alignment == "aligned" ? 0 : 2;
        _record = Allocate(5 * Rows, 0);
        _diagonal = Allocate(Lanes, 0);
        _y = Allocate(Rows * Stride, target);
        _x = Allocate(Rows * Stride, target);
        for (int q = 0; q < 4; q++)
        {
            _sources[q] = Allocate(Rows * Stride, source);
            _factors[q] = Allocate(Lanes, 0);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _buffers.Free();
    }

    [Benchmark(OperationsPerInvoke = Entries)]
    public void FourJumpBand()
    {
        var tile = new LadderTile
        {
            Record = ref *_record,
            RecordWidth = 5,
            ColumnDiagonal = ref *_diagonal,
            Y = ref *_y,
            X = ref *_x,
            RowStride = Stride,
            Rows = Rows,
            Lanes = Lanes,
            P0 = 1, S0 = ref *_factors[0], X0 = ref *_sources[0], D0 = Stride,
            P1 = 2, S1 = ref *_factors[1], X1 = ref *_sources[1], D1 = Stride,
            P2 = 3, S2 = ref *_factors[2], X2 = ref *_sources[2], D2 = Stride,
            P3 = 4, S3 = ref *_factors[3], X3 = ref *_sources[3], D3 = Stride,
        };
        LadderTile.Run(in tile, four: true);
    }

    private double* Allocate(int length, int offset) => _buffers.Allocate(length, offset);
}
