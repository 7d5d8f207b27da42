using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// One evaluation of the Lindblad right-hand side (interaction picture on, a new time per call so the phases are
/// recomputed as in a run) of the hot/cold machine started from the even cat ⊗ vacuum, by both paths:
/// <c>General</c> (the whole D×D matrix, <see cref="LindbladRightHandSide"/>, one thread) and <c>Sectors</c> (only the
/// coherence orders k ≥ 0 present, here the even ones, <see cref="CoherenceSectorRightHandSide"/>, on
/// <see cref="Threads"/> threads, with the kernel it picks: <see cref="ShiftedTerms"/> in the local modes,
/// <see cref="LadderJumps"/> in the normal modes), and <c>SparseSectors</c> (the same without the shifted-term kernel). Spaces: <c>2x24</c> = 24 levels per mode in the local modes (D = 576);
/// <c>2t31</c> = Σn ≤ 31 in the local modes (D = 528); <c>2t31nm</c> = the same truncated space and dynamics in the
/// normal modes (<see cref="LindbladBenchmarkModels.HotColdNormalModes"/>: H Fock-diagonal, every jump a ladder,
/// <see cref="LadderJumps"/>); <c>2t42nm</c> = Σn ≤ 42 in the normal modes (D = 946). (In normal modes the cat ⊗
/// vacuum's blocks are used as they are: the values do not change the work.)
/// Next to it, in the same run, a STREAM-like triad a = b + s·c (vectorised) on three arrays of
/// <see cref="TriadDoubles"/> doubles (128 MiB each, 384 MiB in all), split into <see cref="Threads"/> contiguous
/// chunks run by the same fork-join as the right-hand side (<see cref="ChunkedWork"/>): far beyond the last-level
/// cache (lscpu reports none in this VM and getconf an implausible 508 MiB; the measured triad drops from ~100 GB/s to
/// its DRAM plateau between 4 and 64 MiB per array, i.e. a 32 MiB Zen L3), so it measures DRAM bandwidth.
/// <c>ScalePass</c> is the floor under any right-hand side on the sector storage: dρ = c·ρ over the same stored entries
/// (one read and one write of each, TensorPrimitives.Multiply), on the same threads, so its GB/s is the most a
/// right-hand side that reads ρ and writes dρ once can show here.
/// <c>RegisterFma</c> touches no memory: each thread runs the same fixed number of fused multiply-adds on
/// registers (<see cref="FmaIterations"/> × 8 independent Vector256 chains), so 2·t(1 thread)/t(2 threads) is what a
/// second thread adds to arithmetic on this machine (2 on two whole cores; about 1 when the two threads share one
/// core's floating-point units). Its GB/s columns are empty.
/// <para>
/// Bytes counted (the minimal traffic of one call; the GB/s column is bytes / mean time):
/// RHS = 16·S (read ρ) + 16·S (write dρ/dt) + Σ_ops (20·nnz + 4·(D + 1)) (each operator's CSR values, column indices
/// and row pointers read once; ops = the coherent generator and every jump), with S the complex entries the path
/// stores: S = D² for <c>General</c> and S = Σ over stored blocks of |N'+k|·|N'| for <c>Sectors</c>.
/// Triad = 24 bytes per element (read b and c, write a; no write-allocate traffic counted, as in STREAM).
/// The "% triad" column is RHS GB/s over the triad GB/s of the same parameter row (same number of threads).
/// </para>
/// Allocation per evaluation: 0 B (the evaluators own their buffers; the Allocated column checks it).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BandwidthConfig))]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class LindbladRhsBenchmarks
{
    /// <summary>Elements per triad array: 128 MiB of doubles.</summary>
    public const int TriadDoubles = 128 * 1024 * 1024 / sizeof(double);

    private LindbladRightHandSide? _general;
    private CoherenceSectorRightHandSide? _sectors;
    private Complex[] _rho = [];
    private Complex[] _derivative = [];
    private double[] _a = [], _b = [], _c = [];
    private ChunkedWork? _triad;
    private ChunkedWork? _scale;
    private ChunkedWork? _fma;
    private readonly double[] _fmaResults = new double[2];
    private double _time;

    /// <summary>Modes, truncation and basis (see the class comment).</summary>
    [Params("2x24", "2t31", "2t31nm", "2t42nm")]
    public string Space { get; set; } = "2t31nm";

    /// <summary>Threads of the sector right-hand side and of the triad (the general path runs on one).</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup(Target = nameof(General))]
    public void SetupGeneral()
    {
        var (problem, rho) = Build(Space);
        _general = problem.CreateRightHandSide();
        _rho = rho;
        _derivative = new Complex[_rho.Length];
    }

    [GlobalSetup(Target = nameof(Sectors))]
    public void SetupSectors() => SetupSectors(shiftedTerms: true);

    [GlobalSetup(Target = nameof(SparseSectors))]
    public void SetupSparseSectors() => SetupSectors(shiftedTerms: false);

    private void SetupSectors(bool shiftedTerms)
    {
        var (problem, rho) = Build(Space);
        var layout = CoherenceSectorLayout.ForState(problem.Space, rho);
        _sectors = new CoherenceSectorRightHandSide(problem, layout, Threads, shiftedTerms);
        _rho = new Complex[layout.Length];
        layout.Pack(rho, _rho);
        _derivative = new Complex[_rho.Length];
    }

    [GlobalSetup(Target = nameof(ScalePass))]
    public void SetupScalePass()
    {
        SetupSectors(shiftedTerms: true);
        int entries = 2 * _rho.Length;
        _scale = new ChunkedWork(Threads, chunk =>
        {
            int start = (int)((long)entries * chunk / Threads), end = (int)((long)entries * (chunk + 1) / Threads);
            TensorPrimitives.Multiply(MemoryMarshal.Cast<Complex, double>(_rho.AsSpan()).Slice(start, end - start), 0.5,
                MemoryMarshal.Cast<Complex, double>(_derivative.AsSpan()).Slice(start, end - start));
        });
    }

    [GlobalSetup(Target = nameof(RegisterFma))]
    public void SetupRegisterFma() => _fma = new ChunkedWork(Threads, chunk => _fmaResults[chunk] = FmaChains(FmaIterations));

    [GlobalSetup(Target = nameof(StreamTriad))]
    public void SetupTriad()
    {
        _a = new double[TriadDoubles];
        _b = new double[TriadDoubles];
        _c = new double[TriadDoubles];
        for (int i = 0; i < TriadDoubles; i++)
        {
            _b[i] = i;
            _c[i] = 1.0 / (i + 1);
        }
        _triad = new ChunkedWork(Threads, chunk =>
        {
            int start = (int)((long)TriadDoubles * chunk / Threads), end = (int)((long)TriadDoubles * (chunk + 1) / Threads);
            TensorPrimitives.MultiplyAdd(_c.AsSpan(start, end - start), 0.5, _b.AsSpan(start, end - start), _a.AsSpan(start, end - start));
        });
    }

    [Benchmark]
    public void General()
    {
        _time += 0.01;
        _general!.Evaluate(_time, _rho, _derivative);
    }

    [Benchmark]
    public void Sectors()
    {
        _time += 0.01;
        _sectors!.Evaluate(_time, _rho, _derivative);
    }

    /// <summary>
    /// <see cref="Sectors"/> without the shifted-term kernel: in the local modes the sparse block code, the path before
    /// <see cref="ShiftedTerms"/> (in the normal modes the ladder kernel runs either way).
    /// </summary>
    [Benchmark]
    public void SparseSectors()
    {
        _time += 0.01;
        _sectors!.Evaluate(_time, _rho, _derivative);
    }

    /// <summary>
    /// The least any right-hand side does on the same storage: dρ = c·ρ over the stored entries of <see cref="Sectors"/>
    /// (one read and one write per entry, the same bytes counted), on the same threads.
    /// </summary>
    [Benchmark]
    public void ScalePass() => _scale!.Run();

    [Benchmark(Baseline = true)]
    public void StreamTriad() => _triad!.Run();

    /// <summary>The same register-only arithmetic on every thread (see the class comment).</summary>
    [Benchmark]
    public void RegisterFma() => _fma!.Run();

    /// <summary>Iterations of <see cref="FmaChains"/> per thread: 2^20 × 8 fused multiply-adds on 4 lanes.</summary>
    public const int FmaIterations = 1 << 20;

    /// <summary>Eight independent chains x ← x·m + c on Vector256 registers (enough to cover the FMA latency).</summary>
    private static double FmaChains(int iterations)
    {
        var m = Vector256.Create(0.999999);
        var c = Vector256.Create(1e-6);
        Vector256<double> a0 = Vector256.Create(1.0), a1 = a0 * 1.1, a2 = a0 * 1.2, a3 = a0 * 1.3, a4 = a0 * 1.4, a5 = a0 * 1.5, a6 = a0 * 1.6, a7 = a0 * 1.7;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c);
            a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c);
            a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c);
            a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c);
            a7 = Vector256.FusedMultiplyAdd(a7, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    /// <summary>The problem and the cat ⊗ vacuum for a <see cref="Space"/> value.</summary>
    private static (LindbladProblem Problem, Complex[] Rho) Build(string space)
    {
        bool normalModes = space.EndsWith("nm", StringComparison.Ordinal);
        bool total = space.Contains('t', StringComparison.Ordinal);
        var parts = space.Replace("nm", "", StringComparison.Ordinal).Split('x', 't');
        int modes = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int bound = int.Parse(parts[1], CultureInfo.InvariantCulture);
        if (modes != 2) throw new ArgumentException($"unknown space {space}", nameof(space));
        var truncation = total ? (Truncation)new TotalExcitationTruncation(bound) : new PerModeTruncation([bound]);
        var fock = new FockSpace(truncation, modes);
        var local = LindbladProblem.Build(LindbladBenchmarkModels.HotCold(), fock);
        var rho = LindbladBenchmarkModels.CatTimesVacuum(fock, total ? bound + 1 : bound);
        if (!normalModes) return (local, rho);
        var frame = NormalModeFrame.TryCreate(local) ?? throw new ArgumentException($"no normal-mode frame for {space}", nameof(space));
        var normal = new Complex[rho.Length];
        frame.ToNormalModes(rho, normal);
        return (frame.Problem, normal);
    }

    /// <summary>The minimal bytes of one right-hand side (see the class comment).</summary>
    internal static double RightHandSideBytes(string space, bool general)
    {
        var (problem, rho) = Build(space);
        long stored = general ? (long)problem.Dimension * problem.Dimension : CoherenceSectorLayout.ForState(problem.Space, rho).Length;
        double operators = 0;
        foreach (var op in problem.Jumps.Append(problem.CoherentGenerator))
            operators += (20.0 * op.NonZeroCount) + (4.0 * (problem.Dimension + 1));
        return (32.0 * stored) + operators;
    }

    /// <summary>32 bytes per stored entry of the sector path: what <see cref="ScalePass"/> reads and writes.</summary>
    internal static double StoredBytes(string space)
    {
        var (problem, rho) = Build(space);
        return 32.0 * CoherenceSectorLayout.ForState(problem.Space, rho).Length;
    }

    private sealed class BandwidthConfig : ManualConfig
    {
        public BandwidthConfig()
        {
            AddColumn(new BandwidthColumn(relative: false));
            AddColumn(new BandwidthColumn(relative: true));
        }
    }

    /// <summary>Bytes / mean time in GB/s, or that over the triad's GB/s of the same parameters (in percent).</summary>
    private sealed class BandwidthColumn(bool relative) : IColumn
    {
        private static readonly ConcurrentDictionary<(string, bool), double> Bytes = new();

        public string Id => relative ? "TriadFraction" : "Bandwidth";

        public string ColumnName => relative ? "% triad" : "GB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => relative ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => relative ? "RHS GB/s as a percentage of the triad GB/s of the same row group" : "minimal bytes / mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            double? own = GigabytesPerSecond(summary, benchmarkCase);
            if (own is null) return "?";
            if (!relative) return own.Value.ToString("F2", CultureInfo.InvariantCulture);
            var triad = summary.BenchmarksCases.FirstOrDefault(c =>
                c.Descriptor.WorkloadMethod.Name == nameof(StreamTriad) && c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
            double? reference = triad is null ? null : GigabytesPerSecond(summary, triad);
            return reference is { } r ? (100 * own.Value / r).ToString("F1", CultureInfo.InvariantCulture) : "?";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        private static double? GigabytesPerSecond(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is null) return null;
            // The benchmark ran in a child process: recompute the bytes here from the parameters.
            string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
            if (method == nameof(RegisterFma)) return null;
            string space = (string)benchmarkCase.Parameters["Space"];
            double bytes = method switch
            {
                nameof(StreamTriad) => 24.0 * TriadDoubles,
                nameof(ScalePass) => Bytes.GetOrAdd((space + " scale", false), key => StoredBytes(space)),
                _ => Bytes.GetOrAdd((space, method == nameof(General)), key => RightHandSideBytes(key.Item1, key.Item2)),
            };
            return bytes / report.ResultStatistics.Mean;      // bytes per ns = GB/s
        }
    }
}
