using System.Globalization;
using System.Numerics;
using System.Text;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Cli;

/// <summary>Plain-text description of a built <see cref="OpenSystemModel"/>: jumps, diagnostics, notes.</summary>
internal static class ModelReport
{
    public static string Describe(OpenSystemModel model)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"Built model: {model.Modes} modes, {model.Hamiltonian.Terms.Length} Hamiltonian terms (degree ≤ {model.Hamiltonian.Degree}), {model.Jumps.Length} jump operators");
        s.AppendLine(inv, $"  quadratic (Gaussian dynamics): {(model.IsQuadratic ? "yes" : "no")}; conserves excitation number: {(model.ConservesExcitations ? "yes" : "no")}");
        foreach (var jump in model.Jumps)
            s.AppendLine(inv, $"  jump {jump.Label}: {Format(jump.Operator)}");
        if (model.Passive is { } passive)
        {
            var d = passive.Diagnostics;
            s.AppendLine(inv, $"  secular margin: {d.SecularMargin:G4} (smallest Bohr-frequency gap / largest rate)");
            s.AppendLine(inv, $"  E − A smallest eigenvalue: {d.MinEigenvalueEmissionMinusAbsorption:G4} → unique steady state: {(d.UniqueSteadyState ? "yes" : "no")}");
            foreach (string w in d.Warnings) s.AppendLine("  warning: " + w);
        }
        foreach (string note in model.Notes) s.AppendLine("  note: " + note);
        return s.ToString().TrimEnd();
    }

    /// <summary>
    /// The mode basis a <c>lindblad</c> run of <paramref name="config"/> evolves in, with the reason when it is not the
    /// normal modes (README, <c>details.basis</c>); null for the other methods.
    /// </summary>
    public static string? LindbladBasis(Configuration.SimulationConfig config, OpenSystemModel model)
    {
        if (config.Run.Method != Configuration.RunMethod.Lindblad) return null;
        string basis =
            !config.Run.NormalModes ? "local modes (run.normalModes is false)"
            : Lindblad.NormalModeFrame.Inapplicable(model, config.Truncation) is { } reason ? $"local modes ({reason})"
            : "normal modes, frequencies " + string.Join(", ", NormalModeModel.TryCreate(model)!.Frequencies.Select(f => f.ToString("G6", CultureInfo.InvariantCulture)));
        return "  lindblad basis: " + basis;
    }

    private static string Format(Polynomial p) =>
        string.Join(" + ", p.Terms.Select(t => $"{FormatComplex(t.Coefficient)}·{string.Join(' ', t.Operators)}"));

    private static string FormatComplex(Complex c) =>
        Math.Abs(c.Imaginary) < 1e-15 ? c.Real.ToString("G4", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"({c.Real:G4}{(c.Imaginary < 0 ? "−" : "+")}{Math.Abs(c.Imaginary):G4}i)");
}
