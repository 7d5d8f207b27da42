using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Fock;

/// <summary>
/// Builds the initial states of SPEC §3 on a truncated <see cref="FockSpace"/>. Each state is first written in
/// the truncated space with its full-space normalisation (Fock amplitudes or populations outside the cutoff are
/// simply absent). If the trace it keeps is below 1 − <see cref="NormTolerance"/>, a <see cref="ConfigException"/>
/// names the cutoff and the smallest cutoff that would hold it; otherwise the state is renormalised.
/// </summary>
public static class InitialStates
{
    /// <summary>The largest weight the truncation may cut from an initial state (SPEC §3).</summary>
    public const double NormTolerance = 1e-6;

    /// <summary>The state <paramref name="state"/> on <paramref name="space"/>, renormalised to unit trace.</summary>
    /// <exception cref="ConfigException">The state is invalid or the cutoff holds less than 1 − 1e-6 of it.</exception>
    public static InitialFockState Build(FockSpace space, InitialStateDescription state)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(state);
        return state switch
        {
            ProductState product => BuildProduct(space, product),
            CoherentSuperposition superposition => BuildPure(space, SuperpositionProfile(space, superposition)),
            TwoModeSqueezedState tmsv => BuildPure(space, new TwoModeSqueezedProfile(
                CheckModePair(space, tmsv.ModeA, tmsv.ModeB, "initialState.twoModeSqueezed.modes"),
                tmsv.ModeB,
                double.IsFinite(tmsv.R) ? tmsv.R : throw new ConfigException("initialState.twoModeSqueezed.r", "r must be finite"))),
            NoonState noon => BuildPure(space, new NoonProfile(
                CheckModePair(space, noon.ModeA, noon.ModeB, "initialState.noon.modes"),
                noon.ModeB,
                noon.N >= 1 ? noon.N : throw new ConfigException("initialState.noon.n", $"n must be ≥ 1, got {noon.N}"))),
            _ => throw new ArgumentException($"unknown initial state {state.GetType().Name}", nameof(state)),
        };
    }

    private static InitialFockState BuildProduct(FockSpace space, ProductState product)
    {
        if (product.Factors.Length != space.Modes)
            throw new ConfigException("initialState.product", $"has {product.Factors.Length} factors for {space.Modes} modes; give one per mode");
        var profiles = product.Factors.Select((f, i) => OneModeProfile.Of(f, $"initialState.product[{i}]")).ToArray();

        // Tables of each factor's amplitudes (pure) or populations (thermal) over the levels present.
        var amplitudes = new Complex[space.Modes][];
        var populations = new double[space.Modes][];
        for (int i = 0; i < space.Modes; i++)
        {
            int levels = space.MaxLevel(i) + 1;
            if (profiles[i].IsMixed) populations[i] = [.. Enumerable.Range(0, levels).Select(profiles[i].Population)];
            else amplitudes[i] = [.. Enumerable.Range(0, levels).Select(profiles[i].Amplitude)];
        }

        // One component per assignment of Fock levels to the thermal modes (key: mixed radix over those modes).
        var components = new SortedDictionary<long, (double Weight, Complex[] Vector)>();
        for (int index = 0; index < space.Dimension; index++)
        {
            Complex amplitude = Complex.One;
            double weight = 1;
            long key = 0;
            for (int i = 0; i < space.Modes && amplitude != Complex.Zero && weight != 0; i++)
            {
                int n = space.Occupation(index, i);
                if (profiles[i].IsMixed)
                {
                    weight *= populations[i][n];
                    key = (key * (space.MaxLevel(i) + 1)) + n;
                }
                else
                {
                    amplitude *= amplitudes[i][n];
                }
            }
            if (amplitude == Complex.Zero || weight == 0) continue;
            if (!components.TryGetValue(key, out var component))
            {
                component = (weight, new Complex[space.Dimension]);
                components.Add(key, component);
            }
            component.Vector[index] = amplitude;
        }

        double trace = components.Values.Sum(c => c.Weight * Kernels.ComplexSpan.NormSquared(c.Vector));
        if (!(trace >= 1 - NormTolerance))
            throw new ConfigException(ProductTruncationErrors(space, profiles, trace));
        return Normalise(space, components.Values, trace);
    }

    private static InitialFockState BuildPure(FockSpace space, MultiModeProfile profile)
    {
        var vector = new Complex[space.Dimension];
        for (int index = 0; index < space.Dimension; index++) vector[index] = profile.Amplitude(space.Occupations(index));
        double trace = Kernels.ComplexSpan.NormSquared(vector);
        if (!(trace >= 1 - NormTolerance))
        {
            double threshold = 1 - NormTolerance;
            int? suggestion = space.IsTotalExcitationTruncated
                ? CutoffAdvisor.SmallestTotal(profile, space.Modes, threshold)
                : CutoffAdvisor.SmallestUniformLevels(profile, space.Modes, threshold);
            throw new ConfigException("initialState",
                $"{DescribeTruncation(space)} holds only {FormatHeld(trace)} of initialState ({profile.Description}); " +
                Advice(space, null, suggestion));
        }
        return Normalise(space, [(1.0, vector)], trace);
    }

    /// <summary>
    /// Errors for a product state that the cutoff does not hold. Per-mode truncation: the norm is Π_i w_i
    /// (w_i the weight factor i keeps); each factor with w_i &lt; 1 − ε/d is reported, with the smallest cutoff
    /// that lifts it to ((1 − ε)/U)^{1/r} (U the product of the unreported weights, r the number reported),
    /// so following every suggestion really gives a norm ≥ 1 − ε. Total-excitation truncation: one error with
    /// the smallest K whose excitation-number distribution (a convolution over the factors) holds 1 − ε.
    /// </summary>
    private static List<ConfigError> ProductTruncationErrors(FockSpace space, OneModeProfile[] profiles, double trace)
    {
        if (space.IsTotalExcitationTruncated)
        {
            int? total = CutoffAdvisor.SmallestTotal([.. profiles.Select(p => (Func<int, double>)p.Population)], 1 - NormTolerance);
            string description = "product of " + string.Join(", ", profiles.Select(p => p.Description));
            return [new ConfigError("initialState",
                $"{DescribeTruncation(space)} holds only {FormatHeld(trace)} of initialState ({description}); {Advice(space, null, total)}")];
        }

        var held = new double[space.Modes];
        for (int i = 0; i < space.Modes; i++)
            for (int n = 0; n <= space.MaxLevel(i); n++) held[i] += profiles[i].Population(n);
        var reported = Enumerable.Range(0, space.Modes).Where(i => held[i] < 1 - (NormTolerance / space.Modes)).ToList();
        if (reported.Count == 0) reported.Add(Array.IndexOf(held, held.Min()));   // only reachable through rounding
        double unreported = Enumerable.Range(0, space.Modes).Except(reported).Aggregate(1.0, (product, i) => product * held[i]);
        double threshold = Math.Pow((1 - NormTolerance) / unreported, 1.0 / reported.Count);

        var errors = new List<ConfigError>();
        foreach (int i in reported)
        {
            string path = $"initialState.product[{i}]";
            int? levels = CutoffAdvisor.SmallestLevels(profiles[i].Population, threshold);
            errors.Add(new ConfigError(path,
                $"{DescribeTruncation(space, i)} holds only {FormatHeld(held[i])} of {path} ({profiles[i].Description}); {Advice(space, i, levels)}"));
        }
        return errors;
    }

    private static InitialFockState Normalise(FockSpace space, IEnumerable<(double Weight, Complex[] Vector)> raw, double trace)
    {
        var components = ImmutableArray.CreateBuilder<MixtureComponent>();
        foreach (var (weight, vector) in raw)
        {
            double normSquared = Kernels.ComplexSpan.NormSquared(vector);
            if (normSquared == 0) continue;
            Kernels.ComplexSpan.Scale(vector, 1 / Math.Sqrt(normSquared), vector);
            components.Add(new MixtureComponent(weight * normSquared / trace, ImmutableArray.Create(vector)));
        }
        return new InitialFockState(space, components.ToImmutable(), trace);
    }

    private static CoherentSuperpositionProfile SuperpositionProfile(FockSpace space, CoherentSuperposition superposition)
    {
        if (superposition.Components.IsDefaultOrEmpty)
            throw new ConfigException("initialState.superposition", "needs at least one component");
        for (int k = 0; k < superposition.Components.Length; k++)
        {
            var alphas = superposition.Components[k].Alphas;
            if (alphas.Length != space.Modes)
                throw new ConfigException($"initialState.superposition[{k}].coherent", $"has {alphas.Length} amplitudes for {space.Modes} modes; give one per mode");
        }
        double normSquared = CoherentSuperpositionProfile.NormSquared(superposition.Components);
        double scale = superposition.Components.Sum(c => c.Amplitude.Magnitude * c.Amplitude.Magnitude);
        if (!(normSquared > 1e-12 * scale))
            throw new ConfigException("initialState.superposition", "the components cancel: the superposition is the zero vector");
        return new CoherentSuperpositionProfile(superposition.Components, normSquared);
    }

    private static int CheckModePair(FockSpace space, int modeA, int modeB, string path)
    {
        if ((uint)modeA >= (uint)space.Modes || (uint)modeB >= (uint)space.Modes || modeA == modeB)
            throw new ConfigException(path, $"needs two different modes in 0..{space.Modes - 1}, got [{modeA}, {modeB}]");
        return modeA;
    }

    private static string DescribeTruncation(FockSpace space, int? mode = null)
    {
        switch (space.Truncation)
        {
            case TotalExcitationTruncation total:
                return $"truncation.totalExcitations = {total.MaxTotal}";
            case PerModeTruncation perMode when perMode.Levels.Length == 1:
                return $"truncation.perMode = {perMode.Levels[0]}";
            case PerModeTruncation perMode when mode is int i:
                return $"truncation.perMode[{i}] = {perMode.Levels[i]}";
            case PerModeTruncation perMode:
                return $"truncation.perMode = [{string.Join(", ", perMode.Levels)}]";
            default:
                return "the truncation";
        }
    }

    private static string Advice(FockSpace space, int? mode, int? cutoff)
    {
        bool perIndex = mode is not null && space.Truncation is PerModeTruncation { Levels.Length: > 1 };
        string key = space.IsTotalExcitationTruncated ? "totalExcitations" : perIndex ? $"perMode[{mode}]" : "perMode";
        int limit = space.IsTotalExcitationTruncated ? CutoffAdvisor.MaxTotalSearched : CutoffAdvisor.MaxLevelsSearched;
        return cutoff is int c ? $"use {key} ≥ {c}" : $"use a much larger {key} (no cutoff up to the search limit {limit} was found to hold it)";
    }

    /// <summary>The kept weight, with enough digits to show how far below 1 it is.</summary>
    private static string FormatHeld(double held)
    {
        string fixedPoint = held.ToString("0.0000", CultureInfo.InvariantCulture);
        return fixedPoint != "1.0000" ? fixedPoint : "1 − " + (1 - held).ToString("0.0e+0", CultureInfo.InvariantCulture);
    }
}
