using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Tests.Trajectories;

/// <summary>
/// The embedded default config (hot/cold machine from the thermal-machine builder, even cat α = 2 ⊗ vacuum, perMode 20)
/// by trajectories, against QuTiP 4.7 mesolve (shared/reference/hot-cold-cat.json, "lindbladSeries").
/// </summary>
public class HotColdCatTrajectoryTests
{
    /// <summary>Statistical band: 4 standard errors (42 comparisons: a false alarm has probability ≈ 3e−3 per seed).</summary>
    private const double Sigmas = 4;

    /// <summary>mesolve's own error (~1e−7) and our rtol 1e−6 integration are far below the statistical band.</summary>
    private const double ReferenceSlack = 1e-5;

    // lindbladSeries.n: ⟨n_0⟩, ⟨n_1⟩ at t = 0, 1, …, 20 (QuTiP mesolve, perMode 20).
    private static readonly double[,] SeriesN =
    {
        { 3.9973169234623147, 0.0 }, { 3.823656100183531, 0.054851916462908004 }, { 3.591304263279485, 0.17418880111761137 },
        { 3.317696530403467, 0.3402929005195332 }, { 3.022131399651247, 0.5335971056840815 }, { 2.7240735850869857, 0.7343812644925857 },
        { 2.441606222803264, 0.9243191801162965 }, { 2.190138931673784, 1.0877699128856928 }, { 1.981447973680837, 1.2127370808827993 },
        { 1.8230916419757626, 1.2914529638388599 }, { 1.7182107041815198, 1.3205775555722197 }, { 1.6656927918087678, 1.3010336710454702 },
        { 1.6606532532507896, 1.2375255922229933 }, { 1.6951648257797707, 1.1378088980462417 }, { 1.7591555349696444, 1.0117920768430175 },
        { 1.8413888370564577, 0.8705559321282392 }, { 1.930441869256434, 0.7253749696034074 }, { 2.0156058626657782, 0.5868167676736853 },
        { 2.0876459705298482, 0.4639820841865756 }, { 2.139374468031516, 0.36393165003579403 }, { 2.166010011307917, 0.2913267942637988 },
    };

    [Test]
    public void OccupationsFollowMesolveForTwentyTimeUnits()
    {
        var config = ConfigLoader.Default();
        var space = new FockSpace(config.Truncation, config.Modes);
        double[] times = [.. Enumerable.Range(0, 21).Select(i => (double)i)];
        var problem = TrajectoryProblem.Build(ModelBuilder.Build(config.Model), InitialStates.Build(space, config.InitialState), times);
        var result = EnsembleResult.From(TrajectoryEnsemble.Run(problem, new TrajectorySettings(Seed: 3), new IndexRange(0, 300), threads: 2));
        for (int t = 0; t < times.Length; t++)
        {
            for (int mode = 0; mode < 2; mode++)
            {
                double se = result.OccupationStandardError(t, mode);
                Assert.That(result.Occupation(t, mode), Is.EqualTo(SeriesN[t, mode]).Within((Sigmas * se) + ReferenceSlack),
                    $"n_{mode} at t = {t} (SE {se})");
            }
        }
    }
}
