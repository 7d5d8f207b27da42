using System.Globalization;
using System.Text;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Verification;

/// <summary>
/// verify.csv: a header row, then one row per instance with its parameters (d, parties, approach, Lamb shift, eigenfrequencies
/// of H, then per party slot A..D its bath) and its results. Numbers in round-trip precision; lists inside a cell are
/// separated by ';'; empty cells where a value does not exist (fewer parties, a flat density has no cutoff).
/// </summary>
public static class VerificationCsv
{
    private static readonly string[] BathFields =
        ["party", "statistics", "temperature", "mu", "spectral", "kappa", "cutoff", "exponent", "coupling", "positionLike"];

    public static string Format(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = new StringBuilder();
        var header = new List<string> { "index", "modes", "parties", "approach", "lambShift", "frequencies", "redraws" };
        for (int p = 0; p < RandomThermalMachines.MaxParties; p++) header.AddRange(BathFields.Select(f => $"bath{p}_{f}"));
        header.AddRange(["minEigenvalueEminusA", "secularMargin", "bipartitions", "maxLogNegativity", "worstBipartition",
                         "certificateMargin", "certified", "outcome", "error"]);
        s.AppendLine(string.Join(',', header));
        foreach (var r in report.Instances) s.AppendLine(string.Join(',', Row(r).Select(Escape)));
        return s.ToString();
    }

    private static List<string> Row(InstanceResult r)
    {
        var cells = new List<string> { Int(r.Index) };
        var m = r.Machine;
        if (m is null) cells.AddRange(Enumerable.Repeat("", 6));
        else
        {
            var d = m.Description;
            cells.Add(Int(d.Modes));
            cells.Add(string.Join('|', d.Parties.Select(p => p.Name + ":" + string.Join('+', p.Modes))));
            cells.Add(d.Approach == SecularApproach.Global ? "global" : "local");
            cells.Add(d.LambShift ? "true" : "false");
            cells.Add(string.Join(';', m.Frequencies.Select(Real)));
            cells.Add(Int(m.Redraws));
        }
        for (int p = 0; p < RandomThermalMachines.MaxParties; p++)
        {
            if (m is not null && p < m.Description.Baths.Length) cells.AddRange(BathCells(m.Description.Baths[p], m.Couplings[p]));
            else cells.AddRange(Enumerable.Repeat("", BathFields.Length));
        }
        cells.AddRange([
            Real(r.MinEigenvalueEmissionMinusAbsorption), Real(r.SecularMargin), Int(r.Bipartitions), Real(r.MaxLogNegativity),
            r.WorstBipartition, Real(r.CertificateMargin), r.Certified ? "true" : "false", r.Outcome.ToString().ToLowerInvariant(),
            r.Error ?? "",
        ]);
        return cells;
    }

    private static IEnumerable<string> BathCells(BathDescription b, CouplingKind coupling)
    {
        var (kind, kappa, cutoff, exponent) = b.SpectralDensity switch
        {
            FlatSpectralDensity f => ("flat", Real(f.Kappa), "", ""),
            OhmicSpectralDensity o => ("ohmic", Real(o.Kappa), Real(o.Cutoff), Real(o.Exponent)),
            _ => (b.SpectralDensity.GetType().Name, "", "", ""),
        };
        return [b.Party, b.Statistics == BathStatistics.Bose ? "bose" : "fermi", Real(b.Temperature), Real(b.ChemicalPotential),
                kind, kappa, cutoff, exponent, coupling.ToString().ToLowerInvariant(), b.PositionLike ? "true" : "false"];
    }

    private static string Real(double x) => double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture);

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: a cell with a comma, quote or line break is quoted, with quotes doubled.</summary>
    internal static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
