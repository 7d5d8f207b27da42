namespace BosonicTrajectories.Verification;

/// <summary>What the Gaussian check found for one instance.</summary>
public enum InstanceOutcome
{
    /// <summary>Every log-negativity ≤ the threshold and Σ ≥ I/2: the theorem holds here.</summary>
    Holds,

    /// <summary>A log-negativity above the threshold or Σ ≱ I/2: a counterexample (or a bug).</summary>
    Violates,

    /// <summary>The check could not be carried out (an exception; the message is in <see cref="InstanceResult.Error"/>).</summary>
    Failed,
}

/// <summary>
/// The Gaussian check of one generated thermal machine: the steady-state log-negativity of every bipartition of the
/// parties, the Σ ≥ I/2 certificate and the model's diagnostics.
/// </summary>
/// <param name="Index">Instance index k.</param>
/// <param name="Machine">The generated machine (null only when generating it failed).</param>
/// <param name="Bipartitions">Number of bipartitions checked (2^(N−1) − 1 for N parties).</param>
/// <param name="MaxLogNegativity">Largest Gaussian log-negativity over the bipartitions.</param>
/// <param name="WorstBipartition">The bipartition with that value (label "A+B|C").</param>
/// <param name="CertificateMargin">λ_min(Σ − I/2): ≥ 0 certifies separability across every cut.</param>
/// <param name="Certified">The certificate holds up to round-off (<see cref="Gaussian.SeparabilityCertificate"/>).</param>
/// <param name="MinEigenvalueEmissionMinusAbsorption">λ_min(E − A) (&gt; 0: unique steady state).</param>
/// <param name="SecularMargin">Smallest Bohr-frequency gap over the largest rate.</param>
/// <param name="Occupations">Steady-state ⟨a_i† a_i⟩ from the backend's Σ.</param>
/// <param name="Outcome">Holds, violates or failed.</param>
/// <param name="Error">Why the check failed, when it did.</param>
public sealed record InstanceResult(
    int Index,
    GeneratedMachine? Machine,
    int Bipartitions,
    double MaxLogNegativity,
    string WorstBipartition,
    double CertificateMargin,
    bool Certified,
    double MinEigenvalueEmissionMinusAbsorption,
    double SecularMargin,
    IReadOnlyList<double> Occupations,
    InstanceOutcome Outcome,
    string? Error)
{
    public static InstanceResult FailedAt(int index, GeneratedMachine? machine, Exception error) =>
        new(index, machine, 0, double.NaN, "", double.NaN, false,
            machine?.Model.Passive?.Diagnostics.MinEigenvalueEmissionMinusAbsorption ?? double.NaN,
            machine?.Model.Passive?.Diagnostics.SecularMargin ?? double.NaN, [], InstanceOutcome.Failed,
            $"{error.GetType().Name}: {error.Message}");
}
