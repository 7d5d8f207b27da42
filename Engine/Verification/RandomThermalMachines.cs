using System.Collections.Immutable;
using System.Globalization;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Verification;

/// <summary>How a bath couples to its party's modes: K = I, K = c c† (one collective channel), or a random PSD K.</summary>
public enum CouplingKind { Independent, Vector, Matrix }

/// <summary>One generated thermal machine: its description, the model built from it and how it was drawn.</summary>
/// <param name="Index">The instance index k (its random stream is (seed, k)).</param>
/// <param name="Description">The thermal machine, exactly as a config would describe it.</param>
/// <param name="Model">The model <see cref="ThermalMachine.Build"/> made of it.</param>
/// <param name="Frequencies">The eigenvalues ω_1 ≤ … ≤ ω_d of H that the draw chose.</param>
/// <param name="Couplings">The kind of K^n of each bath (same order as the baths).</param>
/// <param name="Redraws">Draws rejected before this one because E − A was not safely positive definite.</param>
public sealed record GeneratedMachine(
    int Index,
    ThermalMachineDescription Description,
    OpenSystemModel Model,
    ImmutableArray<double> Frequencies,
    ImmutableArray<CouplingKind> Couplings,
    int Redraws);

/// <summary>
/// A reproducible generator of thermal machines inside the no-go theorem's hypotheses (SPEC §1). Instance k draws
/// from <see cref="InstanceRandom"/>(seed, k), so it does not depend on how many instances are drawn or on threads.
/// Each draw, in this order:
/// <list type="number">
/// <item>d uniform in the modes range.</item>
/// <item>H = U diag(ω) U† with ω_i uniform on [<see cref="FrequencyMin"/>, <see cref="FrequencyMax"/>] and U Haar
/// random (Gram–Schmidt of a complex Ginibre matrix), so H is Hermitian positive definite by construction, with
/// complex hoppings between all modes.</item>
/// <item>A partition into N parties, N uniform in 2..min(<see cref="MaxParties"/>, d): the modes are shuffled and cut
/// at N − 1 distinct random places; parties are named A, B, C, D in the order of their smallest mode.</item>
/// <item>Per party one bath: bose or fermi (½ each); temperature exactly 0 with probability
/// <see cref="ZeroTemperatureProbability"/>, else uniform on [<see cref="TemperatureMin"/>, <see cref="TemperatureMax"/>];
/// chemical potential 0 for fermi, and for bose uniform on [<see cref="ChemicalPotentialMin"/>,
/// <see cref="ChemicalPotentialFraction"/>·ω_min) where ω_min is the smallest frequency the bath is evaluated at (the
/// smallest eigenvalue of H for the global approach, of the party's block of H for the local one); a flat or an ohmic
/// spectral density (½ each) with κ log-uniform on [<see cref="KappaMin"/>, <see cref="KappaMax"/>] (weak coupling:
/// κ ≪ ω), ohmic cutoff uniform on [1, 4] and exponent uniform on [0.5, 2]; a coupling K = I, K = c c† with c complex
/// normal scaled to |c|² = m, or K = B B† with B complex normal scaled to Tr K = m (one third each; m = party size);
/// positionLike with probability ¼.</item>
/// <item>The global or the local approach (½ each); the Lamb shift with probability ¼ when every bath is ohmic (a flat
/// density has none).</item>
/// </list>
/// The draw is built with <see cref="ThermalMachine.Build"/> and kept only if λ_min(E − A) ≥ <see cref="MinimumDamping"/>,
/// which guarantees a unique steady state (X = −i(H + H_LS) − ½(E − A) has X + X† &lt; 0); otherwise the next draw of the same
/// stream is taken (counted in <see cref="GeneratedMachine.Redraws"/>). Only a rank-one K on a party of ≥ 2 modes can fail.
/// </summary>
public static class RandomThermalMachines
{
    public const double FrequencyMin = 0.3;
    public const double FrequencyMax = 2.0;
    public const int MaxParties = 4;
    public const double ZeroTemperatureProbability = 0.2;
    public const double TemperatureMin = 0.05;
    public const double TemperatureMax = 2.0;
    public const double ChemicalPotentialMin = -1.0;
    public const double ChemicalPotentialFraction = 0.9;
    public const double KappaMin = 1e-3;
    public const double KappaMax = 0.05;
    public const double PositionLikeProbability = 0.25;
    public const double LambShiftProbability = 0.25;

    /// <summary>
    /// Smallest accepted λ_min(E − A): well above round-off (rates are ≥ 1e-3·5e-3 for the weakest ohmic tail) and small
    /// enough that only near-singular draws are rejected; it bounds the Lyapunov problem's condition number.
    /// </summary>
    public const double MinimumDamping = 1e-6;

    /// <summary>Draws before giving up (a rejection needs a rank-one coupling nearly orthogonal to an eigenvector).</summary>
    public const int MaxDraws = 100;

    private static readonly string[] PartyNames = ["A", "B", "C", "D"];

    /// <summary>Instance <paramref name="index"/> of the campaign with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">A negative index or an invalid modes range.</exception>
    /// <exception cref="NumericalFailureException">No acceptable draw in <see cref="MaxDraws"/> tries (never seen).</exception>
    public static GeneratedMachine Generate(ulong seed, int index, ModesRange modes)
    {
        if (index < 0) throw new ArgumentException($"the instance index must be ≥ 0, got {index}", nameof(index));
        modes.Validate(nameof(modes));
        var random = new InstanceRandom(seed, index);
        for (int draw = 0; draw < MaxDraws; draw++)
        {
            var (description, frequencies, couplings) = Draw(random, modes);
            var model = ThermalMachine.Build(description);
            if (model.Passive!.Diagnostics.MinEigenvalueEmissionMinusAbsorption >= MinimumDamping)
                return new GeneratedMachine(index, description, model, frequencies, couplings, draw);
        }
        throw new NumericalFailureException(string.Create(CultureInfo.InvariantCulture,
            $"instance {index} (seed {seed}): no draw with λ_min(E − A) ≥ {MinimumDamping:G2} in {MaxDraws} tries; use another --seed"));
    }

    private static (ThermalMachineDescription, ImmutableArray<double>, ImmutableArray<CouplingKind>) Draw(InstanceRandom random, ModesRange modes)
    {
        int d = random.Integer(modes.Min, modes.Max);
        var frequencies = Enumerable.Range(0, d).Select(_ => random.Uniform(FrequencyMin, FrequencyMax)).Order().ToImmutableArray();
        var u = HaarUnitary(d, random);
        var h = u * Matrix<Complex>.Build.DenseOfDiagonalArray(frequencies.Select(w => new Complex(w, 0)).ToArray()) * u.ConjugateTranspose();
        h = 0.5 * (h + h.ConjugateTranspose());

        var parties = RandomPartition(d, random);
        bool global = random.Chance(0.5);
        var baths = ImmutableArray.CreateBuilder<BathDescription>(parties.Length);
        var couplings = ImmutableArray.CreateBuilder<CouplingKind>(parties.Length);
        foreach (var party in parties)
        {
            double lowestFrequency = global ? frequencies[0] : LowestEigenvalue(h, party.Modes);
            var (bath, coupling) = RandomBath(party, lowestFrequency, random);
            baths.Add(bath);
            couplings.Add(coupling);
        }
        bool allOhmic = baths.All(b => b.SpectralDensity is OhmicSpectralDensity);
        bool lambShift = allOhmic && random.Chance(LambShiftProbability);
        var description = new ThermalMachineDescription(
            d, parties, h.ToArray(), baths.MoveToImmutable(), global ? SecularApproach.Global : SecularApproach.Local, lambShift, Polynomial.Zero);
        return (description, frequencies, couplings.MoveToImmutable());
    }

    private static (BathDescription, CouplingKind) RandomBath(Party party, double lowestFrequency, InstanceRandom random)
    {
        bool bose = random.Chance(0.5);
        double temperature = random.Chance(ZeroTemperatureProbability) ? 0.0 : random.Uniform(TemperatureMin, TemperatureMax);
        double mu = bose ? random.Uniform(ChemicalPotentialMin, ChemicalPotentialFraction * lowestFrequency) : 0.0;
        double kappa = random.LogUniform(KappaMin, KappaMax);
        SpectralDensity density = random.Chance(0.5)
            ? new FlatSpectralDensity(kappa)
            : new OhmicSpectralDensity(kappa, random.Uniform(1.0, 4.0), random.Uniform(0.5, 2.0));
        int m = party.Modes.Length;
        var kind = (CouplingKind)random.Integer(0, 2);
        Matrix<Complex> k = kind switch
        {
            CouplingKind.Independent => Matrix<Complex>.Build.DenseIdentity(m),
            CouplingKind.Vector => RandomRankOne(m, random),
            _ => RandomPositive(m, random),
        };
        bool positionLike = random.Chance(PositionLikeProbability);
        return (new BathDescription(party.Name, bose ? BathStatistics.Bose : BathStatistics.Fermi, temperature, mu, density,
            k.ToArray(), positionLike), kind);
    }

    /// <summary>Haar-random unitary: modified Gram–Schmidt of the columns of a complex Ginibre matrix (R has a positive diagonal).</summary>
    private static Matrix<Complex> HaarUnitary(int d, InstanceRandom random)
    {
        var g = Matrix<Complex>.Build.Dense(d, d);
        for (int j = 0; j < d; j++)
            for (int i = 0; i < d; i++) g[i, j] = random.ComplexGaussian();
        for (int j = 0; j < d; j++)
        {
            for (int k = 0; k < j; k++)
            {
                Complex projection = Complex.Zero;
                for (int i = 0; i < d; i++) projection += Complex.Conjugate(g[i, k]) * g[i, j];
                for (int i = 0; i < d; i++) g[i, j] -= projection * g[i, k];
            }
            double norm = 0;
            for (int i = 0; i < d; i++) { var z = g[i, j]; norm += (z.Real * z.Real) + (z.Imaginary * z.Imaginary); }
            norm = Math.Sqrt(norm);
            for (int i = 0; i < d; i++) g[i, j] /= norm;
        }
        return g;
    }

    private static ImmutableArray<Party> RandomPartition(int d, InstanceRandom random)
    {
        int n = random.Integer(2, Math.Min(MaxParties, d));
        var order = Enumerable.Range(0, d).ToArray();
        random.Shuffle(order);
        var cutCandidates = Enumerable.Range(1, d - 1).ToArray();
        random.Shuffle(cutCandidates);
        var cuts = cutCandidates.Take(n - 1).Order().Append(d).ToArray();
        var groups = new List<int[]>(n);
        int start = 0;
        foreach (int end in cuts)
        {
            groups.Add(order[start..end].Order().ToArray());
            start = end;
        }
        return [.. groups.OrderBy(g => g[0]).Select((g, i) => new Party(PartyNames[i], [.. g]))];
    }

    private static double LowestEigenvalue(Matrix<Complex> h, ImmutableArray<int> modes)
    {
        var block = Matrix<Complex>.Build.Dense(modes.Length, modes.Length, (i, j) => h[modes[i], modes[j]]);
        return HermitianSpectrum.Eigenvalues(HermitianSpectrum.HermitianPart(block))[0];
    }

    private static Matrix<Complex> RandomRankOne(int m, InstanceRandom random)
    {
        var c = Vector<Complex>.Build.Dense(m, _ => random.ComplexGaussian());
        c *= Math.Sqrt(m) / c.L2Norm();
        return c.OuterProduct(c.Conjugate());
    }

    private static Matrix<Complex> RandomPositive(int m, InstanceRandom random)
    {
        var b = Matrix<Complex>.Build.Dense(m, m);
        for (int j = 0; j < m; j++)
            for (int i = 0; i < m; i++) b[i, j] = random.ComplexGaussian();
        var k = b * b.ConjugateTranspose();
        k = 0.5 * (k + k.ConjugateTranspose());
        return k * (m / k.Trace().Real);
    }
}
