namespace BosonicTrajectories.Trajectories;

/// <summary>
/// The frame in which trajectories integrate ψ_I = e^{iH0 t} ψ. Norms (hence jump statistics) and every output are
/// the same in all frames; only the integrator's work differs.
/// </summary>
public enum TrajectoryFrame
{
    /// <summary>H0 = 0: the lab frame (a time-independent generator, as the krylov integrator requires).</summary>
    Lab,

    /// <summary>
    /// H0 = Σ_i ω_i n_i from the number terms ω_i a_i† a_i of H. Entry phases depend only on the occupation change,
    /// so a right-hand side costs one sine/cosine per distinct change. Removes all free rotation of quadratic models.
    /// </summary>
    NumberTerms,

    /// <summary>
    /// H0 = diag(H) in the Fock basis (as the Lindblad solver uses): also removes Kerr-type diagonal rotation.
    /// A right-hand side costs D sines/cosines (e^{iE0_r t} per basis state) plus one extra product per entry.
    /// </summary>
    FockDiagonal,
}
