using System.Globalization;
using System.Text;
using BosonicTrajectories.Analysis;

namespace BosonicTrajectories.Output;

/// <summary>Writes a <see cref="TimeSeries"/> as CSV: a header row, then one row per output time (round-trip precision).</summary>
public static class TimeSeriesCsv
{
    public static string Format(TimeSeries series)
    {
        var s = new StringBuilder();
        s.AppendLine(string.Join(',', series.Columns));
        foreach (double[] row in series.Rows)
            s.AppendLine(string.Join(',', row.Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
        return s.ToString();
    }
}
