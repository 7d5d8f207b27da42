using System.Numerics;
using System.Text.Json.Nodes;

namespace BosonicTrajectories.Output;

/// <summary>Conversions of numbers, complex numbers and matrices to JSON nodes (complex as [re, im], SPEC §3).</summary>
public static class JsonValues
{
    /// <summary>A finite double, or null for NaN/∞ (JSON has no such numbers).</summary>
    public static JsonNode? Number(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;

    public static JsonArray Complex(Complex z) => [Number(z.Real), Number(z.Imaginary)];

    public static JsonArray ComplexVector(IReadOnlyList<Complex> v) => [.. v.Select(z => (JsonNode)Complex(z))];

    public static JsonArray ComplexMatrix(Complex[,] m)
    {
        var rows = new JsonArray();
        for (int i = 0; i < m.GetLength(0); i++)
        {
            var row = new JsonArray();
            for (int j = 0; j < m.GetLength(1); j++) row.Add(Complex(m[i, j]));
            rows.Add(row);
        }
        return rows;
    }

    public static JsonArray RealMatrix(double[,] m)
    {
        var rows = new JsonArray();
        for (int i = 0; i < m.GetLength(0); i++)
        {
            var row = new JsonArray();
            for (int j = 0; j < m.GetLength(1); j++) row.Add(Number(m[i, j]));
            rows.Add(row);
        }
        return rows;
    }

    public static JsonArray Strings(IEnumerable<string> items) => [.. items.Select(s => (JsonNode)JsonValue.Create(s))];
}
