using System.Diagnostics;

namespace BosonicTrajectories.Trajectories;

/// <summary>
/// Runs many independent quantum-jump trajectories in parallel and reduces them into <see cref="EnsembleSums"/>.
/// <para>
/// Reproducibility: trajectory k draws only from <see cref="TrajectoryRandom.ForTrajectory"/>(seed, k) and sums are
/// exact (fixed point), so the result depends on the seed and the index set only, never on the thread count or on
/// scheduling. Work is handed out in chunks of consecutive absolute indices [jC, (j+1)C) ∩ range. Finished chunks are
/// committed strictly in index order; the stopping rules are evaluated after each commit, so a run that stops early
/// holds exactly the sums of a leading block of indices (its count is recorded). Memory: one worker per thread plus at
/// most 2·threads + 1 chunk accumulators (each with one jackknife group's density sums), independent of the count.
/// </para>
/// </summary>
public static class TrajectoryEnsemble
{
    /// <summary>Minimum interval between progress reports.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs the trajectories with indices in <paramref name="indices"/>.
    /// </summary>
    /// <param name="threads">Worker threads; 0 means all cores.</param>
    /// <param name="progress">Receives progress (trajectories done, rate, ETA, largest standard error) after committed chunks,
    /// at most every 250 ms and once at the end; called synchronously on a worker thread while the run's lock is held, so
    /// it must be quick (a <see cref="Progress{T}"/> posts to its context instead).</param>
    /// <param name="cancellation">Stops the run; the returned sums then hold the completed leading trajectories
    /// (<see cref="EnsembleStopReason.Cancelled"/>).</param>
    /// <param name="tag">Identity text stored in the sums (merging requires equal tags).</param>
    /// <param name="resumeFrom">Sums of an interrupted run over a leading block [indices.Start, k) of the same range (same
    /// identity): the run continues with [k, indices.End) and its stopping rules see the combined sums, so the result is
    /// bit-identical to an uninterrupted run. Null (or empty sums) starts from scratch.</param>
    public static EnsembleSums Run(
        TrajectoryProblem problem, TrajectorySettings settings, IndexRange indices, int threads = 0, string tag = "",
        IProgress<EnsembleProgress>? progress = null, EnsembleSums? resumeFrom = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(problem);
        if (indices.Start < 0 || indices.End < indices.Start)
            throw new ArgumentException($"invalid trajectory index range {indices}", nameof(indices));
        if (threads < 0) throw new ArgumentException($"threads = {threads} must be ≥ 0 (0: all cores)", nameof(threads));
        if (threads == 0) threads = Environment.ProcessorCount;

        var prefix = StartingSums(problem, settings, indices, tag, resumeFrom);
        var remaining = new IndexRange(indices.Start + prefix.Count, indices.End);
        long chunks = remaining.Count == 0 ? 0 : ((remaining.End - 1) / settings.ChunkSize) - (remaining.Start / settings.ChunkSize) + 1;
        threads = (int)Math.Max(1, Math.Min(threads, chunks));
        var run = new EnsembleRun(problem, settings, remaining, indices.Count, prefix, threads, progress, cancellation);
        if (threads == 1)
        {
            run.Work();
        }
        else
        {
            var workers = new Thread[threads];
            for (int i = 0; i < threads; i++)
            {
                workers[i] = new Thread(run.Work) { IsBackground = true, Name = $"trajectory worker {i}" };
                workers[i].Start();
            }
            foreach (var worker in workers) worker.Join();
        }
        return run.Finish();
    }

    /// <summary>The sums a run starts from: empty, or a copy of <paramref name="resumeFrom"/> after checking that it is a
    /// leading block of <paramref name="indices"/> of the same ensemble.</summary>
    private static EnsembleSums StartingSums(
        TrajectoryProblem problem, TrajectorySettings settings, IndexRange indices, string tag, EnsembleSums? resumeFrom)
    {
        var start = EnsembleSums.Create(problem, settings, tag);
        if (resumeFrom is null || resumeFrom.Count == 0) return start;
        var ranges = resumeFrom.TrajectoryRanges;
        if (ranges.Count != 1 || ranges[0].Start != indices.Start || ranges[0].End > indices.End)
            throw new ArgumentException(
                $"cannot resume: the saved sums hold trajectories {string.Join(" ", ranges)}, not a leading block of {indices}",
                nameof(resumeFrom));
        start.Merge(resumeFrom);                 // checks the identity (problem, settings, seed, tag)
        start.StopReason = EnsembleStopReason.Completed;
        return start;
    }

    /// <summary>Shared state of one run: chunk hand-out, in-order commit and the stopping rules.</summary>
    private sealed class EnsembleRun
    {
        private readonly TrajectoryProblem _problem;
        private readonly TrajectorySettings _settings;
        private readonly IndexRange _indices;
        private readonly long _requested;
        private readonly IProgress<EnsembleProgress>? _progress;
        private readonly CancellationToken _userCancellation;
        private readonly CancellationTokenSource _stop;
        private readonly EnsembleSums _total;
        private readonly Stack<EnsembleSums> _freeAccumulators = new();
        private readonly Dictionary<long, (EnsembleSums Sums, bool Complete)> _finished = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _lock = new();
        private readonly int _maxAccumulators;
        private readonly List<Exception> _failures = [];
        private readonly long _resumedCount;
        private long _nextChunk;
        private long _nextCommit;
        private int _accumulatorsCreated;
        private bool _stopped;
        private TimeSpan? _lastReport;

        public EnsembleRun(
            TrajectoryProblem problem, TrajectorySettings settings, IndexRange indices, long requested, EnsembleSums start, int threads,
            IProgress<EnsembleProgress>? progress, CancellationToken cancellation)
        {
            _problem = problem;
            _settings = settings;
            _indices = indices;
            _requested = requested;
            _resumedCount = start.Count;
            _progress = progress;
            _userCancellation = cancellation;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (settings.WallClockLimit is TimeSpan limit) _stop.CancelAfter(limit);
            _total = start;
            _maxAccumulators = (2 * threads) + 1;
            long firstChunk = indices.Start / settings.ChunkSize;
            long endChunk = indices.Count == 0 ? firstChunk : ((indices.End - 1) / settings.ChunkSize) + 1;
            FirstChunk = firstChunk;
            ChunkCount = endChunk - firstChunk;
            _nextChunk = firstChunk;
            _nextCommit = firstChunk;
        }

        public long FirstChunk { get; }

        public long ChunkCount { get; }

        private long EndChunk => FirstChunk + ChunkCount;

        /// <summary>The loop of one worker thread.</summary>
        public void Work()
        {
            TrajectoryWorker? worker = null;
            try
            {
                worker = new TrajectoryWorker(_problem, _settings);
                while (TryClaim(out long chunk, out EnsembleSums? accumulator))
                {
                    accumulator!.ResetForGroup(accumulator.GroupOf(chunk * _settings.ChunkSize));
                    long start = Math.Max(_indices.Start, chunk * _settings.ChunkSize);
                    long end = Math.Min(_indices.End, (chunk + 1) * _settings.ChunkSize);
                    bool complete = true;
                    for (long k = start; k < end; k++)
                    {
                        if (_stop.IsCancellationRequested
                            || TrajectorySolver.RunOne(worker, k, _stop.Token) != TrajectoryOutcome.Completed)
                        {
                            complete = false;
                            break;
                        }
                        accumulator.Add(worker.Record);
                    }
                    Deliver(chunk, accumulator, complete);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lock (_lock)
                {
                    _failures.Add(e);
                    _stopped = true;
                    Monitor.PulseAll(_lock);
                }
                _stop.Cancel();
            }
        }

        private bool TryClaim(out long chunk, out EnsembleSums? accumulator)
        {
            lock (_lock)
            {
                while (true)
                {
                    if (_stopped || _stop.IsCancellationRequested || _nextChunk >= EndChunk)
                    {
                        chunk = -1;
                        accumulator = null;
                        return false;
                    }
                    if (_freeAccumulators.Count > 0)
                    {
                        accumulator = _freeAccumulators.Pop();
                        break;
                    }
                    if (_accumulatorsCreated < _maxAccumulators)
                    {
                        _accumulatorsCreated++;
                        accumulator = EnsembleSums.Create(_problem, _settings, _total.Tag);
                        break;
                    }
                    Monitor.Wait(_lock); // every accumulator waits for an earlier chunk to be committed
                }
                chunk = _nextChunk++;
                return true;
            }
        }

        /// <summary>Hands in a finished (or interrupted) chunk and commits every chunk that is now next in index order.</summary>
        private void Deliver(long chunk, EnsembleSums sums, bool complete)
        {
            lock (_lock)
            {
                _finished[chunk] = (sums, complete);
                while (!_stopped && _finished.Remove(_nextCommit, out var next))
                {
                    _total.Merge(next.Sums);
                    _freeAccumulators.Push(next.Sums);
                    _nextCommit++;
                    if (!next.Complete)
                    {
                        Stop(_userCancellation.IsCancellationRequested ? EnsembleStopReason.Cancelled : EnsembleStopReason.WallClockLimit);
                        break;
                    }
                    CheckStoppingRules();
                }
                Monitor.PulseAll(_lock);
            }
        }

        private void CheckStoppingRules()
        {
            bool done = _nextCommit >= EndChunk;
            double maxError = double.NaN;
            bool needError = _settings.StandardErrorTarget is not null || _progress is not null;
            if (needError) maxError = _total.MaxStandardError();
            if (!done && _settings.StandardErrorTarget is double target
                && _total.Count >= _settings.MinimumTrajectoriesForTarget && maxError < target)
            {
                Stop(EnsembleStopReason.StandardErrorTarget);
            }
            Report(maxError, force: done || _stopped);
        }

        private void Stop(EnsembleStopReason reason)
        {
            _stopped = true;
            _total.StopReason = reason;
            _stop.Cancel();
        }

        private void Report(double maxError, bool force)
        {
            if (_progress is null) return;
            var elapsed = _clock.Elapsed;
            if (!force && _lastReport is TimeSpan last && elapsed - last < ProgressInterval) return;
            _lastReport = elapsed;
            long done = _total.Count;
            double rate = elapsed.TotalSeconds > 0 ? (done - _resumedCount) / elapsed.TotalSeconds : 0;
            TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds((_requested - done) / rate) : null;
            _progress.Report(new EnsembleProgress(done, _requested, elapsed, rate, eta, maxError));
        }

        public EnsembleSums Finish()
        {
            if (_failures.Count == 1) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failures[0]).Throw();
            if (_failures.Count > 1) throw new AggregateException(_failures);
            if (!_stopped && _nextCommit < EndChunk)
            {
                // Stopped by the token before every chunk was claimed.
                _total.StopReason = _userCancellation.IsCancellationRequested ? EnsembleStopReason.Cancelled : EnsembleStopReason.WallClockLimit;
            }
            _stop.Dispose();
            return _total;
        }
    }
}
