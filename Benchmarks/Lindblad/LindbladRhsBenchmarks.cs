using System.Numerics;
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
/// One evaluation of the matrix-form Lindblad right-hand side (interaction picture on) on the hot/cold machine at
/// cutoffs 8, 12, 16, 20 per mode (2 modes: D = 64, 144, 256, 400; the cutoff scaling of the right-hand side) and on a
/// three-mode chain at cutoff 8 (D = 512), next to a STREAM-like triad a = b + s c over the same number of bytes,
/// measured in the same run. The GB/s column is bytes touched / mean time: 32 D² for the RHS (read ρ once, write
/// dρ/dt once; the minimum any method must move) and 24 bytes per double for the triad.
/// Allocation per evaluation: 0 B (the evaluator owns its buffers; the Allocated column checks it).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BandwidthConfig))]
public class LindbladRhsBenchmarks
{
    private LindbladRightHandSide _rhs = null!;
    private Complex[] _rho = [];
    private Complex[] _derivative = [];
    private double[] _a = [], _b = [], _c = [];
    private double _time;

    /// <summary>"modes x cutoff per mode".</summary>
    [Params("2x8", "2x12", "2x16", "2x20", "3x8")]
    public string Space { get; set; } = "2x20";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Space.Split('x');
        int modes = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        int cutoff = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var model = modes == 2 ? LindbladBenchmarkModels.HotCold() : LindbladBenchmarkModels.ThreeModeChain();
        var space = new FockSpace(new PerModeTruncation([cutoff]), model.Modes);
        var problem = LindbladProblem.Build(model, space);
        _rhs = problem.CreateRightHandSide();
        _rho = LindbladBenchmarkModels.CatTimesVacuum(space, cutoff);
        _derivative = new Complex[_rho.Length];
        int doubles = 2 * _rho.Length;
        _a = new double[doubles];
        _b = Enumerable.Range(0, doubles).Select(i => (double)i).ToArray();
        _c = Enumerable.Range(0, doubles).Select(i => 1.0 / (i + 1)).ToArray();
    }

    [Benchmark]
    public void RightHandSide()
    {
        _time += 0.01;     // a new time each call: the phases are recomputed as in a real run
        _rhs.Evaluate(_time, _rho, _derivative);
    }

    [Benchmark(Baseline = true)]
    public void StreamTriad()
    {
        double[] a = _a, b = _b, c = _c;
        const double scalar = 0.5;
        for (int i = 0; i < a.Length; i++) a[i] = b[i] + (scalar * c[i]);
    }

    private sealed class BandwidthConfig : ManualConfig
    {
        public BandwidthConfig() => AddColumn(new BandwidthColumn());
    }

    /// <summary>Bytes touched / mean time, in GB/s.</summary>
    private sealed class BandwidthColumn : IColumn
    {
        public string Id => "Bandwidth";

        public string ColumnName => "GB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "bytes touched / mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is null) return "?";
            // The benchmark runs in a child process: recompute the bytes from the parameter ("modes x cutoff").
            var parts = ((string)benchmarkCase.Parameters["Space"]).Split('x');
            double entries = Math.Pow(Math.Pow(int.Parse(parts[1]), int.Parse(parts[0])), 2);      // D² complex entries
            double bytes = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(RightHandSide) ? 32 * entries : 24 * 2 * entries;
            return (bytes / report.ResultStatistics.Mean).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
