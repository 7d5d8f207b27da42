using System.Numerics;
using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Configuration;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Integrators;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using BosonicTrajectories.Simulation;
using BosonicTrajectories.Trajectories;

namespace BosonicTrajectories.Benchmarks.Kerr;

/// <summary>
/// Where the Kerr benchmark's time goes (configs/kerr-benchmark.jsonc, D = 50): one Lindblad right-hand side in the
/// interaction picture (a lindblad run makes ≈ 2330 of them), the bare Lindblad evolution to t = 10 with ⟨n⟩ read at
/// the 100 output times (no analysis), one trajectory right-hand side, and one whole trajectory (≈ 390 steps,
/// ≈ 100 jumps). Allocation per right-hand side and per trajectory: 0 B; per evolution: its D² buffers.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class KerrKernelBenchmarks
{
    private FockSpace _space = null!;
    private LindbladProblem _lindblad = null!;
    private LindbladRightHandSide _rhs = null!;
    private Complex[] _rho = [];
    private Complex[] _rhoDerivative = [];
    private double _time;
    private TrajectoryProblem _trajectories = null!;
    private TrajectoryWorker _worker = null!;
    private TrajectoryWorker _fockDiagonalWorker = null!;
    private Complex[] _phases = [];
    private Complex[] _psi = [];
    private Complex[] _psiDerivative = [];
    private long _index;

    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigLoader.Load(KerrConfig.Path());
        var model = ModelBuilder.Build(config.Model);
        _space = new FockSpace(config.Truncation, model.Modes);
        _lindblad = LindbladProblem.Build(model, _space);
        _rhs = _lindblad.CreateRightHandSide();
        // A populated state: the coherent state |α = 2⟩ (the benchmark's ⟨n⟩ ≈ 8 at t = 10), as a density matrix.
        var psi = InitialStates.Build(_space, new ProductState([new CoherentState(new Complex(2, 0))]));
        _rho = psi.ToDensityMatrix();
        _rhoDerivative = new Complex[_rho.Length];

        double[] times = OutputTimes.Evenly(config.Run.TEnd!.Value, config.Run.Samples);
        _trajectories = TrajectoryProblem.Build(model, InitialStates.Build(_space, config.InitialState), times, TrajectoryFrame.NumberTerms);
        var settings = new TrajectorySettings(config.Run.Integrator, config.Run.RelativeTolerance, config.Run.AbsoluteTolerance, Seed: config.Run.Seed);
        _worker = new TrajectoryWorker(_trajectories, settings);
        _phases = new Complex[_trajectories.Generator.PhaseBufferLength];
        _psi = [.. psi.PureState];
        _psiDerivative = new Complex[_space.Dimension];
        var fockDiagonal = TrajectoryProblem.Build(model, InitialStates.Build(_space, config.InitialState), times, TrajectoryFrame.FockDiagonal);
        _fockDiagonalWorker = new TrajectoryWorker(fockDiagonal, settings);
        foreach (var (name, worker) in new[] { ("NumberTerms", _worker), ("FockDiagonal", _fockDiagonalWorker) })
        {
            long steps = 0, rhs = 0, jumps = 0;
            for (int k = 0; k < 20; k++)
            {
                TrajectorySolver.RunOne(worker, 1_000_000 + k);
                steps += worker.Record.AcceptedSteps + worker.Record.RejectedSteps;
                rhs += worker.Record.RhsEvaluations;
                jumps += worker.Record.JumpCount;
            }
            Console.WriteLine($"// {name} frame: per trajectory {steps / 20.0} steps, {rhs / 20.0} right-hand sides, {jumps / 20.0} jumps");
        }
    }

    [Benchmark]
    public void LindbladRightHandSide()
    {
        _time += 0.01;     // a new time each call: the phases are recomputed as in a real run
        _rhs.Evaluate(_time, _rho, _rhoDerivative);
    }

    [Benchmark]
    public double LindbladEvolution()
    {
        double n = 0;
        int d = _space.Dimension;
        var evolution = new LindbladEvolution(_lindblad, "dopri5", new IntegratorOptions(1e-6, 1e-8));
        var vacuum = new Complex[d * d];
        vacuum[0] = 1;
        evolution.Run(vacuum, 10, 100, (_, rho) =>
        {
            n = 0;
            for (int i = 0; i < d; i++) n += i * rho[(i * d) + i].Real;
        });
        return n;
    }

    [Benchmark]
    public void TrajectoryRightHandSide()
    {
        _trajectories.Generator.ComputePhases(7.0, _phases);
        _trajectories.Generator.Multiply(_phases, _psi, _psiDerivative);
    }

    [Benchmark]
    public long OneTrajectory()
    {
        TrajectorySolver.RunOne(_worker, ++_index);
        return _worker.Record.AcceptedSteps;
    }

    /// <summary>The same trajectory in the frame of the whole Fock-diagonal H0 (Kerr term included) instead of ω a†a.</summary>
    [Benchmark]
    public long OneTrajectoryFockDiagonalFrame()
    {
        TrajectorySolver.RunOne(_fockDiagonalWorker, ++_index);
        return _fockDiagonalWorker.Record.AcceptedSteps;
    }
}
