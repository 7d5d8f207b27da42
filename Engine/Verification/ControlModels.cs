using System.Collections.Immutable;
using BosonicTrajectories.Model;
using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Verification;

/// <summary>
/// Models that break the theorem's hypotheses on purpose; the engine must report them entangled. They are fixed
/// (not random) so their values can be compared with closed forms and between runs.
/// </summary>
public static class ControlModels
{
    /// <summary>The parametric amplifier's squeezing rate s and loss rate κ (the Gaussian tests' closed-form case).</summary>
    public const double AmplifierSqueezing = 0.02, AmplifierLoss = 0.1;

    /// <summary>The squeezing rates of the sweep; s = 0 is a thermal machine inside the hypotheses.</summary>
    public static readonly ImmutableArray<double> SweepSqueezing = [0.0, 1e-4, 1e-3, 0.01, 0.02];

    /// <summary>Two-mode squeezing rate between parties A and C of the three-party control machine.</summary>
    public const double ThreePartySqueezing = 0.05;

    /// <summary>
    /// Model kind <c>lindblad</c>: H = s (a_0† a_1† + a_0 a_1), jumps √κ a_0 and √κ a_1, parties A = {0}, B = {1}.
    /// Stable for s &lt; κ/2; the steady state is two-mode squeezed thermal with E_N = ln(1 + 2s/κ).
    /// </summary>
    public static OpenSystemModel ParametricAmplifier(double s = AmplifierSqueezing, double kappa = AmplifierLoss) =>
        new(2, [new Party("A", [0]), new Party("B", [1])],
            TwoModeSqueezing(s, 0, 1),
            [
                new JumpOperator("loss A", Polynomial.Linear([Math.Sqrt(kappa), 0], [0, 0])),
                new JumpOperator("loss B", Polynomial.Linear([0, Math.Sqrt(kappa)], [0, 0])),
            ],
            null, []);

    /// <summary>E_N = ln(1 + 2s/κ) of the parametric amplifier's steady state (Gaussian tests derive it).</summary>
    public static double ParametricAmplifierLogNegativity(double s = AmplifierSqueezing, double kappa = AmplifierLoss) =>
        Math.Log(1 + (2 * s / kappa));

    /// <summary>
    /// A two-mode thermal machine with zero-temperature bose baths (H = [[1, 0.05], [0.05, 1.2]], flat κ = 0.05 on each
    /// party, global approach) plus the extra term s (a_0† a_1† + a_0 a_1) between its parties A and B. At s = 0 its
    /// steady state is the vacuum, Σ = I/2 exactly (certificate margin 0), so any s &gt; 0 squeezes it below I/2 and
    /// entangles it: the log-negativity leaves 0 at s = 0⁺ (linearly, E_N ≈ 2s/(ω_a + ω_b) for s ≪ ω).
    /// </summary>
    public static ThermalMachineDescription ColdTwoModeMachine(double s)
    {
        Complex[,] h = { { 1.0, 0.05 }, { 0.05, 1.2 } };
        ImmutableArray<Party> parties = [new Party("A", [0]), new Party("B", [1])];
        ImmutableArray<BathDescription> baths =
        [
            Bath("A", BathStatistics.Bose, 0.0, 1),
            Bath("B", BathStatistics.Bose, 0.0, 1),
        ];
        return new ThermalMachineDescription(2, parties, h, baths, SecularApproach.Global, false,
            s == 0 ? Polynomial.Zero : TwoModeSqueezing(s, 0, 1));
    }

    /// <summary>
    /// A three-party thermal machine (modes 0, 1, 2 in parties A, B, C; nearest-neighbour complex hoppings; a cold bose
    /// bath on A, a fermi bath at T = 0.1 on B, a cold bose bath on C; local approach) plus two-mode squeezing
    /// s (a_0† a_2† + a_0 a_2) between A and C.
    /// </summary>
    public static ThermalMachineDescription ThreePartyMachine(double s = ThreePartySqueezing)
    {
        Complex[,] h =
        {
            { 1.0, new Complex(0.04, 0.02), 0 },
            { new Complex(0.04, -0.02), 1.3, 0.03 },
            { 0, 0.03, 0.9 },
        };
        ImmutableArray<Party> parties = [new Party("A", [0]), new Party("B", [1]), new Party("C", [2])];
        ImmutableArray<BathDescription> baths =
        [
            Bath("A", BathStatistics.Bose, 0.0, 1),
            Bath("B", BathStatistics.Fermi, 0.1, 1),
            Bath("C", BathStatistics.Bose, 0.0, 1),
        ];
        return new ThermalMachineDescription(3, parties, h, baths, SecularApproach.Local, false, TwoModeSqueezing(s, 0, 2));
    }

    /// <summary>s (a_i† a_j† + a_i a_j).</summary>
    public static Polynomial TwoModeSqueezing(double s, int i, int j) =>
        Polynomial.Single(s, new LadderOperator(i, true), new LadderOperator(j, true)) +
        Polynomial.Single(s, new LadderOperator(i, false), new LadderOperator(j, false));

    private static BathDescription Bath(string party, BathStatistics statistics, double temperature, int modes) =>
        new(party, statistics, temperature, 0.0, new FlatSpectralDensity(0.05), Identity(modes), false);

    private static Complex[,] Identity(int m)
    {
        var k = new Complex[m, m];
        for (int i = 0; i < m; i++) k[i, i] = 1;
        return k;
    }
}
