using System.Runtime.InteropServices;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// Native buffers of doubles that start a chosen number of doubles past a 64-byte line, for the kernel benchmarks that
/// compare aligned and unaligned streams (a managed array's data starts wherever the allocator put the object).
/// </summary>
internal sealed unsafe class AlignedBuffers
{
    private readonly List<nint> _blocks = [];

    /// <summary><paramref name="length"/> doubles starting <paramref name="offset"/> doubles past a 64-byte line, filled with values near 1.</summary>
    public double* Allocate(int length, int offset)
    {
        var block = (double*)NativeMemory.AlignedAlloc((nuint)(length + 8) * sizeof(double), 64);
        _blocks.Add((nint)block);
        for (int i = 0; i < length + 8; i++) block[i] = 1 + (1e-3 * (i % 17));
        return block + offset;
    }

    /// <summary>Frees every buffer (BenchmarkDotNet global clean-up).</summary>
    public void Free()
    {
        foreach (var block in _blocks) NativeMemory.AlignedFree((void*)block);
        _blocks.Clear();
    }
}
