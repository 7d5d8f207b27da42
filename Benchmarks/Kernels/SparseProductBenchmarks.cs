using System.Numerics;
using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Benchmarks.Lindblad;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Lindblad;

namespace BosonicTrajectories.Benchmarks.Kernels;

/// <summary>
/// The sparse × dense kernels behind both solvers, on the hot/cold machine's operators (2 modes × cutoff per mode,
/// D = 64, 144, 256, 400): H_eff ρ and ρ H_eff† (the coherent part of the Lindblad right-hand side), L ρ L† (one jump
/// term, through a D² work buffer), and H_eff ψ (the trajectory right-hand side). ρ is a dense row-major D×D matrix.
/// Allocation per call: 0 B (all buffers are allocated in the setup; the Allocated column checks it).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SparseProductBenchmarks
{
    private SparseMatrix _effective = null!;
    private SparseMatrix _jump = null!;
    private Complex[] _rho = [];
    private Complex[] _result = [];
    private Complex[] _work = [];
    private Complex[] _psi = [];
    private Complex[] _psiResult = [];

    /// <summary>Fock levels per mode (two modes): D = Cutoff².</summary>
    [Params(8, 12, 16, 20)]
    public int Cutoff { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var space = new FockSpace(new Model.PerModeTruncation([Cutoff]), 2);
        var problem = LindbladProblem.Build(LindbladBenchmarkModels.HotCold(), space, interactionPicture: false);
        _effective = problem.EffectiveHamiltonian;
        _jump = problem.Jumps[0];
        _rho = LindbladBenchmarkModels.CatTimesVacuum(space, Cutoff);
        _result = new Complex[_rho.Length];
        _work = new Complex[_rho.Length];
        _psi = [.. Enumerable.Range(0, space.Dimension).Select(i => new Complex(1.0 / (i + 1), 0.5 / (i + 2)))];
        _psiResult = new Complex[space.Dimension];
    }

    /// <summary>result ← H_eff ρ.</summary>
    [Benchmark]
    public void LeftProduct() => SparseKernels.LeftMultiply(_effective, _rho, _result);

    /// <summary>result ← ρ H_eff† (row-by-row sparse dot products).</summary>
    [Benchmark]
    public void RightAdjointProduct() => SparseKernels.RightMultiplyAdjoint(_rho, _effective, _result);

    /// <summary>result ← L ρ L† (one jump term).</summary>
    [Benchmark]
    public void JumpSandwich() => SparseKernels.Sandwich(_jump, _rho, _jump, _work, _result);

    /// <summary>y ← H_eff ψ (sparse × vector, the trajectory kernel).</summary>
    [Benchmark]
    public void VectorProduct() => SparseKernels.Multiply(_effective, _psi, _psiResult);
}
