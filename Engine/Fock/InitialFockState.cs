using System.Collections.Immutable;
using System.Numerics;

namespace BosonicTrajectories.Fock;

/// <summary>One pure component |ψ_k⟩ (unit norm) of a mixture, with its probability p_k.</summary>
public sealed record MixtureComponent(double Probability, ImmutableArray<Complex> Vector);

/// <summary>
/// An initial state on a truncated <see cref="FockSpace"/>, renormalised to unit trace:
/// ρ = Σ_k p_k |ψ_k⟩⟨ψ_k| with mutually orthogonal unit vectors ψ_k (an eigendecomposition of ρ, so
/// trajectories can sample a component with probability p_k). A pure state has exactly one component.
/// </summary>
public sealed class InitialFockState
{
    internal InitialFockState(FockSpace space, ImmutableArray<MixtureComponent> components, double truncatedNorm)
    {
        Space = space;
        Components = components;
        TruncatedNorm = truncatedNorm;
    }

    /// <summary>The space the vectors live in.</summary>
    public FockSpace Space { get; }

    /// <summary>The orthonormal components and their probabilities (Σ p_k = 1).</summary>
    public ImmutableArray<MixtureComponent> Components { get; }

    /// <summary>Tr ρ in the truncated space before renormalisation (1 − TruncatedNorm is the weight the cutoff lost).</summary>
    public double TruncatedNorm { get; }

    /// <summary>True for a pure state (a single component).</summary>
    public bool IsPure => Components.Length == 1;

    /// <summary>ψ of a pure state.</summary>
    public ImmutableArray<Complex> PureState =>
        IsPure ? Components[0].Vector : throw new InvalidOperationException("the initial state is a mixture; use Components");

    /// <summary>ρ = Σ_k p_k |ψ_k⟩⟨ψ_k| as a row-major D×D array (entry (i, j) at i·D + j).</summary>
    public Complex[] ToDensityMatrix()
    {
        int d = Space.Dimension;
        var rho = new Complex[d * d];
        foreach (var (probability, vector) in Components)
        {
            for (int i = 0; i < d; i++)
            {
                Complex left = probability * vector[i];
                if (left == Complex.Zero) continue;
                var row = rho.AsSpan(i * d, d);
                for (int j = 0; j < d; j++) row[j] += left * Complex.Conjugate(vector[j]);
            }
        }
        return rho;
    }
}
