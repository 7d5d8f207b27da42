using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Tests.Kernels;

/// <summary>
/// <see cref="ChunkedWork"/>: every chunk once per run, also when helpers linger between runs or give up lingering just
/// as a run starts; each run sees the inputs published before it; failures surface after the other chunks.
/// </summary>
public class ChunkedWorkTests
{
    [Test]
    public void EveryChunkRunsExactlyOncePerRun()
    {
        var counts = new int[5];
        var work = new ChunkedWork(5, c => Interlocked.Increment(ref counts[c]));
        for (int run = 1; run <= 200; run++)
        {
            work.Run();
            Assert.That(counts, Is.All.EqualTo(run), $"run {run}");
        }
    }

    [Test]
    public void RunsSpacedAroundTheLingerTimeEachSeeTheirOwnInputs()
    {
        // Gaps below, near and above the linger time, so that helpers join lingering, give up just before a run, or
        // have returned to the pool; each chunk records the run number the caller published before Run.
        const int chunks = 3;
        var seen = new int[chunks];
        int published = 0;
        var work = new ChunkedWork(chunks, c =>
        {
            Thread.SpinWait(50 * (c + 1));
            seen[c] = Volatile.Read(ref published);
        });
        var random = new Random(7);
        for (int run = 1; run <= 300; run++)
        {
            published = run;
            work.Run();
            Assert.That(seen, Is.All.EqualTo(run), $"run {run}");
            double gap = random.NextDouble() * 2.5 * ChunkedWork.LingerMicroseconds;
            long until = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(gap * System.Diagnostics.Stopwatch.Frequency / 1e6);
            while (System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(10);
        }
    }

    [Test]
    public void AFailingChunkIsRethrownAfterTheOthersFinish()
    {
        var done = new bool[4];
        var work = new ChunkedWork(4, c =>
        {
            if (c == 2) throw new InvalidOperationException("chunk 2");
            done[c] = true;
        });
        var error = Assert.Throws<AggregateException>(work.Run);
        Assert.That(error!.InnerException, Is.TypeOf<InvalidOperationException>());
        Assert.That(done, Is.EqualTo(new[] { true, true, false, true }));
    }
}
