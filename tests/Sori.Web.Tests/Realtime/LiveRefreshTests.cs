using Sori.Web.Realtime;

namespace Sori.Web.Tests.Realtime;

public sealed class LiveRefreshTests
{
    [Fact]
    public async Task Trigger_FirstRunsAtOnce_ABurstDuringItRunsOnceMore()
    {
        var runs = 0;
        var gate = new TaskCompletionSource();
        using var refresh = new LiveRefresh(async () =>
        {
            if (Interlocked.Increment(ref runs) == 1) await gate.Task;
        }, TimeSpan.Zero, TimeProvider.System);

        refresh.Trigger();
        Assert.Equal(1, runs); // started synchronously, waiting on the gate
        for (var i = 0; i < 50; i++) refresh.Trigger();
        gate.SetResult();
        await WaitUntil(() => runs == 2);
        await Task.Delay(100);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task Trigger_WithinTheInterval_WaitsForItsEnd()
    {
        var times = new List<DateTime>();
        using var refresh = new LiveRefresh(() => { lock (times) times.Add(DateTime.UtcNow); return Task.CompletedTask; },
            TimeSpan.FromMilliseconds(300), TimeProvider.System);
        refresh.Trigger();
        refresh.Trigger();
        await WaitUntil(() => { lock (times) return times.Count == 2; });
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(250), $"{(times[1] - times[0]).TotalMilliseconds} ms apart");
    }

    [Fact]
    public async Task Dispose_StopsFurtherRuns_AndSwallowsTheClosingPagesError()
    {
        var runs = 0;
        var refresh = new LiveRefresh(() => { Interlocked.Increment(ref runs); throw new ObjectDisposedException("renderer"); },
            TimeSpan.Zero, TimeProvider.System);
        refresh.Dispose();
        refresh.Trigger();
        await Task.Delay(50);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task Trigger_AfterAFailedRefresh_RunsAgain()
    {
        var runs = 0;
        using var refresh = new LiveRefresh(() =>
        {
            if (Interlocked.Increment(ref runs) == 1) throw new InvalidOperationException("database down");
            return Task.CompletedTask;
        }, TimeSpan.Zero, TimeProvider.System);
        refresh.Trigger();
        await WaitUntil(() => runs == 1);
        refresh.Trigger();
        await WaitUntil(() => runs == 2);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(5); !condition(); await Task.Delay(10))
            if (DateTime.UtcNow > deadline) throw new TimeoutException();
    }
}
