using Microsoft.EntityFrameworkCore;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Web.Cli;

/// <summary>
/// <c>sori import-mail MAILBOX PATH [--parallel N]</c>: every message of an .eml file, an mbox file or
/// a folder of them goes through the same pipeline as live mail. Up to N messages (default 16) are
/// received at once, so their writes share group commits (ADR-006); a message that answers another
/// one still being received waits for it, so threads come out as they would one by one. Each message
/// commits on its own and is deduplicated, so an interrupted import can simply be run again.
/// </summary>
public static class MailImport
{
    public const int DefaultParallel = 16;

    public static async Task<int> RunAsync(IServiceProvider services, string mailboxRef, string path, int parallel, TextWriter output)
    {
        if (parallel is < 1 or > 256) throw new UsageException("--parallel must be between 1 and 256.");
        var mailbox = await FindMailbox(services, mailboxRef);
        var files = File.Exists(path) ? [path]
            : Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : throw new UsageException($"'{path}' is neither a file nor a folder.");
        var counts = Enum.GetValues<InboundOutcome>().ToDictionary(o => o, _ => 0);
        var failed = 0;
        var slots = new SemaphoreSlim(parallel);
        var inFlight = new Dictionary<string, Task>(StringComparer.Ordinal);
        var running = new List<Task>();

        async Task Ingest(string where, byte[] raw, Task[] answered)
        {
            try
            {
                // What it answers commits first; a failure there is reported on its own line.
                try { await Task.WhenAll(answered); } catch { }
                await using var scope = services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IngestEmail>().Handle(mailbox, raw, CancellationToken.None);
                lock (counts) counts[result.Outcome]++;
            }
            catch (ValidationException e)
            {
                lock (counts)
                {
                    failed++;
                    output.WriteLine($"{where}: skipped ({string.Join("; ", e.Errors.Select(p => $"{p.Key} {string.Join(" ", p.Value)}"))})");
                }
            }
            finally { slots.Release(); }
        }

        foreach (var file in files)
        {
            var index = 0;
            foreach (var raw in Messages(file))
            {
                index++;
                await slots.WaitAsync();
                var (id, answers) = EmailMapper.ThreadIds(raw);
                Task task;
                lock (inFlight)
                {
                    var answered = answers.Select(a => inFlight.GetValueOrDefault(a)).OfType<Task>().ToArray();
                    task = Ingest($"{file} #{index}", raw, answered);
                    if (id is not null) inFlight[id] = task;
                }
                running.Add(id is null ? task : Forget(task, id, inFlight));
                running.RemoveAll(t => t.IsCompletedSuccessfully);
                if (running.Any(t => t.IsFaulted)) break;
            }
            if (running.Any(t => t.IsFaulted)) break;
        }
        // Anything but a refused message (the database gone, a full disk) ends the import with its error once the rest settled.
        await Task.WhenAll(running);
        output.WriteLine($"Imported into {mailbox.Address}: " + string.Join(", ", counts.Select(c => $"{c.Value} {TicketStatusRules.ToWire(c.Key)}"))
                         + $"; {failed} skipped.");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Once committed, a message no longer holds up its answers; the map stays as small as the work in flight.</summary>
    private static async Task Forget(Task task, string id, Dictionary<string, Task> inFlight)
    {
        try { await task; }
        finally
        {
            lock (inFlight)
                if (inFlight.GetValueOrDefault(id) == task) inFlight.Remove(id);
        }
    }

    private static IEnumerable<byte[]> Messages(string file)
    {
        if (!IsMbox(file)) return [File.ReadAllBytes(file)];
        return ReadMbox(file);
    }

    private static IEnumerable<byte[]> ReadMbox(string file)
    {
        using var stream = File.OpenRead(file);
        foreach (var raw in Mbox.Messages(stream)) yield return raw;
    }

    private static bool IsMbox(string file)
    {
        using var stream = File.OpenRead(file);
        var head = new byte[5];
        return Mbox.LooksLikeMbox(head.AsSpan(0, stream.Read(head)));
    }

    private static async Task<Mailbox> FindMailbox(IServiceProvider services, string mailboxRef)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var address = mailboxRef.Trim().ToLowerInvariant();
        var mailbox = long.TryParse(mailboxRef, out var id)
            ? await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id)
            : await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(m => m.Address == address);
        return mailbox ?? throw new NotFoundException("Mailbox", mailboxRef);
    }
}
