using System.Runtime.ExceptionServices;
using MailKit;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Data;

namespace Sori.Infrastructure.Email;

/// <summary>What one pass over the folder did.</summary>
public sealed record ImapPass(int Taken, int New, int Duplicates, int Skipped);

/// <summary>The poller no longer holds the mailbox's lease (it expired and another node took it).</summary>
public sealed class LeaseLostException() : Exception("The mailbox's poll lease was lost.");

/// <summary>
/// One pass over a mailbox's open IMAP folder: every message after the last UID taken goes through the
/// inbound pipeline (<see cref="IngestEmail"/>), a window of <see cref="ImapOptions.BatchSize"/> at a
/// time; only after a message's transaction committed is it flagged \Seen on the server (and moved to
/// the mailbox's processed or spam folder, when it has one), and the position advances past a window's
/// messages once they are all committed. A crash in between means the message is fetched again and
/// found to be a duplicate by its dedupe key (then flagged and moved), so nothing is lost or doubled.
/// </summary>
public sealed class ImapMailboxSync(IServiceScopeFactory scopes, EmailOptions email, IOptions<ImapOptions> options, TimeProvider clock,
    ILogger<ImapMailboxSync> log)
{
    public async Task<ImapPass> RunAsync(IMailStore store, IMailFolder folder, Mailbox mailbox, string nodeId, CancellationToken ct)
    {
        var destinations = new ImapDestinations(store, mailbox.Imap);
        var (storedValidity, storedLast) = await Db(db => MailboxPollLease.PositionAsync(db, mailbox.Id, ct));
        long validity = folder.UidValidity;
        var (todo, baseline) = storedValidity == validity && storedLast is { } last
            ? (await After(folder, last, ct), last)
            : await FirstPass(folder, ct);
        if (todo.Count == 0)
        {
            if (baseline != storedLast || validity != storedValidity) await Advance(mailbox, nodeId, validity, baseline, ct);
            return new ImapPass(0, 0, 0, 0);
        }

        var sizes = (await folder.FetchAsync(todo, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct))
            .ToDictionary(s => s.UniqueId.Id, s => (long?)s.Size ?? 0);
        int created = 0, duplicates = 0, skipped = 0;
        foreach (var window in todo.Chunk(Math.Max(1, options.Value.BatchSize)))
        {
            ct.ThrowIfCancellationRequested();
            var items = new List<Item>(window.Length);
            foreach (var uid in window)
            {
                if (sizes.GetValueOrDefault(uid.Id) > email.MaxMessageBytes)
                {
                    // Left unread on the server for a person to deal with; polling moves on.
                    log.LogWarning("Mailbox {Mailbox}: message UID {Uid} is larger than {Max} bytes and was left on the server", mailbox.Address, uid.Id, email.MaxMessageBytes);
                    items.Add(new Item(uid, null) { Skipped = true });
                }
                else items.Add(new Item(uid, await Download(folder, uid, ct)));
            }
            await IngestAll(mailbox, items, ct);
            // Committed: now, and only now, the server may be told. The position moves past every
            // message before the first failure; a failed one stays unread and is fetched again.
            var committed = items.Where(i => i.Result is not null).ToList();
            if (committed.Count > 0) await TellServerAsync(folder, committed, destinations, ct);
            var done = items.TakeWhile(i => i.Failure is null).ToList();
            if (done.Count > 0) await Advance(mailbox, nodeId, validity, done[^1].Uid.Id, ct);
            created += items.Count(i => i.Result is { Outcome: not InboundOutcome.Duplicate });
            duplicates += items.Count(i => i.Result is { Outcome: InboundOutcome.Duplicate });
            skipped += items.Count(i => i.Skipped);
            if (items.FirstOrDefault(i => i.Failure is not null)?.Failure is { } failure) ExceptionDispatchInfo.Throw(failure);
        }
        if (baseline > todo[^1].Id) await Advance(mailbox, nodeId, validity, baseline, ct);
        return new ImapPass(todo.Count, created, duplicates, skipped);
    }

    /// <summary>After the commit: flagged \Seen in one STORE, then moved out of the watched folder where the mailbox says so (one MOVE per destination).</summary>
    private static async Task TellServerAsync(IMailFolder folder, List<Item> committed, ImapDestinations destinations, CancellationToken ct)
    {
        await folder.AddFlagsAsync(committed.Select(i => i.Uid).ToList(), MessageFlags.Seen, true, ct);
        foreach (var group in committed.GroupBy(i => destinations.NameFor(i.Result!)))
        {
            if (group.Key is not { } name) continue;
            await destinations.MoveAsync(folder, group.Select(i => i.Uid).ToList(), await destinations.OpenAsync(name, ct), ct);
        }
    }

    private sealed record Item(UniqueId Uid, byte[]? Raw)
    {
        public InboundResult? Result { get; set; }
        public bool Skipped { get; set; }
        public Exception? Failure { get; set; }
    }

    /// <summary>
    /// Receives a window of messages at once, so their writes share a group commit (ADR-006); a
    /// message that answers an earlier one of the window waits for it, so the thread forms as it would
    /// one by one. Each message still commits (or fails) on its own.
    /// </summary>
    private async Task IngestAll(Mailbox mailbox, List<Item> items, CancellationToken ct)
    {
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        var tasks = new List<Task>(items.Count);
        foreach (var item in items.Where(i => i.Raw is not null))
        {
            var (id, answers) = EmailMapper.ThreadIds(item.Raw!);
            var answered = answers.Select(a => running.GetValueOrDefault(a)).OfType<Task>().ToArray();
            var task = Task.Run(async () =>
            {
                try { await Task.WhenAll(answered); } catch { } // its own failure is reported on its own item
                try { item.Result = await Ingest(mailbox, item.Raw!, ct); }
                catch (ValidationException e)
                {
                    log.LogWarning("Mailbox {Mailbox}: message UID {Uid} was not taken ({Error}) and was left on the server", mailbox.Address, item.Uid.Id, e.Message);
                    item.Skipped = true;
                }
                catch (Exception e) { item.Failure = e; }
            }, CancellationToken.None);
            if (id is not null) running[id] = task;
            tasks.Add(task);
        }
        await Task.WhenAll(tasks);
    }

    /// <summary>UIDs after <paramref name="last"/>, oldest first ("n:*" also returns the newest message when nothing is newer).</summary>
    private static async Task<List<UniqueId>> After(IMailFolder folder, long last, CancellationToken ct)
    {
        if (last >= uint.MaxValue) return [];
        var range = new UniqueIdRange(new UniqueId(folder.UidValidity, (uint)last + 1), UniqueId.MaxValue);
        return (await folder.SearchAsync(SearchQuery.Uids(range), ct)).Where(u => u.Id > last).OrderBy(u => u.Id).ToList();
    }

    /// <summary>
    /// A folder seen for the first time (or renumbered: a new UIDVALIDITY): its unread mail only, not
    /// the years of mail already dealt with in it; from then on everything that arrives. One FETCH, so
    /// the baseline (the highest UID now) and the unread set describe the same moment.
    /// </summary>
    private static async Task<(List<UniqueId>, long)> FirstPass(IMailFolder folder, CancellationToken ct)
    {
        if (folder.Count == 0) return (new List<UniqueId>(), 0L);
        var all = await folder.FetchAsync(0, -1, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Flags), ct);
        var unread = all.Where(s => s.Flags is { } f && !f.HasFlag(MessageFlags.Seen) && !f.HasFlag(MessageFlags.Deleted))
            .Select(s => s.UniqueId).OrderBy(u => u.Id).ToList();
        return (unread, all.Count == 0 ? 0 : all.Max(s => (long)s.UniqueId.Id));
    }

    private static async Task<byte[]> Download(IMailFolder folder, UniqueId uid, CancellationToken ct)
    {
        // BODY.PEEK[]: reading does not set \Seen; only a committed message is flagged.
        await using var stream = await folder.GetStreamAsync(uid, ct);
        using var raw = new MemoryStream();
        await stream.CopyToAsync(raw, ct);
        return raw.ToArray();
    }

    private async Task<InboundResult> Ingest(Mailbox mailbox, byte[] raw, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IngestEmail>().Handle(mailbox, raw, ct);
    }

    private async Task Advance(Mailbox mailbox, string nodeId, long validity, long uid, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime + options.Value.LeaseDuration;
        if (!await Db(db => MailboxPollLease.AdvanceAsync(db, mailbox, nodeId, validity, uid, until, ct))) throw new LeaseLostException();
    }

    private async Task<T> Db<T>(Func<SoriDbContext, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SoriDbContext>());
    }
}
