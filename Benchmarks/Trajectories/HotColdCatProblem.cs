using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Model;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Benchmarks.Trajectories;

/// <summary>
/// The hot/cold cat machine of the embedded default config (H = [[1, 0.1], [0.1, 1.2]], bose flat κ = 0.05 baths at
/// T = 2 and 0.2, global secular jumps from E and A), cutoff 20 per mode (D = 400), even cat α = 2 in mode 0,
/// tEnd 200 with 201 samples, rtol 1e−6, atol 1e−8, dopri5. Benchmarks/qutip/hot_cold_mc.py runs QuTiP's mcsolve
/// on the same model and settings.
/// </summary>
internal static class HotColdCatProblem
{
    public const int Trajectories = 200;

    public static TrajectorySettings Settings { get; } = new(RelativeTolerance: 1e-6, AbsoluteTolerance: 1e-8, Seed: 1);

    public static TrajectoryProblem Build()
    {
        var config = ConfigLoader.Default();
        var model = ModelBuilder.Build(config.Model);
        var space = new FockSpace(new PerModeTruncation([20]), config.Modes);
        var initial = InitialStates.Build(space, config.InitialState);
        double[] times = [.. Enumerable.Range(0, 201).Select(i => (double)i)];
        return TrajectoryProblem.Build(model, initial, times);
    }
}
