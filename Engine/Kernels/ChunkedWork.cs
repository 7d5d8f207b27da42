using System.Diagnostics;

namespace BosonicTrajectories.Kernels;

/// <summary>
/// Runs chunks 0..n−1 of one piece of work on the calling thread and up to n − 1 thread-pool threads, allocating
/// nothing per run (this object is the pool work item). Chunks are claimed through an interlocked counter, so the
/// caller never waits for a helper that has not started: when no pool thread is free (for example while another
/// part of the run occupies the other core), the caller claims and runs every chunk itself. The chunks must write
/// disjoint data; the result does not depend on which thread ran which chunk.
/// <para>
/// A helper that has run out of chunks lingers for <see cref="LingerMicroseconds"/>, spinning on the run counter, and
/// joins the next <see cref="Run"/> if one starts meanwhile; only then does it return to the pool. A solver that
/// calls <see cref="Run"/> once per right-hand side keeps its helpers awake between calls instead of waking a parked
/// pool thread every time (several microseconds on a virtual machine, a large share of a call of ~50 µs), and an
/// abandoned instance holds no thread for longer than the linger time.
/// </para>
/// </summary>
internal sealed class ChunkedWork : IThreadPoolWorkItem
{
    /// <summary>How long an idle helper waits for the next run before returning to the pool.</summary>
    public const int LingerMicroseconds = 200;

    private static readonly long LingerTicks = Stopwatch.Frequency * LingerMicroseconds / 1_000_000;

    private readonly Action<int> _chunk;
    private readonly int _chunks;
    private int _next;           // next chunk to claim (≥ _chunks: none left)
    private int _remaining;      // chunks claimed by nobody or still running
    private int _helpers;        // helpers queued, running or lingering
    private int _runs;           // runs started so far
    private Exception? _failure;

    /// <summary>Work of <paramref name="chunks"/> ≥ 1 chunks, each run as <paramref name="chunk"/>(index).</summary>
    public ChunkedWork(int chunks, Action<int> chunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        ArgumentNullException.ThrowIfNull(chunk);
        _chunks = chunks;
        _chunk = chunk;
        _next = chunks;
    }

    /// <summary>Number of chunks.</summary>
    public int Chunks => _chunks;

    /// <summary>Runs every chunk once and returns when all are done; rethrows the first exception of any chunk.</summary>
    public void Run()
    {
        _failure = null;
        Volatile.Write(ref _remaining, _chunks);
        Interlocked.Exchange(ref _next, 0);      // publishes the caller's inputs to the helpers (full fence)
        Interlocked.Increment(ref _runs);        // wakes lingering helpers
        for (int i = Volatile.Read(ref _helpers); i < _chunks - 1; i++)
        {
            Interlocked.Increment(ref _helpers);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        RunClaimedChunks();
        var wait = default(SpinWait);
        while (Volatile.Read(ref _remaining) > 0) wait.SpinOnce(sleep1Threshold: -1);
        if (_failure is { } failure) throw new AggregateException("a chunk of parallel work failed", failure);
    }

    void IThreadPoolWorkItem.Execute()
    {
        int seen = Volatile.Read(ref _runs);
        RunClaimedChunks();
        long idleSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - idleSince < LingerTicks)
        {
            if (Volatile.Read(ref _runs) == seen)
            {
                Thread.SpinWait(8);
                continue;
            }
            seen = Volatile.Read(ref _runs);
            RunClaimedChunks();
            idleSince = Stopwatch.GetTimestamp();
        }
        Interlocked.Decrement(ref _helpers);
        RunClaimedChunks();                      // a run that started just now counted this helper
    }

    private void RunClaimedChunks()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < _chunks)
        {
            try
            {
                _chunk(chunk);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            finally
            {
                Interlocked.Decrement(ref _remaining);
            }
        }
    }
}
