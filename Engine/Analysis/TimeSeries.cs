namespace BosonicTrajectories.Analysis;

/// <summary>
/// A table of values against time (SPEC §5 timeseries.csv): column 0 is <c>t</c>, then n_0..n_{d−1}, then optional
/// standard errors <c>n_i_se</c> and one log-negativity column per bipartition.
/// </summary>
public sealed class TimeSeries(IReadOnlyList<string> columns)
{
    private readonly List<double[]> rows = [];

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<double[]> Rows => rows;

    public void Add(double[] row)
    {
        if (row.Length != Columns.Count)
            throw new ArgumentException($"row has {row.Length} values for {Columns.Count} columns", nameof(row));
        rows.Add(row);
    }

    public int ColumnIndex(string name)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i] == name) return i;
        throw new ArgumentException($"no column '{name}'", nameof(name));
    }

    public double[] Column(string name)
    {
        int k = ColumnIndex(name);
        return rows.Select(r => r[k]).ToArray();
    }
}
