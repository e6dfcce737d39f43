using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using Sori.Bench.Hosting;

namespace Sori.Bench.Scenarios.ImapLatency;

/// <summary>A bare MailKit client that IDLEs on a folder and notes when the server tells it the message count grew.</summary>
public sealed class IdleWatcher : IAsyncDisposable
{
    private readonly ImapClient _client;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private TaskCompletionSource<long> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IdleWatcher(ImapClient client) => _client = client;

    public static async Task<IdleWatcher> StartAsync(Dovecot dovecot, string folder, CancellationToken ct)
    {
        var client = await dovecot.ConnectAsync(ct);
        var f = await client.GetFolderAsync(folder, ct);
        await f.OpenAsync(FolderAccess.ReadOnly, ct);
        var watcher = new IdleWatcher(client);
        f.CountChanged += (_, _) => watcher._next.TrySetResult(Stopwatch.GetTimestamp());
        watcher._loop = Task.Run(watcher.IdleAsync, ct);
        return watcher;
    }

    /// <summary>The timestamp of the next notification; call before the APPEND it should see.</summary>
    public Task<long> Next()
    {
        _next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _next.Task;
    }

    private async Task IdleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            done.CancelAfter(TimeSpan.FromMinutes(9));
            try { await _client.IdleAsync(done.Token, _stop.Token); }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (Exception) { }
        _client.Dispose();
    }
}
