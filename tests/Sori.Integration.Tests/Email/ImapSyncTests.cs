using System.Data.Common;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Sori.Core.Attachments;
using Sori.Core.Channels.Email;
using Sori.Core.Conversations;
using Sori.Core.Data;
using Sori.Infrastructure.Email;
using Sori.Infrastructure.Storage;
using Sori.Testing;

namespace Sori.Integration.Tests.Email;

public sealed class ImapSyncTests_Sqlite(SqliteDatabase db) : ImapSyncTests(db), IClassFixture<SqliteDatabase>;
public sealed class ImapSyncTests_Postgres(PostgresDatabase db) : ImapSyncTests(db), IClassFixture<PostgresDatabase>;

/// <summary>
/// Passes of the IMAP poller over a real Dovecot folder: mail becomes tickets, the server is told
/// (\Seen) only after the commit, and passes repeated after a crash double nothing.
/// </summary>
public abstract class ImapSyncTests(TestDatabase database) : IAsyncLifetime
{
    private const string Node = "test-node";
    private readonly ImapTestServer _imap = TestMailServers.Imap;
    private readonly CommitProbe _probe = new();
    private ServiceProvider _services = null!;
    private Mailbox _mailbox = null!;
    private string _folder = "";

    public async Task InitializeAsync()
    {
        _services = database.CreateServices(s =>
        {
            s.AddSingleton<IAttachmentStore>(new DiskAttachmentStore(Path.Combine(database.DataDirectory, "attachments")));
            s.AddSingleton(Options.Create(new ImapOptions()));
            s.AddSingleton<ImapMailboxSync>();
            s.AddSingleton(_probe);
            s.ConfigureDbContext<SoriDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CommitProbe>()), ServiceLifetime.Singleton);
        });
        _folder = await _imap.CreateFolderAsync("sync");
        await using var scope = _services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        _mailbox = await sp.GetRequiredService<CreateMailbox>().Handle(
            new CreateMailboxRequest("고객센터", $"help-{Guid.NewGuid():N}"[..20] + "@shop.example.kr"), default);
        Assert.True(await MailboxPollLease.ClaimAsync(sp.GetRequiredService<SoriDbContext>(), _mailbox, Node, TimeSpan.FromMinutes(5), DateTime.UtcNow, default));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static MimeMessage Mail(string subject, string body)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("박지훈", $"jihun-{Guid.NewGuid():N}@example.kr"));
        m.To.Add(MailboxAddress.Parse("help@shop.example.kr"));
        m.Subject = subject;
        m.MessageId = $"{Guid.NewGuid():N}@example.kr";
        m.Body = new TextPart("plain") { Text = body };
        return m;
    }

    private async Task<ImapPass> Pass(MailServer? server = null)
    {
        using var client = await MailConnections.OpenImapAsync(server ?? _mailbox.Imap ?? _imap.Server(_folder), TimeSpan.FromSeconds(10), default);
        var folder = await MailConnections.OpenFolderAsync(client, _folder, default);
        var pass = await _services.GetRequiredService<ImapMailboxSync>().RunAsync(client, folder, _mailbox, Node, default);
        await client.DisconnectAsync(true);
        return pass;
    }

    /// <summary>The mailbox moves what it took to a processed folder (and quarantined mail to a spam folder, when given) of its own.</summary>
    private (string Processed, string? Spam) MoveTo(bool spam = false)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        _mailbox.Imap = _imap.Server(_folder);
        _mailbox.Imap.ProcessedFolder = $"Sori/Processed-{tag}";
        if (spam) _mailbox.Imap.SpamFolder = $"Sori/Spam-{tag}";
        return (_mailbox.Imap.ProcessedFolder, _mailbox.Imap.SpamFolder);
    }

    private async Task<T> Db<T>(Func<SoriDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SoriDbContext>());
    }

    private Task<int> Tickets() => Db(db => db.MessageEnvelopes.CountAsync(e => e.MailboxId == _mailbox.Id && e.TicketId != null));

    [Fact]
    public async Task Pass_NewMail_BecomesTicketsFlaggedOnlyAfterCommit()
    {
        var mails = new[] { Mail("배송 문의", "언제 도착하나요?"), Mail("환불 문의", "환불해 주세요."), Mail("교환 문의", "사이즈 교환") };
        foreach (var m in mails) await _imap.AppendAsync(_folder, m);
        // At each commit, every message already flagged on the server must have been committed before.
        var flaggedEarly = new List<string>();
        var commits = 0;
        _probe.OnCommit = async () =>
        {
            commits++;
            var seen = (await _imap.FlagsAsync(_folder)).Where(f => f.Flags.HasFlag(MessageFlags.Seen)).Select(f => f.MessageId!).ToList();
            var committed = await Db(db => db.MessageEnvelopes.Where(e => e.MailboxId == _mailbox.Id).Select(e => e.ExternalId!).ToListAsync());
            flaggedEarly.AddRange(seen.Except(committed));
        };

        var pass = await Pass();
        _probe.OnCommit = null;

        Assert.Equal((3, 3, 0), (pass.Taken, pass.New, pass.Duplicates));
        Assert.True(commits > 0);
        Assert.Empty(flaggedEarly);
        Assert.All(await _imap.FlagsAsync(_folder), f => Assert.True(f.Flags.HasFlag(MessageFlags.Seen)));
        Assert.Equal(3, await Tickets());
        var subjects = await Db(async db =>
        {
            var ids = await db.MessageEnvelopes.Where(e => e.MailboxId == _mailbox.Id).Select(e => e.TicketId).ToListAsync();
            return await db.Tickets.Where(t => ids.Contains(t.Id)).Select(t => t.Subject).OrderBy(s => s).ToListAsync();
        });
        Assert.Equal(new[] { "교환 문의", "배송 문의", "환불 문의" }, subjects.ToArray());
    }

    [Fact]
    public async Task Pass_MailAndItsAnswersInOneWindow_ThreadInOrder()
    {
        var first = Mail("주문 문의", "주문 확인 부탁드려요.");
        await _imap.AppendAsync(_folder, first);
        var previous = first;
        for (var i = 0; i < 4; i++)
        {
            var answer = Mail("Re: 주문 문의", $"추가 {i}");
            answer.From.Clear();
            answer.From.AddRange(first.From);
            var parentId = previous.MessageId ?? throw new InvalidOperationException("Mail() always sets a Message-ID.");
            answer.InReplyTo = parentId;
            answer.References.Add(parentId);
            await _imap.AppendAsync(_folder, answer);
            previous = answer;
        }

        var pass = await Pass();

        Assert.Equal((5, 5), (pass.Taken, pass.New));
        var dispositions = await Db(db => db.MessageEnvelopes.Where(e => e.MailboxId == _mailbox.Id).Select(e => new { e.Disposition, e.TicketId }).ToListAsync());
        Assert.Single(dispositions, d => d.Disposition == InboundDisposition.Created);
        Assert.Single(dispositions.Select(d => d.TicketId).Distinct());
    }

    [Fact]
    public async Task Pass_RepeatedAfterLosingThePosition_DoublesNothing()
    {
        await _imap.AppendAsync(_folder, Mail("주문 취소", "취소할게요."));
        await _imap.AppendAsync(_folder, Mail("교환", "사이즈 교환 원해요."));
        Assert.Equal(2, (await Pass()).New);
        Assert.Equal(0, (await Pass()).Taken);

        // A crash after the commits but before the position was saved: the same mail is fetched again.
        await Db(db => db.Mailboxes.Where(m => m.Id == _mailbox.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ImapLastUid, 0L)));
        var again = await Pass();

        Assert.Equal((2, 0, 2), (again.Taken, again.New, again.Duplicates));
        Assert.Equal(2, await Tickets());
        Assert.Equal(2, await Db(db => db.MessageEnvelopes.CountAsync(e => e.MailboxId == _mailbox.Id)));
    }

    [Fact]
    public async Task Pass_CommitFails_MessageStaysUnreadAndIsTakenOnceLater()
    {
        var mail = Mail("결제 오류", "결제가 두 번 됐어요.");
        await _imap.AppendAsync(_folder, mail);
        _probe.OnCommit = () => throw new InvalidOperationException("the database went away");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Pass());
        _probe.OnCommit = null;

        Assert.False((await _imap.FlagsAsync(_folder)).Single(f => f.MessageId == mail.MessageId).Flags.HasFlag(MessageFlags.Seen));
        Assert.Equal(0, await Tickets());
        var pass = await Pass();
        Assert.Equal((1, 1), (pass.Taken, pass.New));
        Assert.True((await _imap.FlagsAsync(_folder)).Single(f => f.MessageId == mail.MessageId).Flags.HasFlag(MessageFlags.Seen));
        Assert.Equal(1, await Tickets());
    }

    [Fact]
    public async Task Pass_WithProcessedFolder_MovesMailOnlyAfterCommit_CreatingTheFolder()
    {
        var (processed, _) = MoveTo();
        var mails = new[] { Mail("배송 문의", "언제 도착하나요?"), Mail("환불 문의", "환불해 주세요.") };
        foreach (var m in mails) await _imap.AppendAsync(_folder, m);
        var stillThereAtCommit = new List<int>();
        _probe.OnCommit = async () => stillThereAtCommit.Add((await _imap.FlagsAsync(_folder)).Count);

        var pass = await Pass();
        _probe.OnCommit = null;

        Assert.Equal((2, 2, 0), (pass.Taken, pass.New, pass.Duplicates));
        // The window's messages commit (together or one by one) before any of them leaves the folder.
        Assert.NotEmpty(stillThereAtCommit);
        Assert.All(stillThereAtCommit, count => Assert.Equal(2, count));
        Assert.Empty(await _imap.FlagsAsync(_folder));
        var moved = await _imap.FlagsAsync(processed);
        Assert.Equal(mails.Select(m => m.MessageId).Order(), moved.Select(m => m.MessageId).Order());
        Assert.All(moved, m => Assert.True(m.Flags.HasFlag(MessageFlags.Seen)));
        Assert.Equal(2, await Tickets());
        Assert.Equal(0, (await Pass()).Taken);
    }

    [Fact]
    public async Task Pass_CrashBetweenCommitAndMove_NextPassMovesItWithoutDoubling()
    {
        var (processed, _) = MoveTo();
        var mail = Mail("주문 취소", "취소해 주세요.");
        await _imap.AppendAsync(_folder, mail);
        _probe.AfterCommit = () => throw new InvalidOperationException("the process died right after the commit");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Pass());
        _probe.AfterCommit = null;

        // Committed, but the server was never told: the message is still in the watched folder, unread.
        Assert.Equal(1, await Tickets());
        var left = Assert.Single(await _imap.FlagsAsync(_folder));
        Assert.Equal(mail.MessageId, left.MessageId);
        Assert.False(left.Flags.HasFlag(MessageFlags.Seen));

        var pass = await Pass();

        Assert.Equal((1, 0, 1), (pass.Taken, pass.New, pass.Duplicates));
        Assert.Empty(await _imap.FlagsAsync(_folder));
        Assert.Equal(mail.MessageId, Assert.Single(await _imap.FlagsAsync(processed)).MessageId);
        Assert.Equal(1, await Tickets());
        Assert.Equal(1, await Db(db => db.MessageEnvelopes.CountAsync(e => e.MailboxId == _mailbox.Id)));
    }

    [Fact]
    public async Task Pass_QuarantinedMail_GoesToTheSpamFolder_OtherMailToProcessed()
    {
        var (processed, spam) = MoveTo(spam: true);
        var junk = Mail("WIN BIG", "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X");
        var real = Mail("사이즈 문의", "230 사이즈 있나요?");
        await _imap.AppendAsync(_folder, junk);
        await _imap.AppendAsync(_folder, real);

        var pass = await Pass();

        Assert.Equal((2, 2), (pass.Taken, pass.New));
        Assert.Empty(await _imap.FlagsAsync(_folder));
        Assert.Equal(junk.MessageId, Assert.Single(await _imap.FlagsAsync(spam!)).MessageId);
        Assert.Equal(real.MessageId, Assert.Single(await _imap.FlagsAsync(processed)).MessageId);
        Assert.Equal(1, await Tickets());
        Assert.Equal("Quarantined", await Db(db => db.MessageEnvelopes.Where(e => e.MailboxId == _mailbox.Id && e.TicketId == null)
            .Select(e => e.Disposition.ToString()).SingleAsync()));
    }

    [Fact]
    public async Task Pass_OverImplicitTlsWithTrustedCertificate_TakesMail()
    {
        var mail = Mail("교환 문의", "색상 교환 가능할까요?");
        await _imap.AppendAsync(_folder, mail);

        var pass = await Pass(_imap.TlsServer(_folder));

        Assert.Equal((1, 1), (pass.Taken, pass.New));
        Assert.True(Assert.Single(await _imap.FlagsAsync(_folder)).Flags.HasFlag(MessageFlags.Seen));
    }

    /// <summary>Runs a test's check (or failure) just before, or just after, a transaction commits.</summary>
    public sealed class CommitProbe : DbTransactionInterceptor
    {
        public Func<Task>? OnCommit { get; set; }
        public Action? AfterCommit { get; set; }

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken ct = default)
        {
            if (OnCommit is { } check) await check();
            return result;
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
        {
            AfterCommit?.Invoke();
            return Task.CompletedTask;
        }
    }
}
