using System.Buffers.Binary;

namespace BosonicTrajectories.Tests.Output.Plots;

/// <summary>Checks that a file is a PNG and reads its size from the IHDR chunk (PNG spec §5.2, §11.2.2).</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the 8-byte signature and a leading IHDR chunk; returns (width, height).</summary>
    public static (int Width, int Height) AssertValid(string path)
    {
        Assert.That(File.Exists(path), Is.True, $"{path} was not written");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Length, Is.GreaterThan(33), "a PNG holds at least the signature and the IHDR chunk");
        Assert.That(bytes.AsSpan(0, 8).SequenceEqual(Signature), Is.True, "PNG signature");
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8, 4)), Is.EqualTo(13u), "IHDR length");
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
