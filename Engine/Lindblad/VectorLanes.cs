using System.Runtime.Intrinsics;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// The vector operations of the band and row kernels (<see cref="LadderTile"/>, <see cref="ShiftedTermRow"/>), for one
/// vector type of doubles. A complex number occupies two neighbouring lanes (re, im).
/// </summary>
internal interface ILanes<TVector>
{
    static abstract nint Count { get; }

    static abstract TVector Load(ref double source, nint offset);

    static abstract TVector Broadcast(double value);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector FusedMultiplyAdd(TVector a, TVector b, TVector addend);

    static abstract void Store(TVector value, ref double destination, nint offset);

    /// <summary>a + i·b for complex lanes: (re, im) lanes of a plus (−b_im, b_re), as one fused multiply-add (exact).</summary>
    static abstract TVector AddTimesI(TVector a, TVector b);
}

/// <summary><see cref="ILanes{TVector}"/> on Vector512 (8 lanes).</summary>
internal readonly struct Lanes512 : ILanes<Vector512<double>>
{
    public static nint Count => 8;

    public static Vector512<double> Load(ref double source, nint offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    public static Vector512<double> FusedMultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> addend) =>
        Vector512.FusedMultiplyAdd(a, b, addend);

    public static void Store(Vector512<double> value, ref double destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    public static Vector512<double> AddTimesI(Vector512<double> a, Vector512<double> b) =>
        Vector512.FusedMultiplyAdd(Vector512.Shuffle(b, Vector512.Create(1L, 0L, 3L, 2L, 5L, 4L, 7L, 6L)), Vector512.Create(-1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0), a);
}

/// <summary><see cref="ILanes{TVector}"/> on Vector256 (4 lanes).</summary>
internal readonly struct Lanes256 : ILanes<Vector256<double>>
{
    public static nint Count => 4;

    public static Vector256<double> Load(ref double source, nint offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    public static Vector256<double> FusedMultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> addend) =>
        Vector256.FusedMultiplyAdd(a, b, addend);

    public static void Store(Vector256<double> value, ref double destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    public static Vector256<double> AddTimesI(Vector256<double> a, Vector256<double> b) =>
        Vector256.FusedMultiplyAdd(Vector256.Shuffle(b, Vector256.Create(1L, 0L, 3L, 2L)), Vector256.Create(-1.0, 1.0, -1.0, 1.0), a);
}
