using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Model;

/// <summary>
/// Validity diagnostics of a secular master equation (SPEC §1): the secular margin
/// min over each diagonalised space of (smallest gap between its distinct Bohr frequencies) / (largest rate),
/// where the largest rate is the largest eigenvalue of E or A (+∞ when no space has two distinct frequencies);
/// and whether E − A is positive definite, which makes the steady state unique.
/// </summary>
internal static class SecularDiagnostics
{
    /// <summary>Below this margin the secular approximation is flagged as possibly poor.</summary>
    public const double MarginWarningThreshold = 10.0;

    /// <summary>
    /// E − A counts as positive definite when its smallest eigenvalue exceeds this fraction of the largest rate
    /// (a singular E − A computes as ±roundoff).
    /// </summary>
    public const double RelativeDefinitenessTolerance = 1e-12;

    /// <param name="bohrFrequencySets">
    /// The distinct frequencies of each diagonalised space: one set for global, one per party that has a bath for local.
    /// </param>
    public static ThermalMachineDiagnostics Compute(
        IEnumerable<IReadOnlyList<double>> bohrFrequencySets, Matrix<Complex> emission, Matrix<Complex> absorption)
    {
        double largestRate = Math.Max(PassiveJumpOperators.MaxEigenvalue(emission), PassiveJumpOperators.MaxEigenvalue(absorption));
        double smallestGap = double.PositiveInfinity;
        foreach (var set in bohrFrequencySets)
        {
            var sorted = set.Order().ToArray();
            for (int i = 1; i < sorted.Length; i++) smallestGap = Math.Min(smallestGap, sorted[i] - sorted[i - 1]);
        }
        double margin = double.IsPositiveInfinity(smallestGap) || largestRate <= 0 ? double.PositiveInfinity : smallestGap / largestRate;

        var difference = emission - absorption;
        double minEigenvalue = difference.RowCount == 0 ? 0.0 : HermitianSpectrum.Eigenvalues(HermitianSpectrum.HermitianPart(difference))[0];
        bool unique = minEigenvalue > RelativeDefinitenessTolerance * largestRate && minEigenvalue > 0;

        var warnings = new List<string>();
        if (margin < MarginWarningThreshold)
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"secular margin {margin:G3} < {MarginWarningThreshold:G}: the secular approximation may be poor"));
        if (!unique)
            warnings.Add("E − A is not positive definite: no unique steady state");
        return new ThermalMachineDiagnostics(margin, minEigenvalue, unique, warnings);
    }
}
