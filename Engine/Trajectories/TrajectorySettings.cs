using System.Collections.Immutable;
using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// Numerical and ensemble options of a trajectory run. Together with the problem they fix the result bit for bit
/// (except <see cref="WallClockLimit"/>, which only decides how many leading trajectories are kept).
/// </summary>
/// <param name="Integrator">Adaptive integrator by registry name (needs dense output).</param>
/// <param name="RelativeTolerance">Integrator rtol.</param>
/// <param name="AbsoluteTolerance">Integrator atol (on the real and imaginary parts of ψ).</param>
/// <param name="JumpTimeTolerance">The jump locator stops when |‖ψ(t*)‖² − r| ≤ JumpTimeTolerance · r, with ‖ψ(t*)‖²
/// from the integrator's dense output inside the step where the norm crossed the threshold r (or when the bracket
/// has shrunk to a few ulps of t). The error in time is then about JumpTimeTolerance · r / |d‖ψ‖²/dt|.</param>
/// <param name="Seed">Ensemble seed: trajectory k uses the stream <see cref="TrajectoryRandom.ForTrajectory"/>(Seed, k).</param>
/// <param name="ChunkSize">Trajectories per chunk: consecutive absolute indices [jC, (j+1)C). Work is handed out per chunk,
/// the early-stop test runs after each chunk in index order, and chunk j belongs to jackknife group j mod G.
/// Part of the result's identity: merging requires equal chunk sizes.</param>
/// <param name="JackknifeGroups">G, the number of groups of the ensemble density matrix kept for the delete-group jackknife
/// (memory G · D(D+1)/2 · 32 bytes per density time). 1 keeps only the total (no confidence interval).</param>
/// <param name="DensityMatrixTimes">Indices into the output times at which Σ|ψ⟩⟨ψ| is accumulated (default: none).</param>
/// <param name="SteadyStateWindowStart">t_relax: per-trajectory time averages of the observables over the output times in
/// [t_relax, t_end] are accumulated (null: no steady-state estimate).</param>
/// <param name="StandardErrorTarget">Stop after the first chunk at which every tracked observable at every output time has a
/// standard error of the mean below this (null: run all trajectories).</param>
/// <param name="MinimumTrajectoriesForTarget">Do not apply <see cref="StandardErrorTarget"/> before this many trajectories
/// (standard errors from very few samples are unreliable).</param>
/// <param name="WallClockLimit">Stop when this much time has passed, keeping the completed leading trajectories.</param>
/// <param name="JumpLogCapacity">Each worker keeps up to this many jump events of its current trajectory (for diagnostics).</param>
/// <param name="FixedStep">Step of fixed-step integrators (rk4); null keeps the registry default.</param>
public sealed record TrajectorySettings(
    string Integrator = "dopri5",
    double RelativeTolerance = 1e-6,
    double AbsoluteTolerance = 1e-8,
    double JumpTimeTolerance = 1e-10,
    ulong Seed = 1,
    int ChunkSize = 8,
    int JackknifeGroups = 20,
    ImmutableArray<int> DensityMatrixTimes = default,
    double? SteadyStateWindowStart = null,
    double? StandardErrorTarget = null,
    long MinimumTrajectoriesForTarget = 32,
    TimeSpan? WallClockLimit = null,
    int JumpLogCapacity = 0,
    double? FixedStep = null)
{
    /// <summary>Density-matrix time indices, never default.</summary>
    public ImmutableArray<int> DensityTimes => DensityMatrixTimes.IsDefault ? [] : DensityMatrixTimes;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option against <paramref name="problem"/>.</summary>
    public void Validate(TrajectoryProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var errors = new List<string>();
        if (!(RelativeTolerance > 0)) errors.Add($"RelativeTolerance = {RelativeTolerance} must be > 0");
        if (!(AbsoluteTolerance > 0)) errors.Add($"AbsoluteTolerance = {AbsoluteTolerance} must be > 0");
        if (!(JumpTimeTolerance > 0 && JumpTimeTolerance < 1)) errors.Add($"JumpTimeTolerance = {JumpTimeTolerance} must be in (0, 1)");
        if (ChunkSize < 1) errors.Add($"ChunkSize = {ChunkSize} must be ≥ 1");
        if (JackknifeGroups < 1) errors.Add($"JackknifeGroups = {JackknifeGroups} must be ≥ 1");
        foreach (int index in DensityTimes)
            if (index < 0 || index >= problem.OutputTimes.Length)
                errors.Add($"DensityMatrixTimes contains {index}, valid output-time indices are 0..{problem.OutputTimes.Length - 1}");
        if (DensityTimes.Distinct().Count() != DensityTimes.Length) errors.Add("DensityMatrixTimes has duplicates");
        if (SteadyStateWindowStart is double start && !(start <= problem.OutputTimes[^1]))
            errors.Add($"SteadyStateWindowStart = {start} is after the last output time {problem.OutputTimes[^1]}");
        if (StandardErrorTarget is double target && !(target > 0)) errors.Add($"StandardErrorTarget = {target} must be > 0");
        if (JumpLogCapacity < 0) errors.Add($"JumpLogCapacity = {JumpLogCapacity} must be ≥ 0");
        if (FixedStep is double h && !(h > 0)) errors.Add($"FixedStep = {h} must be > 0");
        if (!IntegratorRegistry.IsRegistered(Integrator))
            errors.Add($"Integrator '{Integrator}' is unknown; valid: {string.Join(", ", IntegratorRegistry.Names)}");
        if (Integrator == "krylov" && !problem.Generator.IsTimeIndependent)
            errors.Add("Integrator 'krylov' needs a time-independent generator, but the interaction-picture generator carries " +
                       "phases e^{i(E0_r − E0_c)t}; build the TrajectoryProblem with frame: TrajectoryFrame.Lab");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(problem));
    }

    /// <summary>The integrator options: the registry's defaults for <see cref="Integrator"/> with these tolerances.</summary>
    public IntegratorOptions CreateIntegratorOptions()
    {
        var defaults = IntegratorRegistry.DefaultOptions(Integrator);
        return defaults with
        {
            RelativeTolerance = RelativeTolerance,
            AbsoluteTolerance = AbsoluteTolerance,
            FixedStep = FixedStep ?? defaults.FixedStep,
        };
    }

    /// <summary>Index of the first output time in the steady-state window, or −1.</summary>
    public int WindowStartIndex(TrajectoryProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (SteadyStateWindowStart is not double start) return -1;
        for (int i = 0; i < problem.OutputTimes.Length; i++)
            if (problem.OutputTimes[i] >= start) return i;
        return -1;
    }
}
