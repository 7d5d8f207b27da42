using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Tests.Kernels;

/// <summary><see cref="ChunkedWork"/>: every chunk once per run, failures surface after the other chunks.</summary>
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
