using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Verification;

/// <summary>A thermal machine small enough for the Fock cross-check, with the cutoff and relaxation time chosen for it.</summary>
public sealed record FockCandidate(int Candidate, GeneratedMachine Machine, int Cutoff, double PredictedTail, double RelaxationTime);

/// <summary>
/// Picks the machines for the Fock cross-check. With d from 2 to 6 and κ log-uniform, few campaign instances fit a
/// small cutoff, so the Fock set comes from its own streams: candidate j is <see cref="RandomThermalMachines"/> instance j
/// of seed <c>seed ^ </c><see cref="StreamSalt"/> with two modes, kept when (i) the smallest c with max_i x_i^c &lt;
/// <see cref="TailTarget"/> (x_i = n̄_i/(1 + n̄_i), n̄_i from the Gaussian steady state; the marginal of a passive Gaussian state
/// is thermal, so x^c is its weight at n ≥ c) is at most <see cref="MaxCutoff"/>, and (ii) the slowest amplitude decay rate γ is
/// at least <see cref="MinRelaxationRate"/>, so a run of <see cref="FockCrossCheck.RelaxationTimes"/>/γ stays short. The first
/// K accepted candidates form the set: it depends on the seed only, not on --instances, --modes or threads.
/// </summary>
public static class FockInstances
{
    /// <summary>Distinguishes the Fock streams from the campaign's (any fixed odd constant would do).</summary>
    public const ulong StreamSalt = 0x5F0C_C0FF_EE15_F0C5UL;

    /// <summary>Gaussian weight allowed beyond the cutoff on each mode.</summary>
    public const double TailTarget = 1e-6;

    /// <summary>Largest Fock cutoff per mode (D = c², ρ has c⁴ entries).</summary>
    public const int MaxCutoff = 14;

    /// <summary>Smallest cutoff: holds the initial cat |α, α⟩ + |−α, −α⟩ with α = 1 (Poisson(1) weight at n ≥ 10 is 1.1e-7).</summary>
    public const int MinCutoff = 10;

    /// <summary>Smallest accepted γ: the run of 9/γ then lasts at most 900 time units.</summary>
    public const double MinRelaxationRate = 0.01;

    /// <summary>Candidates tried before giving up (acceptance is a few per cent).</summary>
    public const int MaxCandidates = 5000;

    /// <summary>The first <paramref name="count"/> accepted candidates for <paramref name="seed"/>, occupations from <paramref name="backend"/>.</summary>
    public static IReadOnlyList<FockCandidate> Select(ulong seed, int count, IGaussianBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var chosen = new List<FockCandidate>(count);
        for (int j = 0; j < MaxCandidates && chosen.Count < count; j++)
        {
            var machine = RandomThermalMachines.Generate(seed ^ StreamSalt, j, new ModesRange(2, 2));
            double rate = SlowestDecayRate(machine);
            if (rate < MinRelaxationRate) continue;
            double[] occupations;
            try
            {
                occupations = InstanceCheck.Occupations(backend.SteadyCovariance(machine.Model));
            }
            catch (UnstableModelException)
            {
                continue;
            }
            var (cutoff, tail) = CutoffFor(occupations);
            if (cutoff <= MaxCutoff) chosen.Add(new FockCandidate(j, machine, cutoff, tail, 1 / rate));
        }
        return chosen;
    }

    /// <summary>The smallest c ≥ <see cref="MinCutoff"/> with max_i x_i^c &lt; <see cref="TailTarget"/>, and that tail.</summary>
    public static (int Cutoff, double Tail) CutoffFor(IReadOnlyList<double> occupations)
    {
        ArgumentNullException.ThrowIfNull(occupations);
        double x = occupations.Select(n => Math.Max(0, n) / (1 + Math.Max(0, n))).DefaultIfEmpty(0).Max();
        int c = MinCutoff;
        while (Math.Pow(x, c) >= TailTarget && c <= MaxCutoff) c++;
        return (c, Math.Pow(x, c));
    }

    /// <summary>γ = min_k (−Re λ_k) over the eigenvalues of X = −i(H + H_LS) − ½(E − A): ⟨a⟩ decays as e^{−γt} or faster.</summary>
    public static double SlowestDecayRate(GeneratedMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var x = PassiveGaussianMoments.Drift(machine.Model.Passive!);
        return x.Evd(Symmetricity.Asymmetric).EigenValues.Min(l => -l.Real);
    }
}
