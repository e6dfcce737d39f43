using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Sori.Core.Channels.Email;
using Sori.Core.Conversations;
using Sori.Core.Data;
using Sori.Testing;
using Sori.Web.Tests.Support;
using Xunit.Abstractions;

namespace Sori.Web.Tests.Email;

[Collection(IngestCrashTests.Collection)]
public sealed class IngestCrashTests_Sqlite(ITestOutputHelper log) : IngestCrashTests(new SqliteDatabase(), log);
[Collection(IngestCrashTests.Collection)]
public sealed class IngestCrashTests_Postgres(ITestOutputHelper log) : IngestCrashTests(new PostgresDatabase(), log);

/// <summary>
/// Exactly once under crashes: a real Sori process ingests a large mailbox (from Dovecot through the
/// IMAP poller, or an mbox through <c>sori import-mail</c>) and is killed with SIGKILL again and again
/// while it works. After each kill every message flagged \Seen on the server must be committed; at
/// the end every message is stored exactly once, with the tickets and messages it should have made.
/// </summary>
public abstract class IngestCrashTests(TestDatabase db, ITestOutputHelper log) : IAsyncLifetime
{
    /// <summary>One at a time: each keeps both cores busy, and timings in parallel would only measure each other.</summary>
    public const string Collection = "ingest crash";
    private const int Kills = 4;
    // Seconds on a quiet machine; generous because CI may share its two cores with other work.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    // Short IMAP timings so a killed node's lease frees in seconds (the lease must outlast check + timeout).
    private static readonly Dictionary<string, string> ImapSettings = new()
    {
        ["Sori__Imap__DiscoverInterval"] = "00:00:00.200",
        ["Sori__Imap__CheckInterval"] = "00:00:01",
        ["Sori__Imap__Timeout"] = "00:00:03",
        ["Sori__Imap__LeaseDuration"] = "00:00:04.500",
        ["Sori__Imap__RetryBaseDelay"] = "00:00:00.200",
        ["Sori__Imap__RetryMaxDelay"] = "00:00:01",
    };

    private readonly string _address = $"help-{Guid.NewGuid():N}"[..20] + "@shop.example.kr";
    // A failure prints its seed; SORI_TEST_SEED=<seed> runs the same mail and kill times again.
    private readonly int _seed = int.TryParse(Environment.GetEnvironmentVariable("SORI_TEST_SEED"), out var seed) ? seed : Random.Shared.Next();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        log.WriteLine($"seed {_seed}");
        await db.InitializeAsync();
        _services = db.CreateServices();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task ImapPoller_KilledRepeatedly_TakesEveryMessageOnce_AndFlagsOnlyCommittedMail()
    {
        var imap = TestMailServers.Imap;
        var folder = await imap.CreateFolderAsync("crash");
        var mails = new SyntheticMail(_seed, _address).Generate(1000, senders: 150, replyShare: 0.15, redeliveryShare: 0.05);
        await AppendAsync(imap, folder, mails);
        var mailbox = await CreateMailbox(new MailServerInput
        {
            Host = imap.Host, Port = imap.Port, Tls = "none", Username = imap.Username, Password = imap.Password, Folder = folder,
        });

        var random = new Random(_seed);
        for (var kill = 1; kill <= Kills; kill++)
        {
            using var sori = SoriProcess.StartServer(db, ImapSettings);
            var (before, after) = await KillWhileIngesting(sori, mailbox, random);
            var seen = (await imap.FlagsAsync(folder)).Where(f => f.Flags.HasFlag(MessageFlags.Seen)).Select(f => f.MessageId!).ToHashSet();
            var committed = await ExternalIds(mailbox);
            log.WriteLine($"kill {kill}: {before} → {after} envelopes, {seen.Count} flagged \\Seen");
            Assert.Empty(seen.Except(committed));
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (var sori = SoriProcess.StartServer(db, ImapSettings))
        {
            for (var deadline = DateTime.UtcNow + Patience; ; await Task.Delay(250))
            {
                var flags = await imap.FlagsAsync(folder);
                if (flags.All(f => f.Flags.HasFlag(MessageFlags.Seen))) break;
                Assert.False(sori.HasExited, sori.Output);
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{flags.Count(f => !f.Flags.HasFlag(MessageFlags.Seen))} messages still unread:\n{sori.Output}");
            }
        }
        log.WriteLine($"last run: all \\Seen after {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(1000, (await imap.FlagsAsync(folder)).Count);
        await AssertExactlyOnce(mailbox, mails);
    }

    [Fact]
    public async Task ImportMail_KilledRepeatedly_ThenRunAgain_StoresEveryMessageOnce()
    {
        var mails = new SyntheticMail(_seed, _address).Generate(1000, senders: 150, replyShare: 0.15, redeliveryShare: 0.05);
        var mbox = Path.Combine(db.DataDirectory, "import.mbox");
        await File.WriteAllBytesAsync(mbox, SyntheticMail.ToMbox(mails));
        var mailbox = await CreateMailbox(null);
        string[] import = ["import-mail", _address, mbox];

        var random = new Random(_seed);
        for (var kill = 1; kill <= Kills; kill++)
        {
            using var sori = SoriProcess.StartCommand(db, import);
            var (before, after) = await KillWhileIngesting(sori, mailbox, random);
            log.WriteLine($"kill {kill}: {before} → {after} envelopes");
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (var sori = SoriProcess.StartCommand(db, import))
        {
            var code = await sori.WaitForExitAsync(Patience);
            Assert.True(code == 0, sori.Output);
            Assert.Contains("0 skipped", sori.Output);
            log.WriteLine($"last run: {watch.Elapsed.TotalSeconds:0.0} s; {sori.Output.Trim()}");
        }
        await AssertExactlyOnce(mailbox, mails);
    }

    /// <summary>Waits until the process has stored something new, lets it run a random moment longer, then kills it.</summary>
    private async Task<(int Before, int After)> KillWhileIngesting(SoriProcess sori, long mailbox, Random random)
    {
        var before = (await ExternalIds(mailbox)).Count;
        for (var deadline = DateTime.UtcNow + Patience; (await ExternalIds(mailbox)).Count == before; await Task.Delay(50))
        {
            if (sori.HasExited) return (before, before); // finished everything already
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Sori stored nothing:\n" + sori.Output);
        }
        await Task.Delay(random.Next(0, 700));
        sori.Kill();
        return (before, (await ExternalIds(mailbox)).Count);
    }

    private async Task AssertExactlyOnce(long mailbox, List<SyntheticMessage> mails)
    {
        var distinct = mails.Where(m => !m.IsRedelivery).ToList();
        await using var scope = _services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var envelopes = await data.MessageEnvelopes.Where(e => e.MailboxId == mailbox)
            .Select(e => new { e.Id, e.ExternalId, e.Disposition, e.TicketId, e.MessageId, e.DedupeKey, e.ReceivedAt }).ToListAsync();
        foreach (var twice in envelopes.GroupBy(e => e.ExternalId).Where(g => g.Count() > 1))
            log.WriteLine($"stored more than once: {twice.Key}: " + string.Join(", ", twice.Select(e =>
                $"envelope {e.Id} {e.Disposition} ticket {e.TicketId} message {e.MessageId} key {e.DedupeKey} at {e.ReceivedAt:O}")));
        var ticketIds = envelopes.Where(e => e.TicketId is not null).Select(e => e.TicketId!.Value).Distinct().ToList();
        var messageCount = await data.Messages.CountAsync(m => ticketIds.Contains(m.TicketId));
        log.WriteLine($"expected {distinct.Count} messages ({distinct.Count(m => !m.IsReply)} new tickets); stored {envelopes.Count} envelopes " +
                      $"({envelopes.Count(e => e.Disposition == InboundDisposition.Created)} created), {ticketIds.Count} tickets, {messageCount} messages");
        if (messageCount != envelopes.Count)
        {
            var enveloped = envelopes.Where(e => e.MessageId is not null).Select(e => e.MessageId!.Value).ToHashSet();
            var orphans = await data.Messages.Where(m => ticketIds.Contains(m.TicketId)).Select(m => new { m.Id, m.TicketId, m.ExternalId, m.CreatedAt }).ToListAsync();
            foreach (var o in orphans.Where(o => !enveloped.Contains(o.Id)))
                log.WriteLine($"message without an envelope: {o.Id} on ticket {o.TicketId}, external id {o.ExternalId}, at {o.CreatedAt:O}");
        }
        Assert.Equal(distinct.Count, envelopes.Count);
        Assert.Equal(distinct.Select(m => m.MessageId).Order(), envelopes.Select(e => e.ExternalId!).Order());
        Assert.All(envelopes, e => Assert.Contains(e.Disposition, new[] { InboundDisposition.Created, InboundDisposition.Appended }));
        Assert.Equal(distinct.Count(m => !m.IsReply), envelopes.Count(e => e.Disposition == InboundDisposition.Created));
        // Every envelope is Created or Appended by now, so ticketIds holds the ticket of each.
        Assert.Equal(distinct.Count(m => !m.IsReply), await data.Tickets.CountAsync(t => ticketIds.Contains(t.Id)));
        Assert.Equal(distinct.Count, messageCount);
        Assert.Equal(distinct.Count, envelopes.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(0, await data.CustomerEmails.GroupBy(e => e.Address).CountAsync(g => g.Count() > 1));
    }

    private async Task<HashSet<string>> ExternalIds(long mailbox)
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SoriDbContext>().MessageEnvelopes
            .Where(e => e.MailboxId == mailbox).Select(e => e.ExternalId!).ToListAsync()).ToHashSet();
    }

    private async Task<long> CreateMailbox(MailServerInput? imap)
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CreateMailbox>().Handle(new CreateMailboxRequest("고객센터", _address, Imap: imap), default)).Id;
    }

    /// <summary>Delivers the messages as unread mail, in order, a hundred per APPEND command (MULTIAPPEND).</summary>
    private static async Task AppendAsync(ImapTestServer imap, string folder, List<SyntheticMessage> mails)
    {
        using var client = await imap.ConnectAsync();
        var f = await client.GetFolderAsync(folder);
        await f.OpenAsync(FolderAccess.ReadWrite);
        foreach (var chunk in mails.Chunk(100))
            await f.AppendAsync(chunk.Select(m => (IAppendRequest)new AppendRequest(MimeMessage.Load(new MemoryStream(m.Raw)), MessageFlags.None)).ToList());
        await client.DisconnectAsync(true);
    }
}
