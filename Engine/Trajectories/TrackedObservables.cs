namespace BosonicTrajectories.Trajectories;

/// <summary>
/// The real numbers recorded per trajectory at every output time, in a fixed layout for d modes
/// (K = 3d + 4d² values; complex moments as re, im pairs):
/// [0, d) n_i = ⟨a_i† a_i⟩; [d, 3d) ⟨a_i⟩; [3d, 3d + 2d²) ⟨a_i† a_j⟩ (row i, column j);
/// [3d + 2d², 3d + 4d²) ⟨a_i a_j⟩. All are lab-frame expectation values in the normalised trajectory state.
/// </summary>
public static class TrackedObservables
{
    /// <summary>K, the number of real values per output time.</summary>
    public static int Count(int modes) => (3 * modes) + (4 * modes * modes);

    /// <summary>Index of n_i.</summary>
    public static int Occupation(int mode) => mode;

    /// <summary>Index of Re⟨a_i⟩ (Im at +1).</summary>
    public static int Annihilation(int modes, int mode) => modes + (2 * mode);

    /// <summary>Index of Re⟨a_i† a_j⟩ (Im at +1).</summary>
    public static int CreationAnnihilation(int modes, int i, int j) => (3 * modes) + (2 * ((i * modes) + j));

    /// <summary>Index of Re⟨a_i a_j⟩ (Im at +1).</summary>
    public static int AnnihilationPair(int modes, int i, int j) => (3 * modes) + (2 * modes * modes) + (2 * ((i * modes) + j));

    /// <summary>A readable name of value <paramref name="index"/> (for messages and CSV headers).</summary>
    public static string Name(int modes, int index)
    {
        if (index < modes) return $"n_{index}";
        if (index < 3 * modes) return $"{Part(index - modes)}<a_{(index - modes) / 2}>";
        int rest = index - (3 * modes);
        string kind = rest < 2 * modes * modes ? "ad{0} a{1}" : "a{0} a{1}";
        int pair = (rest % (2 * modes * modes)) / 2;
        return $"{Part(rest)}<{string.Format(System.Globalization.CultureInfo.InvariantCulture, kind, pair / modes, pair % modes)}>";
    }

    private static string Part(int offset) => offset % 2 == 0 ? "Re" : "Im";
}
