using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Benchmarks.Lindblad;

/// <summary>
/// One evaluation of the Lindblad right-hand side (interaction picture on, a new time per call so the phases are
/// recomputed as in a run) on the hot/cold machine at 20, 24 and 30 levels per mode (2 modes: D = 400, 576, 900) and
/// on a three-mode chain at 8 levels (D = 512), started from the even cat ⊗ vacuum, by both paths: <c>General</c> (the
/// whole D×D matrix, <see cref="LindbladRightHandSide"/>) and <c>Sectors</c> (only the coherence orders k ≥ 0 present,
/// here the even ones, <see cref="CoherenceSectorRightHandSide"/>). Next to it, in the same run, a STREAM-like triad
/// a = b + s·c (vectorised) on three arrays of <see cref="TriadDoubles"/> doubles (128 MiB each, 384 MiB in all): far
/// beyond the last-level cache (lscpu reports none in this VM and getconf an implausible 508 MiB; the measured triad
/// drops from ~100 GB/s to its DRAM plateau between 4 and 64 MiB per array, i.e. a 32 MiB Zen L3), so it measures
/// DRAM bandwidth.
/// <para>
/// Bytes counted (the minimal traffic of one call; the GB/s column is bytes / mean time):
/// RHS = 16·S (read ρ) + 16·S (write dρ/dt) + Σ_ops (20·nnz + 4·(D + 1)) (each operator's CSR values, column indices
/// and row pointers read once; ops = the coherent generator and every jump), with S the complex entries the path
/// stores: S = D² for <c>General</c> and S = Σ over stored blocks of |N'+k|·|N'| for <c>Sectors</c>.
/// Triad = 24 bytes per element (read b and c, write a; no write-allocate traffic counted, as in STREAM).
/// The "% triad" column is RHS GB/s over the triad GB/s of the same parameter row.
/// </para>
/// Allocation per evaluation: 0 B (the evaluators own their buffers; the Allocated column checks it).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BandwidthConfig))]
public class LindbladRhsBenchmarks
{
    /// <summary>Elements per triad array: 128 MiB of doubles.</summary>
    public const int TriadDoubles = 128 * 1024 * 1024 / sizeof(double);

    private LindbladRightHandSide? _general;
    private CoherenceSectorRightHandSide? _sectors;
    private Complex[] _rho = [];
    private Complex[] _derivative = [];
    private double[] _a = [], _b = [], _c = [];
    private double _time;

    /// <summary>"modes x levels per mode".</summary>
    [Params("2x20", "3x8", "2x24", "2x30")]
    public string Space { get; set; } = "2x20";

    /// <summary>Which right-hand side: the whole D×D matrix or the stored coherence orders.</summary>
    [Params(RhsPath.General, RhsPath.Sectors)]
    public RhsPath Path { get; set; } = RhsPath.Sectors;

    [GlobalSetup(Target = nameof(RightHandSide))]
    public void SetupRightHandSide()
    {
        var (problem, rho) = Build(Space);
        if (Path == RhsPath.General)
        {
            _general = problem.CreateRightHandSide();
            _rho = rho;
        }
        else
        {
            var layout = CoherenceSectorLayout.ForState(problem.Space, rho);
            _sectors = new CoherenceSectorRightHandSide(problem, layout);
            _rho = new Complex[layout.Length];
            layout.Pack(rho, _rho);
        }
        _derivative = new Complex[_rho.Length];
    }

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
    }

    [Benchmark]
    public void RightHandSide()
    {
        _time += 0.01;
        if (_general is not null) _general.Evaluate(_time, _rho, _derivative);
        else _sectors!.Evaluate(_time, _rho, _derivative);
    }

    [Benchmark(Baseline = true)]
    public void StreamTriad() => TensorPrimitives.MultiplyAdd(_c, 0.5, _b, _a);

    /// <summary>The problem and the cat ⊗ vacuum for "modes x levels".</summary>
    private static (LindbladProblem Problem, Complex[] Rho) Build(string space)
    {
        var parts = space.Split('x');
        int modes = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int levels = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var model = modes == 2 ? LindbladBenchmarkModels.HotCold() : LindbladBenchmarkModels.ThreeModeChain();
        var fock = new FockSpace(new PerModeTruncation([levels]), model.Modes);
        return (LindbladProblem.Build(model, fock), LindbladBenchmarkModels.CatTimesVacuum(fock, levels));
    }

    /// <summary>The minimal bytes of one right-hand side (see the class comment).</summary>
    internal static double RightHandSideBytes(string space, RhsPath path)
    {
        var (problem, rho) = Build(space);
        long stored = path == RhsPath.General ? (long)problem.Dimension * problem.Dimension : CoherenceSectorLayout.ForState(problem.Space, rho).Length;
        double operators = 0;
        foreach (var op in problem.Jumps.Append(problem.CoherentGenerator))
            operators += (20.0 * op.NonZeroCount) + (4.0 * (problem.Dimension + 1));
        return (32.0 * stored) + operators;
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
        private static readonly ConcurrentDictionary<(string, RhsPath), double> Bytes = new();

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
            double bytes = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(RightHandSide)
                ? Bytes.GetOrAdd(((string)benchmarkCase.Parameters["Space"], (RhsPath)benchmarkCase.Parameters["Path"]), key => RightHandSideBytes(key.Item1, key.Item2))
                : 24.0 * TriadDoubles;
            return bytes / report.ResultStatistics.Mean;      // bytes per ns = GB/s
        }
    }
}

/// <summary>The right-hand side a <see cref="LindbladRhsBenchmarks"/> row measures.</summary>
public enum RhsPath
{
    /// <summary>The whole D×D matrix (<see cref="LindbladRightHandSide"/>).</summary>
    General,

    /// <summary>The stored coherence orders (<see cref="CoherenceSectorRightHandSide"/>).</summary>
    Sectors,
}
