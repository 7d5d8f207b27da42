using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Fock;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// The estimates of an ensemble: for every output time and tracked observable the mean over trajectories and its
/// standard error (sample standard deviation / √n); the steady-state window estimate; the ensemble density matrices;
/// and what produced them (count, seed, index ranges, stop reason). Built from <see cref="EnsembleSums"/>.
/// </summary>
public sealed class EnsembleResult
{
    private readonly double[] _means;
    private readonly double[] _errors;

    private EnsembleResult(EnsembleSums sums)
    {
        Sums = sums;
        int times = sums.OutputTimes.Length, k = sums.ObservableCount;
        _means = new double[times * k];
        _errors = new double[times * k];
        for (int t = 0; t < times; t++)
        {
            for (int o = 0; o < k; o++)
            {
                _means[(t * k) + o] = sums.Mean(t, o);
                _errors[(t * k) + o] = sums.StandardError(t, o);
            }
        }
        if (sums.WindowStartIndex >= 0)
        {
            SteadyStateMeans = [.. Enumerable.Range(0, k).Select(sums.WindowMean)];
            SteadyStateStandardErrors = [.. Enumerable.Range(0, k).Select(sums.WindowStandardError)];
        }
        MaxStandardError = _errors.Length == 0 || sums.Count < 2 ? double.NaN : _errors.Max();
    }

    /// <summary>Summarises <paramref name="sums"/> (the sums stay referenced for density matrices and jackknives).</summary>
    public static EnsembleResult From(EnsembleSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        return new EnsembleResult(sums);
    }

    public EnsembleSums Sums { get; }

    public int Modes => Sums.Modes;

    public ImmutableArray<double> OutputTimes => Sums.OutputTimes;

    /// <summary>Trajectories used (after any early stop: exactly the leading ones of the requested range).</summary>
    public long Trajectories => Sums.Count;

    public ulong Seed => Sums.Seed;

    public IReadOnlyList<IndexRange> TrajectoryRanges => Sums.TrajectoryRanges;

    public EnsembleStopReason StopReason => Sums.StopReason;

    /// <summary>The largest standard error over every tracked observable and output time.</summary>
    public double MaxStandardError { get; }

    /// <summary>Mean of tracked observable <paramref name="observable"/> (<see cref="TrackedObservables"/>) at output time index t.</summary>
    public double Mean(int timeIndex, int observable) => _means[(timeIndex * Sums.ObservableCount) + observable];

    /// <summary>Standard error of <see cref="Mean"/>.</summary>
    public double StandardError(int timeIndex, int observable) => _errors[(timeIndex * Sums.ObservableCount) + observable];

    /// <summary>⟨a_i† a_i⟩ at output time index t.</summary>
    public double Occupation(int timeIndex, int mode) => Mean(timeIndex, TrackedObservables.Occupation(mode));

    public double OccupationStandardError(int timeIndex, int mode) => StandardError(timeIndex, TrackedObservables.Occupation(mode));

    /// <summary>⟨a_i⟩ at output time index t.</summary>
    public Complex Annihilation(int timeIndex, int mode) => ComplexAt(timeIndex, TrackedObservables.Annihilation(Modes, mode));

    /// <summary>N with entry [i, j] = ⟨a_i† a_j⟩ at output time index t.</summary>
    public Complex[,] CreationAnnihilation(int timeIndex) =>
        Matrix(timeIndex, (i, j) => TrackedObservables.CreationAnnihilation(Modes, i, j));

    /// <summary>Entry [i, j] = ⟨a_i a_j⟩ at output time index t.</summary>
    public Complex[,] AnnihilationPairs(int timeIndex) =>
        Matrix(timeIndex, (i, j) => TrackedObservables.AnnihilationPair(Modes, i, j));

    /// <summary>Start of the steady-state window, or null.</summary>
    public double? SteadyStateWindowStart => Sums.WindowStartIndex >= 0 ? Sums.OutputTimes[Sums.WindowStartIndex] : null;

    /// <summary>
    /// Steady-state estimates: per observable, the mean over trajectories of each trajectory's time average over the
    /// window [t_relax, t_end] (empty without a window).
    /// </summary>
    public ImmutableArray<double> SteadyStateMeans { get; } = [];

    /// <summary>Their standard errors across trajectories (trajectories are independent, so time correlation is accounted for).</summary>
    public ImmutableArray<double> SteadyStateStandardErrors { get; } = [];

    /// <summary>The ensemble ρ = (1/n) Σ_k |ψ_k⟩⟨ψ_k| at density slot <paramref name="slot"/> (row-major D×D, lab frame).</summary>
    public Complex[] DensityMatrix(int slot) => Sums.DensityMatrix(slot);

    /// <summary>Jackknife interval of the log-negativity across (rest) | <paramref name="sideB"/> at density slot <paramref name="slot"/>.</summary>
    public JackknifeEstimate LogNegativity(int slot, FockSpace space, IReadOnlyCollection<int> sideB, double width = EnsembleJackknife.DefaultWidth) =>
        EnsembleJackknife.LogNegativity(Sums, slot, space, sideB, width);

    private Complex ComplexAt(int timeIndex, int index) => new(Mean(timeIndex, index), Mean(timeIndex, index + 1));

    private Complex[,] Matrix(int timeIndex, Func<int, int, int> index)
    {
        var m = new Complex[Modes, Modes];
        for (int i = 0; i < Modes; i++)
            for (int j = 0; j < Modes; j++)
                m[i, j] = ComplexAt(timeIndex, index(i, j));
        return m;
    }
}
