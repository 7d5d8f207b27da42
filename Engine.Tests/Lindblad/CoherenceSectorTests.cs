using System.Collections.Immutable;
using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using static BosonicTrajectories.Tests.Lindblad.LindbladTestModels;

namespace BosonicTrajectories.Tests.Lindblad;

/// <summary>The coherence-order path (<see cref="CoherenceSectorRightHandSide"/>) against the general D×D path.</summary>
public class CoherenceSectorTests
{
    // Both paths evaluate the same finite sums, grouped differently: only rounding separates them.
    private const double RoundingTolerance = 1e-12;

    // Fixed-step rk4 with the same steps on both paths: the states differ by the rounding of ~10³ steps.
    private const double EvolutionTolerance = 1e-11;

    /// <summary>
    /// Three coupled modes, local thermal jumps on modes 0 and 2 and two collective losses (conserves N); the four losses
    /// are combinations of a_0, a_1, a_2 and are evaluated as one family (as are the hot/cold machine's jump pairs).
    /// </summary>
    private static OpenSystemModel ThreeModeChain()
    {
        var h = Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, 0.1, 0 }, { 0.1, 1.2, new(0.05, 0.03) }, { 0, new(0.05, -0.03), 1.4 } });
        ImmutableArray<JumpOperator> jumps =
        [
            new("hot loss", Polynomial.Single(Math.Sqrt(0.1), new LadderOperator(0, false))),
            new("hot gain", Polynomial.Single(Math.Sqrt(0.05), new LadderOperator(0, true))),
            new("cold loss", Polynomial.Single(Math.Sqrt(0.06), new LadderOperator(2, false))),
            new("collective", Polynomial.Linear([0.1, new Complex(0, 0.2), 0.15], [0, 0, 0])),
            new("collective 2", Polynomial.Linear([new Complex(0, 0.05), 0.1, new Complex(-0.07, 0.02)], [0, 0, 0])),
        ];
        return new OpenSystemModel(3, [new Party("A", [0]), new Party("B", [1]), new Party("C", [2])], h, jumps, null, []);
    }

    /// <summary>Excitation-conserving but not quadratic: Kerr and cross-Kerr terms, a nonlinear and a two-photon loss, a hopping jump.</summary>
    private static OpenSystemModel NonlinearConserving()
    {
        var h = Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, new(0.1, 0.05) }, { new(0.1, -0.05), 1.3 } })
            + Polynomial.Single(0.04, new(0, true), new(0, true), new(0, false), new(0, false))
            + Polynomial.Single(0.03, new(0, true), new(1, true), new(1, false), new(0, false));
        ImmutableArray<JumpOperator> jumps =
        [
            new("loss", Polynomial.Linear([new Complex(0.2, 0.1), 0.15], [0, 0])),
            // Same excitation change as "loss" but not a multiple of its a_0 part: evaluated one by one, not as a family.
            new("nonlinear loss", Polynomial.Single(0.1, new LadderOperator(0, false)) + Polynomial.Single(0.05, new(0, true), new(0, false), new(0, false))),
            new("two-photon", Polynomial.Single(0.1, new(1, false), new(1, false))),
            new("dephasing-like", Polynomial.Single(0.1, new(0, true), new(1, false)) + Polynomial.Single(0.05, new(1, true), new(1, false))),
            new("gain", Polynomial.Linear([0, 0], [0.1, new Complex(0, 0.05)])),
        ];
        return new OpenSystemModel(2, [new Party("A", [0]), new Party("B", [1])], h, jumps, null, []);
    }

    /// <summary>Squeezing (a0† a1†) breaks excitation conservation.</summary>
    private static OpenSystemModel Squeezed()
    {
        var h = Polynomial.FromHoppingMatrix(new Complex[,] { { 1.0, 0.1 }, { 0.1, 1.2 } })
            + Polynomial.Single(0.05, new(0, true), new(1, true)) + Polynomial.Single(0.05, new(1, false), new(0, false));
        ImmutableArray<JumpOperator> jumps = [new("loss", Polynomial.Single(0.2, new LadderOperator(0, false)))];
        return new OpenSystemModel(2, [new Party("A", [0]), new Party("B", [1])], h, jumps, null, []);
    }

    /// <summary>
    /// Uncoupled modes (H Fock-diagonal, Kerr terms included) with one ladder jump per mode and direction, complex rates
    /// included: every jump is a ladder, evaluated by <see cref="LadderJumps"/> in the interaction picture when each
    /// jump's frame-energy change is one number (no Kerr term); in the lab frame G_rr = −iH_rr − ½(L†L)_rr is complex and
    /// the general block code runs.
    /// </summary>
    private static OpenSystemModel Uncoupled(int modes, bool kerr)
    {
        var h = Polynomial.Zero;
        var jumps = ImmutableArray.CreateBuilder<JumpOperator>();
        for (int i = 0; i < modes; i++)
        {
            h += Polynomial.Single(1.0 + (0.27 * i), new(i, true), new(i, false));
            if (kerr) h += Polynomial.Single(0.03, new(i, true), new(i, true), new(i, false), new(i, false));
            jumps.Add(new("loss", Polynomial.Single(Complex.FromPolarCoordinates(Math.Sqrt(0.1 + (0.02 * i)), 0.3 * i), new LadderOperator(i, false))));
            jumps.Add(new("gain", Polynomial.Single(Math.Sqrt(0.04 + (0.01 * i)), new LadderOperator(i, true))));
        }
        var parties = Enumerable.Range(0, modes).Select(i => new Party($"P{i}", [i])).ToImmutableArray();
        return new OpenSystemModel(modes, parties, h, jumps.ToImmutable(), null, []);
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (bool frame in new[] { true, false })
        {
            foreach (bool shifted in new[] { true, false })
            {
                string picture = frame ? "frame" : "lab", kernels = shifted ? "any kernel" : "no shifted terms";
                yield return new TestCaseData("hot/cold 4×3", frame, shifted).SetArgDisplayNames("hot/cold perMode [4,3]", picture, kernels);
                yield return new TestCaseData("hot/cold 9×7", frame, shifted).SetArgDisplayNames("hot/cold perMode [9,7] (long runs)", picture, kernels);
                yield return new TestCaseData("hot/cold total 12", frame, shifted).SetArgDisplayNames("hot/cold totalExcitations 12", picture, kernels);
                yield return new TestCaseData("chain 3×2×3", frame, shifted).SetArgDisplayNames("3-mode chain perMode [3,2,3]", picture, kernels);
                yield return new TestCaseData("chain 5×4×6", frame, shifted).SetArgDisplayNames("3-mode chain perMode [5,4,6] (segments)", picture, kernels);
                yield return new TestCaseData("chain total 4", frame, shifted).SetArgDisplayNames("3-mode chain totalExcitations 4", picture, kernels);
                yield return new TestCaseData("nonlinear 5×4", frame, shifted).SetArgDisplayNames("Kerr model perMode [5,4]", picture, kernels);
                yield return new TestCaseData("uncoupled 7×5", frame, shifted).SetArgDisplayNames("uncoupled ladders perMode [7,5]", picture, kernels);
                yield return new TestCaseData("uncoupled total 5", frame, shifted).SetArgDisplayNames("uncoupled ladders 3 modes totalExcitations 5", picture, kernels);
                yield return new TestCaseData("uncoupled total 14", frame, shifted).SetArgDisplayNames("uncoupled ladders 2 modes totalExcitations 14 (rows of 15)", picture, kernels);
                yield return new TestCaseData("uncoupled Kerr 6×4", frame, shifted).SetArgDisplayNames("uncoupled Kerr ladders perMode [6,4]", picture, kernels);
            }
        }
    }

    private static LindbladProblem Problem(string name, bool frame) => name switch
    {
        "hot/cold 4×3" => LindbladProblem.Build(HotColdMachine(), new FockSpace(new PerModeTruncation([4, 3]), 2), frame),
        "hot/cold 9×7" => LindbladProblem.Build(HotColdMachine(), new FockSpace(new PerModeTruncation([9, 7]), 2), frame),
        "hot/cold total 12" => LindbladProblem.Build(HotColdMachine(), new FockSpace(new TotalExcitationTruncation(12), 2), frame),
        "chain 3×2×3" => LindbladProblem.Build(ThreeModeChain(), new FockSpace(new PerModeTruncation([3, 2, 3]), 3), frame),
        "chain 5×4×6" => LindbladProblem.Build(ThreeModeChain(), new FockSpace(new PerModeTruncation([5, 4, 6]), 3), frame),
        "chain total 4" => LindbladProblem.Build(ThreeModeChain(), new FockSpace(new TotalExcitationTruncation(4), 3), frame),
        "nonlinear 5×4" => LindbladProblem.Build(NonlinearConserving(), new FockSpace(new PerModeTruncation([5, 4]), 2), frame),
        "uncoupled 7×5" => LindbladProblem.Build(Uncoupled(2, kerr: false), new FockSpace(new PerModeTruncation([7, 5]), 2), frame),
        "uncoupled total 5" => LindbladProblem.Build(Uncoupled(3, kerr: false), new FockSpace(new TotalExcitationTruncation(5), 3), frame),
        "uncoupled total 14" => LindbladProblem.Build(Uncoupled(2, kerr: false), new FockSpace(new TotalExcitationTruncation(14), 2), frame),
        "uncoupled Kerr 6×4" => LindbladProblem.Build(Uncoupled(2, kerr: true), new FockSpace(new PerModeTruncation([6, 4]), 2), frame),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>The kernel each case must take (<see cref="SectorKernel"/>: the first that applies).</summary>
    private static SectorKernel ExpectedKernel(string model, bool frame, bool shifted)
    {
        // Ladders: an uncoupled model in the interaction picture (real diagonal G), unless a Kerr H gives each jump
        // entry-dependent frame phases.
        bool kerr = model.Contains("Kerr", StringComparison.Ordinal);
        if (model.StartsWith("uncoupled", StringComparison.Ordinal) && frame && !kerr) return SectorKernel.Ladders;
        // Shifted terms: every operator part with one occupation change has one phase and one frame-energy change. Not
        // with Kerr frame energies (the interaction picture of a Kerr H), nor for the nonlinear model, whose G part
        // a_1† a_0 sums the hopping and a ½ L†L part of another shape with another phase.
        if (!shifted || (kerr && frame) || model.StartsWith("nonlinear", StringComparison.Ordinal)) return SectorKernel.SparseBlocks;
        return SectorKernel.ShiftedTerms;
    }

    [TestCaseSource(nameof(Cases))]
    public void EqualsTheGeneralRightHandSideOnEveryOrder(string model, bool frame, bool shifted)
    {
        var problem = Problem(model, frame);
        Assert.That(problem.ConservesExcitations, Is.True);
        int d = problem.Dimension;
        const double t = 0.83;
        var rho = RandomHermitian(d, seed: 11);
        var general = new Complex[d * d];
        problem.CreateRightHandSide().Evaluate(t, rho, general);

        var layout = CoherenceSectorLayout.ForState(problem.Space, rho);
        Assert.That(layout.Orders, Is.EqualTo(Enumerable.Range(0, problem.Space.MaxTotalExcitations + 1)));
        var packed = new Complex[layout.Length];
        layout.Pack(rho, packed);
        var derivative = new Complex[layout.Length];
        var sectors = new CoherenceSectorRightHandSide(problem, layout, shiftedTerms: shifted);
        var kernel = ExpectedKernel(model, frame, shifted);
        Assert.That(sectors.Kernel, Is.EqualTo(kernel));
        if (kernel == SectorKernel.Ladders)
        {
            // No symmetrising pass: the order-0 blocks must come out exactly Hermitian by construction.
            var rawLayout = CoherenceSectorLayout.ForOrders(problem.Space, [0]);
            var raw = new Complex[rawLayout.Length];
            rawLayout.Pack(rho, raw);
            var rawDerivative = new Complex[rawLayout.Length];
            new CoherenceSectorRightHandSide(problem, rawLayout, shiftedTerms: shifted).Evaluate(t, raw, rawDerivative);
            foreach (var block in rawLayout.Blocks)
                for (int i = 0; i < block.Rows; i++)
                    for (int c = 0; c < block.Rows; c++)
                        Assert.That(rawDerivative[block.Offset + (i * block.Rows) + c], Is.EqualTo(Complex.Conjugate(rawDerivative[block.Offset + (c * block.Rows) + i])),
                            $"sector {block.RowSector}, entry ({i}, {c})");
        }
        if (kernel == SectorKernel.ShiftedTerms)
        {
            // Hot/cold: a_0† a_1 and a_1† a_0 on each side, and the 2 × 2 emission and absorption terms Γ_ik a_i ρ a_k†.
            // Chain: all six a_i† a_k on each side (the collective losses couple every pair), 3 × 3 loss terms, one gain
            // term. Uncoupled: one loss and one gain term per mode (the jumps share no component).
            int expected = model.StartsWith("hot/cold", StringComparison.Ordinal) ? 12
                : model.StartsWith("chain", StringComparison.Ordinal) ? 22
                : 2 * problem.Space.Modes;
            Assert.That(sectors.ShiftedTermCount, Is.EqualTo(expected));
        }
        if (kernel == SectorKernel.SparseBlocks && !model.StartsWith("uncoupled", StringComparison.Ordinal))
            Assert.That(sectors.JumpFamilyCount, Is.EqualTo(model.StartsWith("hot/cold", StringComparison.Ordinal) ? 2 : model.StartsWith("chain", StringComparison.Ordinal) ? 1 : 0));
        sectors.Evaluate(t, packed, derivative);
        var unpacked = new Complex[d * d];
        layout.Unpack(derivative, unpacked);

        Assert.That(MaxDifference(unpacked, general), Is.LessThan(RoundingTolerance * MaxAbs(general)));
        // Split over threads, every block is computed by the same code: the same bits.
        var threaded = new CoherenceSectorRightHandSide(problem, layout, threads: 3, shiftedTerms: shifted);
        Assert.That(threaded.Threads, Is.EqualTo(3));
        var threadedDerivative = new Complex[layout.Length];
        threaded.Evaluate(t, packed, threadedDerivative);
        Assert.That(threadedDerivative, Is.EqualTo(derivative));
        Assert.That(sectors.LabFrameDerivativeNorm(packed, derivative),
            Is.EqualTo(problem.CreateRightHandSide().LabFrameDerivativeNorm(rho, general)).Within(RoundingTolerance).Percent);
    }

    [TestCaseSource(nameof(Cases))]
    public void OrdersAbsentInitiallyStayZeroAndTheOthersMatch(string model, bool frame, bool shifted)
    {
        var problem = Problem(model, frame);
        var space = problem.Space;
        int d = problem.Dimension;
        const double t = 1.7;
        // Keep orders k = 0 and ±2 only.
        var rho = RandomHermitian(d, seed: 4);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
                if (Math.Abs(space.TotalExcitations(r) - space.TotalExcitations(c)) is not (0 or 2)) rho[(r * d) + c] = 0;
        var general = new Complex[d * d];
        problem.CreateRightHandSide().Evaluate(t, rho, general);

        var layout = CoherenceSectorLayout.ForState(space, rho);
        Assert.That(layout.Orders, Is.EqualTo(new[] { 0, 2 }));
        var packed = new Complex[layout.Length];
        layout.Pack(rho, packed);
        var derivative = new Complex[layout.Length];
        var sectors = new CoherenceSectorRightHandSide(problem, layout, shiftedTerms: shifted);
        Assert.That(sectors.Kernel, Is.EqualTo(ExpectedKernel(model, frame, shifted)));
        sectors.Evaluate(t, packed, derivative);
        var unpacked = new Complex[d * d];
        layout.Unpack(derivative, unpacked);

        // The general path leaves the other orders exactly zero (ℒ maps each order into itself) ...
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
                if (Math.Abs(space.TotalExcitations(r) - space.TotalExcitations(c)) is not (0 or 2))
                    Assert.That(general[(r * d) + c], Is.EqualTo(Complex.Zero), $"entry ({r}, {c}) of an absent order");
        // ... and agrees with the sector path on the present ones.
        Assert.That(MaxDifference(unpacked, general), Is.LessThan(RoundingTolerance * MaxAbs(general)));
    }

    [Test]
    public void PackThenUnpackReturnsAHermitianMatrixOfTheStoredOrders()
    {
        var space = new FockSpace(new PerModeTruncation([3, 4]), 2);
        int d = space.Dimension;
        var rho = RandomHermitian(d, seed: 8);
        var layout = CoherenceSectorLayout.ForOrders(space, [1, 0, 3]);
        var packed = new Complex[layout.Length];
        layout.Pack(rho, packed);
        var unpacked = new Complex[d * d];
        layout.Unpack(packed, unpacked);
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                int k = Math.Abs(space.TotalExcitations(r) - space.TotalExcitations(c));
                var expected = k is 0 or 1 or 3 ? rho[(r * d) + c] : Complex.Zero;
                Assert.That(unpacked[(r * d) + c], Is.EqualTo(expected), $"entry ({r}, {c}), order {k}");
            }
        }
        Assert.That(layout.Orders, Is.EqualTo(new[] { 0, 1, 3 }));
        Assert.That(() => CoherenceSectorLayout.ForOrders(space, [0, 0]), Throws.ArgumentException);
        Assert.That(() => CoherenceSectorLayout.ForOrders(space, [space.MaxTotalExcitations + 1]), Throws.ArgumentException);
    }

    [Test]
    public void EvenCatTimesVacuumEvolvesOnlyEvenOrdersAndMatchesTheGeneralPath()
    {
        var space = new FockSpace(new PerModeTruncation([8, 5]), 2);
        var problem = LindbladProblem.Build(HotColdMachine(), space);
        var rho0 = Projector(TestStates.Product(TestStates.Cat(1.2, 0, 8), TestStates.Fock(0, 5)));
        var options = new IntegratorOptions(FixedStep: 0.05);

        var sectorRun = new LindbladEvolution(problem, "rk4", options);
        var sectorStates = Record(sectorRun, rho0, out var sectorResult);
        var generalRun = new LindbladEvolution(problem, "rk4", options) { UseCoherenceSectors = false };
        var generalStates = Record(generalRun, rho0, out var generalResult);

        var threadedRun = new LindbladEvolution(problem, "rk4", options) { RightHandSideThreads = 2 };
        var threadedStates = Record(threadedRun, rho0, out _);
        for (int i = 0; i < sectorStates.Count; i++) Assert.That(threadedStates[i], Is.EqualTo(sectorStates[i]), $"output {i} on 2 threads");

        Assert.That(sectorRun.EvolvedCoherenceOrders, Is.EqualTo(new[] { 0, 2, 4, 6 }));
        Assert.That(generalRun.EvolvedCoherenceOrders, Is.Null);
        Assert.That(sectorResult.AcceptedSteps, Is.EqualTo(generalResult.AcceptedSteps));
        for (int i = 0; i < generalStates.Count; i++)
            Assert.That(MaxDifference(sectorStates[i], generalStates[i]), Is.LessThan(EvolutionTolerance), $"output {i}");
    }

    [Test]
    public void SteadyStateRunOnSectorsMatchesTheGeneralPath()
    {
        var space = new FockSpace(new TotalExcitationTruncation(5), 2);
        var problem = LindbladProblem.Build(HotColdMachine(), space);
        var psi = new Complex[space.Dimension];
        psi[space.IndexOf([2, 1])] = 1;
        var rho0 = Projector(psi);
        var options = new IntegratorOptions(FixedStep: 0.1);
        Complex[] sector = [], general = [];
        var sectorResult = new LindbladEvolution(problem, "rk4", options).RunToSteadyState(rho0, 1e-6, 1e4, (_, rho) => sector = rho.ToArray());
        var generalResult = new LindbladEvolution(problem, "rk4", options) { UseCoherenceSectors = false }
            .RunToSteadyState(rho0, 1e-6, 1e4, (_, rho) => general = rho.ToArray());
        Assert.That(sectorResult.FinalTime, Is.EqualTo(generalResult.FinalTime));
        Assert.That(sectorResult.FinalDerivativeNorm!.Value, Is.EqualTo(generalResult.FinalDerivativeNorm!.Value).Within(1e-6).Percent);
        Assert.That(MaxDifference(sector, general), Is.LessThan(EvolutionTolerance));
    }

    [Test]
    public void ANonConservingModelTakesTheGeneralPath()
    {
        var space = new FockSpace(new PerModeTruncation([4, 4]), 2);
        var problem = LindbladProblem.Build(Squeezed(), space);
        Assert.That(problem.ConservesExcitations, Is.False);
        var rho0 = Projector(TestStates.Product(TestStates.Fock(1, 4), TestStates.Fock(0, 4)));
        var evolution = new LindbladEvolution(problem, "dopri5", new IntegratorOptions());
        evolution.Run(rho0, 1.0, 3, (_, _) => { });
        Assert.That(evolution.EvolvedCoherenceOrders, Is.Null);
        var layout = CoherenceSectorLayout.ForState(space, rho0);
        Assert.That(() => new CoherenceSectorRightHandSide(problem, layout), Throws.ArgumentException);
    }

    private static List<Complex[]> Record(LindbladEvolution evolution, Complex[] rho0, out LindbladEvolutionResult result)
    {
        var states = new List<Complex[]>();
        result = evolution.Run(rho0, 4.0, 9, (_, rho) => states.Add(rho.ToArray()));
        return states;
    }

    private static double MaxDifference(Complex[] a, Complex[] b) => a.Zip(b, (x, y) => (x - y).Magnitude).Max();

    private static double MaxAbs(Complex[] a) => a.Max(x => x.Magnitude);
}
