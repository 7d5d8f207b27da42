namespace BosonicTrajectories.Verification;

/// <summary>What a <c>verify</c> campaign checks (how it runs — threads, progress — is a <see cref="Simulation.RunContext"/>).</summary>
/// <param name="Instances">Number of random thermal machines (instances 0..N−1).</param>
/// <param name="Modes">Range of mode counts d.</param>
/// <param name="Seed">The campaign seed; instance k draws from (Seed, k).</param>
/// <param name="FockSubset">Number of Fock cross-checks; 0 runs the Gaussian backend only (no Fock checks or Fock controls).</param>
public sealed record VerificationSettings(int Instances, ModesRange Modes, ulong Seed, int FockSubset)
{
    public const int DefaultInstances = 1000;
    public const ulong DefaultSeed = 1;
    public const int DefaultFockSubset = 3;

    /// <summary>More Fock checks than this would take hours (each is a c⁴-entry Lindblad run over 9 relaxation times).</summary>
    public const int MaxFockSubset = 100;

    public static ModesRange DefaultModes => new(2, 4);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Instances < 1) throw new ArgumentException($"the number of instances must be ≥ 1, got {Instances}", nameof(Instances));
        Modes.Validate(nameof(Modes));
        if (FockSubset is < 0 or > MaxFockSubset)
            throw new ArgumentException($"the Fock subset must be in 0..{MaxFockSubset}, got {FockSubset}", nameof(FockSubset));
    }
}
