using System.Globalization;
using System.Numerics;
using System.Text;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Configuration;

/// <summary>A one-screen plain-text description of a validated config (printed by the <c>validate</c> command).</summary>
public static class ConfigDescription
{
    public static string Describe(SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringBuilder();
        text.AppendLine($"config \"{config.Name}\"" + (config.Description is { Length: > 0 } d ? $": {d}" : ""));
        text.AppendLine($"  modes:          {config.Modes}");
        text.AppendLine($"  parties:        {string.Join(", ", config.Model.Parties.Select(p => $"{p.Name} = {{{string.Join(", ", p.Modes)}}}"))}");
        switch (config.Model)
        {
            case ThermalMachineDescription machine:
                DescribeThermalMachine(machine, text);
                break;
            case ExplicitLindbladDescription explicitModel:
                DescribeLindblad(explicitModel.Model, text);
                break;
        }
        long? dimension = HilbertDimension(config.Truncation, config.Modes);
        string dimensionText = dimension is long dim ? dim.ToString(CultureInfo.InvariantCulture) : "more than 9.2e18";
        text.AppendLine($"  truncation:     {DescribeTruncation(config.Truncation)} -> Hilbert dimension {dimensionText}");
        text.AppendLine($"  initial state:  {DescribeState(config.InitialState)}");
        var run = config.Run;
        string tEnd = run.TEnd is double t ? $"tEnd {F(t)}, {run.Samples} samples" : $"until steady (|drho/dt| < {F(run.SteadyTolerance)})";
        text.AppendLine($"  run:            {run.Method.ToString().ToLowerInvariant()}, {tEnd}");
        text.AppendLine($"  integrator:     {run.Integrator} (rtol {F(run.RelativeTolerance)}, atol {F(run.AbsoluteTolerance)}); " +
                                                      $"valid: {string.Join(", ", ConfigLoader.KnownIntegrators)}");
        if (run.Method == RunMethod.Trajectories)
            text.AppendLine($"  trajectories:   {run.Trajectories}, seed {run.Seed}");
        text.AppendLine($"  analysis:       bipartitions = {config.Analysis.Bipartitions.ToString().ToLowerInvariant()}");
        return text.ToString();
    }

    /// <summary>
    /// Dimension of the truncated Fock space: Π_i c_i (per-mode levels) or C(d + K, d) (total excitations ≤ K);
    /// null when it exceeds <see cref="long.MaxValue"/>.
    /// </summary>
    public static long? HilbertDimension(Truncation truncation, int modes)
    {
        try
        {
            checked
            {
                switch (truncation)
                {
                    case PerModeTruncation perMode:
                        long product = 1;
                        foreach (int levels in perMode.Levels) product *= levels;
                        return product;
                    case TotalExcitationTruncation total:
                        // C(d + K, d) built as Π_{k=1..d} (K + k) / k, exact at every step.
                        long binomial = 1;
                        for (int k = 1; k <= modes; k++) binomial = binomial * (total.MaxTotal + k) / k;
                        return binomial;
                    default:
                        throw new ArgumentException($"unknown truncation {truncation.GetType().Name}", nameof(truncation));
                }
            }
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static void DescribeThermalMachine(ThermalMachineDescription machine, StringBuilder text)
    {
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  model:          thermal machine, {machine.Approach.ToString().ToLowerInvariant()} approach, Lamb shift {(machine.LambShift ? "on" : "off")}");
        text.AppendLine($"  H:              {Matrix(machine.Hamiltonian)}");
        text.AppendLine($"  eigenvalues:    {string.Join(", ", HermitianMatrixChecks.Eigenvalues(machine.Hamiltonian).Select(F))}");
        foreach (var bath in machine.Baths)
        {
            string coupling = IsIdentity(bath.Coupling) ? "independent" : $"K = {Matrix(bath.Coupling)}";
            text.AppendLine(
                $"  bath {bath.Party}:{new string(' ', Math.Max(1, 10 - bath.Party.Length))}{bath.Statistics.ToString().ToLowerInvariant()}, T = {F(bath.Temperature)}, " +
                $"mu = {F(bath.ChemicalPotential)}, {DescribeSpectralDensity(bath.SpectralDensity)}, {coupling}" +
                (bath.PositionLike ? ", position-like" : ""));
        }
        if (!machine.ExtraTerms.IsZero)
            text.AppendLine($"  extra terms:    {machine.ExtraTerms} (outside the theorem's hypotheses)");
    }

    private static void DescribeLindblad(OpenSystemModel model, StringBuilder text)
    {
        text.AppendLine($"  model:          explicit Lindblad ({(model.IsQuadratic ? "quadratic" : "non-quadratic")})");
        text.AppendLine($"  H:              {model.Hamiltonian}");
        foreach (var jump in model.Jumps)
            text.AppendLine($"  jump {jump.Label}:{new string(' ', Math.Max(1, 10 - jump.Label.Length))}L = {jump.Operator}");
    }

    private static string DescribeSpectralDensity(SpectralDensity density) => density switch
    {
        FlatSpectralDensity flat => $"flat kappa = {F(flat.Kappa)}",
        OhmicSpectralDensity ohmic => $"ohmic kappa = {F(ohmic.Kappa)}, cutoff = {F(ohmic.Cutoff)}, exponent = {F(ohmic.Exponent)}",
        _ => density.ToString(),
    };

    private static string DescribeTruncation(Truncation truncation) => truncation switch
    {
        PerModeTruncation p when p.Levels.Distinct().Count() == 1 => $"{p.Levels[0]} levels per mode",
        PerModeTruncation p => $"levels per mode [{string.Join(", ", p.Levels)}]",
        TotalExcitationTruncation t => $"total excitations <= {t.MaxTotal}",
        _ => truncation.ToString(),
    };

    private static string DescribeState(InitialStateDescription state) => state switch
    {
        ProductState product => string.Join(" (x) ", product.Factors.Select(DescribeOneMode)),
        CoherentSuperposition s => "superposition of " + string.Join(" + ",
            s.Components.Select(c => $"{C(c.Amplitude)} |{string.Join(", ", c.Alphas.Select(C))}>")),
        TwoModeSqueezedState t => $"two-mode squeezed vacuum on modes {t.ModeA}, {t.ModeB}, r = {F(t.R)}",
        NoonState n => $"NOON state (|{n.N},0> + |0,{n.N}>)/sqrt2 on modes {n.ModeA}, {n.ModeB}",
        _ => state.ToString(),
    };

    private static string DescribeOneMode(OneModeState state) => state switch
    {
        VacuumState => "vacuum",
        FockState f => $"fock |{f.N}>",
        CoherentState c => $"coherent alpha = {C(c.Alpha)}",
        ThermalState t => $"thermal nbar = {F(t.MeanOccupation)}",
        CatState c => $"cat alpha = {C(c.Alpha)}, phase = {F(c.Phase)}",
        SqueezedState s => $"squeezed r = {F(s.R)}, angle = {F(s.Angle)}",
        _ => state.ToString(),
    };

    private static bool IsIdentity(Complex[,] m)
    {
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++)
                if (m[i, j] != (i == j ? Complex.One : Complex.Zero)) return false;
        return true;
    }

    private static string Matrix(Complex[,] m) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(0)).Select(i =>
            "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(1)).Select(j => C(m[i, j]))) + "]")) + "]";

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static string C(Complex z) => z.Imaginary == 0 ? F(z.Real) : $"{F(z.Real)}{(z.Imaginary < 0 ? "-" : "+")}{F(Math.Abs(z.Imaginary))}i";
}
