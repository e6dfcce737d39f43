namespace Sori.Web.Hosting;

public static class StartUpMemory
{
    /// <summary>
    /// Start-up leaves tens of megabytes of garbage (the EF model's relational mapping, every endpoint
    /// built twice, the first queries' compilation) in heaps the server GC sized for it. Shortly after
    /// start, one aggressive collection returns that memory to the system, so an idle desk keeps only
    /// what it uses. It runs once, on the thread pool, after the first requests were answered.
    /// </summary>
    public static void ReleaseAfterStart(IHostApplicationLifetime lifetime, TimeSpan delay) =>
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try { await Task.Delay(delay, lifetime.ApplicationStopping); }
            catch (OperationCanceledException) { return; }
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }));
}
