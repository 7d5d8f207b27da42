namespace BosonicTrajectories.Gaussian;

/// <summary>Where in an <see cref="BosonicTrajectories.Model.OpenSystemModel"/> a non-Gaussian term sits.</summary>
public enum NonGaussianTermSource { Hamiltonian, Jump }

/// <summary>
/// The model has a Hamiltonian term of degree &gt; 2 or a jump operator that is not linear, so its moment equations
/// do not close and the Gaussian method cannot treat it. The message names the term; the properties locate it so a
/// caller can map it back to a config path.
/// </summary>
public sealed class NonGaussianModelException : Exception
{
    public NonGaussianModelException(string message, NonGaussianTermSource source, int termIndex, int? jumpIndex, string? jumpLabel)
        : base(message)
    {
        TermSource = source;
        TermIndex = termIndex;
        JumpIndex = jumpIndex;
        JumpLabel = jumpLabel;
    }

    /// <summary>Whether the offending term is in the Hamiltonian or in a jump operator.</summary>
    public NonGaussianTermSource TermSource { get; }

    /// <summary>Index of the term in <c>Hamiltonian.Terms</c>, or in the jump's <c>Operator.Terms</c>.</summary>
    public int TermIndex { get; }

    /// <summary>Index into <c>Jumps</c> when <see cref="TermSource"/> is <see cref="NonGaussianTermSource.Jump"/>.</summary>
    public int? JumpIndex { get; }

    /// <summary>The jump's label when <see cref="TermSource"/> is <see cref="NonGaussianTermSource.Jump"/>.</summary>
    public string? JumpLabel { get; }
}
