using System.Collections.Immutable;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// The product basis H_A ⊗ H_B in which a partial transpose over the modes of side B is taken.
/// <para>
/// H_A and H_B are the truncated spaces of each side's modes (see <see cref="FockSpace"/> for their order):
/// with per-mode truncation, the side's own levels c_i (so H_A ⊗ H_B is the whole space, merely reordered);
/// with total-excitation truncation K, all occupations of the side with Σ n ≤ K. In the second case the
/// product space is larger than the truncated space: ρ is embedded with zeros outside Σ n ≤ K, which is
/// needed because ρ^{T_B} maps |n_A n_B⟩⟨m_A m_B| to |n_A m_B⟩⟨m_A n_B|, and n_A + m_B can exceed K.
/// Product index = a · D_B + b for local indices a ∈ H_A, b ∈ H_B.
/// </para>
/// </summary>
public sealed class BipartiteProductBasis
{
    private readonly int[] _localA;          // space index → index in H_A
    private readonly int[] _localB;          // space index → index in H_B
    private readonly int[] _spaceIndex;      // product index → space index, −1 outside the truncation

    /// <param name="space">The truncated space of all modes.</param>
    /// <param name="sideB">The modes partially transposed: distinct, in range, neither empty nor all modes.</param>
    public BipartiteProductBasis(FockSpace space, IReadOnlyCollection<int> sideB)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(sideB);
        if (sideB.Count == 0 || sideB.Count >= space.Modes || sideB.Distinct().Count() != sideB.Count || sideB.Any(m => (uint)m >= (uint)space.Modes))
            throw new ArgumentException($"side B must be distinct modes in 0..{space.Modes - 1}, not empty and not all of them; got [{string.Join(", ", sideB)}]", nameof(sideB));
        Space = space;
        ModesB = [.. sideB.Order()];
        ModesA = [.. Enumerable.Range(0, space.Modes).Except(ModesB)];
        SideA = LocalSpace(space, ModesA);
        SideB = LocalSpace(space, ModesB);

        _localA = new int[space.Dimension];
        _localB = new int[space.Dimension];
        _spaceIndex = new int[checked(SideA.Dimension * SideB.Dimension)];
        Array.Fill(_spaceIndex, -1);
        var a = new int[ModesA.Length];
        var b = new int[ModesB.Length];
        for (int index = 0; index < space.Dimension; index++)
        {
            for (int k = 0; k < a.Length; k++) a[k] = space.Occupation(index, ModesA[k]);
            for (int k = 0; k < b.Length; k++) b[k] = space.Occupation(index, ModesB[k]);
            _localA[index] = SideA.IndexOf(a);
            _localB[index] = SideB.IndexOf(b);
            _spaceIndex[ProductIndex(index)] = index;
        }
    }

    public FockSpace Space { get; }

    public ImmutableArray<int> ModesA { get; }

    public ImmutableArray<int> ModesB { get; }

    /// <summary>H_A over <see cref="ModesA"/> (mode k of this space is mode ModesA[k]).</summary>
    public FockSpace SideA { get; }

    /// <summary>H_B over <see cref="ModesB"/>.</summary>
    public FockSpace SideB { get; }

    /// <summary>dim H_A · dim H_B.</summary>
    public int Dimension => SideA.Dimension * SideB.Dimension;

    /// <summary>Local index in H_A of basis state <paramref name="index"/>.</summary>
    public int LocalA(int index) => _localA[index];

    /// <summary>Local index in H_B of basis state <paramref name="index"/>.</summary>
    public int LocalB(int index) => _localB[index];

    /// <summary>a · D_B + b for basis state <paramref name="index"/>.</summary>
    public int ProductIndex(int index) => (_localA[index] * SideB.Dimension) + _localB[index];

    /// <summary>The basis index of product state (a, b), or −1 when it lies outside the truncated space.</summary>
    public int SpaceIndex(int a, int b) => _spaceIndex[(a * SideB.Dimension) + b];

    private static FockSpace LocalSpace(FockSpace space, ImmutableArray<int> modes) => space.Truncation switch
    {
        TotalExcitationTruncation total => new FockSpace(total, modes.Length),
        _ => new FockSpace(new PerModeTruncation([.. modes.Select(m => space.MaxLevel(m) + 1)]), modes.Length),
    };
}
