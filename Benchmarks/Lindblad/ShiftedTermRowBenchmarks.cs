using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Lindblad;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// Rows of the local-mode kernel (<see cref="ShiftedTermRow"/>) with the terms of a global hot/cold master equation in
/// the local modes (two row-only hopping terms, ten terms with column weights: two hoppings on the right and eight
/// emission and absorption terms), on data that fits in L1, so that the time is the kernel's own. One call writes 16
/// rows: divide by 16 × <see cref="Columns"/> for the time per complex entry. <see cref="Columns"/>: the row width (the
/// sectors of the benchmark spaces are 1 to 32 states wide). Compare <c>LadderTileBenchmarks</c>: the ladder kernel has
/// real coefficients and one multiply and one fused multiply-add per term and lane pair; here each term has a complex
/// coefficient, so a multiply (the column weight) and two fused multiply-adds.
/// <para>
/// <see cref="Alignment"/>: <c>aligned</c> = every stream starts on a 64-byte line; <c>sources16</c> = the term sources
/// start 16 bytes (one complex entry) past a line, as a source shifted by one column does, and the column weights on a
/// line; <c>streams16</c> = the column weights start 16 bytes past a line as well.
/// <c>Arithmetic</c> is the floor under the kernel on this core: the same vector multiplies, adds and fused
/// multiply-adds in the same dependency chains, with the row's own entries (read once, as any right-hand side must)
/// standing in for every term's source and column weights, so that only the row and the term records are loaded.
/// 32 bytes per entry over its time per entry is then the most memory traffic a kernel with this arithmetic can
/// sustain on one core.
/// </para>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public unsafe class ShiftedTermRowBenchmarks
{
    private const int Rows = 16;
    private const int Stride = 80;                  // lanes between rows of the state (40 complex columns, 640 bytes)

    private readonly AlignedBuffers _buffers = new();
    private double* _rho, _y, _factors, _g;
    private RowTerm[] _rowOnly = [], _general = [];

    /// <summary>Complex columns per row.</summary>
    [Params(8, 16, 24, 32)]
    public int Columns { get; set; } = 16;

    /// <summary>Where the term streams start (see the class comment).</summary>
    [Params("aligned", "sources16", "streams16")]
    public string Alignment { get; set; } = "streams16";

    [GlobalSetup]
    public void Setup()
    {
        int shift = Alignment == "aligned" ? 0 : 2, factorShift = Alignment == "streams16" ? 2 : 0;
        _rho = _buffers.Allocate(64 * Stride, 0);
        _y = _buffers.Allocate(Rows * Stride, 0);
        _factors = _buffers.Allocate(10 * Stride, 0);
        _g = _buffers.Allocate(2 * Stride, 0);
        var random = new Random(5);
        // Sources in other rows of the state (as hoppings and ladders read), column weights in rows of their own.
        _rowOnly = [.. Enumerable.Range(0, 2).Select(q => Term(random, ((20 + q) * Stride) + shift, -1))];
        _general = [.. Enumerable.Range(0, 10).Select(q => Term(random, ((22 + q) * Stride) + shift, (q * Stride) + factorShift))];
    }

    [GlobalCleanup]
    public void Cleanup() => _buffers.Free();

    [Benchmark]
    public void SixteenRows()
    {
        for (int i = 0; i < Rows; i++)
            ShiftedTermRow.Run(ref _rho[i * Stride], ref _y[i * Stride], ref *_rho, ref *_factors, ref *_g, ref _g[Stride],
                0.1, 0.2, _rowOnly, _general, 2 * Columns);
    }

    [Benchmark]
    public void Arithmetic()
    {
        for (int i = 0; i < Rows; i++)
        {
            if (Vector512.IsHardwareAccelerated && Columns % 8 == 0)
                ArithmeticRow<Vector512<double>, Lanes512>(ref _rho[i * Stride], ref _y[i * Stride], ref *_g, ref _g[Stride], 0.1, 0.2, _rowOnly, _general, 2 * Columns);
            else
                ArithmeticRow<Vector256<double>, Lanes256>(ref _rho[i * Stride], ref _y[i * Stride], ref *_g, ref _g[Stride], 0.1, 0.2, _rowOnly, _general, 2 * Columns);
        }
    }

    /// <summary>
    /// <see cref="ShiftedTermRow.Run"/>'s arithmetic per chunk of two vectors, with the row's own entries x in place of
    /// each term's source s and column weights v (a general term's s·v becomes x·Im c, so no product is the same for two
    /// terms and none can be hoisted).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ArithmeticRow<TVector, TLanes>(
        ref double x, ref double y, ref double gRe, ref double gIm, double aRe, double aIm,
        ReadOnlySpan<RowTerm> rowOnly, ReadOnlySpan<RowTerm> general, nint lanes)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        nint n = TLanes.Count;
        for (nint k = 0; k < lanes; k += 2 * n)
        {
            TVector x0 = TLanes.Load(ref x, k), x1 = TLanes.Load(ref x, k + n);
            TVector ar = TLanes.Broadcast(aRe), ai = TLanes.Broadcast(aIm);
            TVector p0 = TLanes.Multiply(TLanes.Add(ar, TLanes.Load(ref gRe, k)), x0);
            TVector p1 = TLanes.Multiply(TLanes.Add(ar, TLanes.Load(ref gRe, k + n)), x1);
            TVector q0 = TLanes.Multiply(TLanes.Add(ai, TLanes.Load(ref gIm, k)), x0);
            TVector q1 = TLanes.Multiply(TLanes.Add(ai, TLanes.Load(ref gIm, k + n)), x1);
            foreach (ref readonly var t in rowOnly)
            {
                TVector cr = TLanes.Broadcast(t.Re), ci = TLanes.Broadcast(t.Im);
                p0 = TLanes.FusedMultiplyAdd(cr, x0, p0);
                p1 = TLanes.FusedMultiplyAdd(cr, x1, p1);
                q0 = TLanes.FusedMultiplyAdd(ci, x0, q0);
                q1 = TLanes.FusedMultiplyAdd(ci, x1, q1);
            }
            TVector u0 = default, u1 = default, w0 = default, w1 = default;
            foreach (ref readonly var t in general)
            {
                TVector cr = TLanes.Broadcast(t.Re), ci = TLanes.Broadcast(t.Im);
                TVector s0 = TLanes.Multiply(x0, ci), s1 = TLanes.Multiply(x1, ci);
                u0 = TLanes.FusedMultiplyAdd(cr, s0, u0);
                u1 = TLanes.FusedMultiplyAdd(cr, s1, u1);
                w0 = TLanes.FusedMultiplyAdd(ci, s0, w0);
                w1 = TLanes.FusedMultiplyAdd(ci, s1, w1);
            }
            TLanes.Store(TLanes.AddTimesI(TLanes.Add(p0, u0), TLanes.Add(q0, w0)), ref y, k);
            TLanes.Store(TLanes.AddTimesI(TLanes.Add(p1, u1), TLanes.Add(q1, w1)), ref y, k + n);
        }
    }

    private static RowTerm Term(Random random, int source, int factor) =>
        new() { Source = source, Re = random.NextDouble(), Im = random.NextDouble(), Factor = factor };
}
