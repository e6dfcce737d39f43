using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Attachments;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Conversations;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Customers;
using Sori.Core.Data;
using Sori.Core.Tickets;
using Sori.Infrastructure.Storage;
using Sori.Testing;

namespace Sori.Integration.Tests.Email;

public sealed class EmailIngestTests_Sqlite(SqliteDatabase db) : EmailIngestTests(db), IClassFixture<SqliteDatabase>;
public sealed class EmailIngestTests_Postgres(PostgresDatabase db) : EmailIngestTests(db), IClassFixture<PostgresDatabase>;

/// <summary>The inbound email pipeline end to end on a real database: raw MIME in, tickets, messages and envelopes out.</summary>
public abstract class EmailIngestTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;
    private Mailbox _mailbox = null!;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        _services = database.CreateServices(s =>
        {
            s.AddSingleton<IAttachmentStore>(new DiskAttachmentStore(Path.Combine(database.DataDirectory, "attachments")));
            s.AddSingleton(new AttachmentOptions { MaxFileBytes = 64 * 1024, MaxFilesPerMessage = 5 });
        }, _clock);
        _mailbox = await Run(sp => sp.GetRequiredService<CreateMailbox>().Handle(new CreateMailboxRequest("고객센터", $"help-{_tag}@shop.example.kr"), default));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> Run<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<T> Db<T>(Func<SoriDbContext, Task<T>> query) => Run(sp => query(sp.GetRequiredService<SoriDbContext>()));

    private Task<InboundResult> Ingest(byte[] raw) => Run(sp => sp.GetRequiredService<IngestEmail>().Handle(_mailbox.Id, raw, default));

    private string Addr(string local) => $"{local}-{_tag}@example.kr";

    private string Mail(string from, string subject, string body, string? messageId = null, string? inReplyTo = null, string? references = null,
        string? cc = null, string? extra = null) =>
        $"From: {from}\r\nTo: {_mailbox.Address}\r\n" + (cc is null ? "" : $"Cc: {cc}\r\n") + $"Subject: {subject}\r\n"
        + $"Message-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@example.kr"}>\r\n"
        + (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\r\n") + (references is null ? "" : $"References: {references}\r\n")
        + (extra is null ? "" : extra.TrimEnd() + "\r\n")
        + "Date: Mon, 02 Mar 2026 09:00:00 +0900\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";

    private Task<InboundResult> Ingest(string mail) => Ingest(Encoding.UTF8.GetBytes(mail));

    private async Task<InboundResult> NewTicket(string local = "minji", string? cc = null, string? messageId = null)
    {
        var r = await Ingest(Mail($"김민지 <{Addr(local)}>", "환불 문의", "주문한 상품을 환불하고 싶어요.", messageId ?? $"first-{_tag}-{Guid.NewGuid():N}@example.kr", cc: cc));
        Assert.Equal(InboundOutcome.New, r.Outcome);
        return r;
    }

    private Task<List<Message>> Messages(long ticketId) => Db(db => db.Messages.Include(m => m.Attachments).Where(m => m.TicketId == ticketId).OrderBy(m => m.Id).ToListAsync());

    private Task<Ticket> Ticket(long id) => Db(db => db.Tickets.Include(t => t.Tags).Include(t => t.Requester).ThenInclude(c => c!.Emails).SingleAsync(t => t.Id == id));

    [Fact]
    public async Task Ingest_NewMail_CreatesCustomerTicketMessageCcsAndEnvelope()
    {
        var r = await Ingest(Mail($"=?euc-kr?B?sei5zsH2?= <{Addr("New").ToUpperInvariant()}>", "=?euc-kr?B?yK+60iC5rsDH?=", "주문한 상품을 환불하고 싶어요.",
            cc: $"박지훈 <{Addr("jihun")}>, {_mailbox.Address}"));
        Assert.Equal((InboundOutcome.New, "created"), (r.Outcome, r.Disposition));
        var ticket = await Ticket(r.TicketId!.Value);
        Assert.Equal(("환불 문의", TicketChannel.Email, "김민지", Addr("new")), (ticket.Subject, ticket.Channel, ticket.Requester!.Name, ticket.Requester.PrimaryEmail));
        var message = Assert.Single(await Messages(ticket.Id));
        Assert.Equal(("주문한 상품을 환불하고 싶어요.", AuthorKind.Customer), (message.BodyText, message.AuthorKind));
        Assert.Equal([Addr("jihun")], await Db(db => db.TicketCcs.Where(c => c.TicketId == ticket.Id).Select(c => c.Address).ToListAsync()));
        var envelope = await Db(db => db.MessageEnvelopes.SingleAsync(e => e.Id == r.EnvelopeId));
        Assert.Equal((message.Id, InboundDisposition.Created), (envelope.MessageId, envelope.Disposition));
        Assert.NotNull(envelope.RawSha256);
        Assert.Contains("ticket.created", await Db(db => db.OutboxMessages.Where(o => o.Payload.Contains($"\"ticketId\":{ticket.Id},")).Select(o => o.Type).ToListAsync()));
    }

    [Fact]
    public async Task Ingest_SameMailTwice_SecondIsADuplicateOfTheFirst()
    {
        var raw = Encoding.UTF8.GetBytes(Mail($"Kim <{Addr("dup")}>", "중복", "한 번만 받아야 합니다.", $"dup-{_tag}@example.kr"));
        var first = await Ingest(raw);
        var second = await Ingest(raw);
        Assert.Equal((InboundOutcome.Duplicate, first.TicketId, first.MessageId), (second.Outcome, second.TicketId, second.MessageId));
        Assert.Single(await Messages(first.TicketId!.Value));
    }

    [Fact]
    public async Task Ingest_SameMailDeliveredConcurrently_IsStoredExactlyOnce()
    {
        var raw = Encoding.UTF8.GetBytes(Mail($"Kim <{Addr("race")}>", "동시에", "여러 번 배달된 메일", $"race-{_tag}@example.kr"));
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => Ingest(raw))));
        var first = Assert.Single(results, r => r.Outcome == InboundOutcome.New);
        Assert.All(results, r => Assert.Equal((first.TicketId, first.MessageId, first.EnvelopeId), (r.TicketId, r.MessageId, r.EnvelopeId)));
        var key = await Db(db => db.MessageEnvelopes.Where(e => e.Id == first.EnvelopeId).Select(e => e.DedupeKey).SingleAsync());
        Assert.Equal(1, await Db(db => db.MessageEnvelopes.CountAsync(e => e.DedupeKey == key)));
        Assert.Single(await Messages(first.TicketId!.Value));
        Assert.Equal(1, await Db(db => db.Customers.CountAsync(c => c.Emails.Any(e => e.Address == Addr("race")))));
        Assert.Equal(1, await Db(db => db.Tickets.CountAsync(t => t.Requester!.Emails.Any(e => e.Address == Addr("race")))));
    }

    [Fact]
    public async Task Ingest_ManyDifferentMailsConcurrently_StoresEveryOne_OneCustomerPerSender()
    {
        // 60 messages from 12 new senders, each delivered twice, all at once: every message once,
        // every sender one customer, every delivery answered with its message's ticket.
        var mails = Enumerable.Range(0, 60).Select(i => (Id: $"many-{i}-{_tag}@example.kr", Raw: Encoding.UTF8.GetBytes(
            Mail($"고객 {i % 12} <{Addr($"many{i % 12}")}>", $"문의 {i}", $"{i}번째 문의입니다.", $"many-{i}-{_tag}@example.kr")))).ToList();
        var results = await Task.WhenAll(mails.Concat(mails).Select(m => Task.Run(async () => (m.Id, Result: await Ingest(m.Raw)))));
        foreach (var group in results.GroupBy(r => r.Id))
        {
            Assert.Single(group, g => g.Result.Outcome == InboundOutcome.New);
            Assert.Single(group.Select(g => g.Result.MessageId).Distinct());
        }
        var senders = Enumerable.Range(0, 12).Select(i => Addr($"many{i}")).ToList();
        Assert.Equal(60, await Db(db => db.MessageEnvelopes.CountAsync(e => e.ExternalId!.StartsWith("many-") && e.ExternalId.EndsWith(_tag + "@example.kr"))));
        Assert.Equal(60, await Db(db => db.Messages.CountAsync(m => db.Tickets.Any(t => t.Id == m.TicketId && t.Requester!.Emails.Any(e => senders.Contains(e.Address))))));
        Assert.Equal(12, await Db(db => db.CustomerEmails.CountAsync(e => senders.Contains(e.Address))));
        Assert.Equal(12, await Db(db => db.Customers.CountAsync(c => c.Emails.Any(e => senders.Contains(e.Address)))));
    }

    [Fact]
    public async Task Ingest_RepliesToOneTicketConcurrently_AllJoinIt()
    {
        var first = await NewTicket("busy", messageId: $"busy-{_tag}@example.kr");
        var replies = Enumerable.Range(0, 12).Select(i => Mail($"김민지 <{Addr("busy")}>", "Re: 환불 문의", $"추가 문의 {i}", inReplyTo: $"busy-{_tag}@example.kr"));
        var results = await Task.WhenAll(replies.Select(r => Task.Run(() => Ingest(r))));
        Assert.All(results, r => Assert.Equal((InboundOutcome.Threaded, first.TicketId), (r.Outcome, r.TicketId)));
        Assert.Equal(13, (await Messages(first.TicketId!.Value)).Count);
    }

    [Fact]
    public async Task Ingest_Reply_ThreadsByInReplyTo_TrimsQuoteAndKeepsTheOriginal()
    {
        var first = await NewTicket("reply", messageId: $"orig-{_tag}@example.kr");
        var body = "네 감사합니다.\n\n2026년 3월 2일 (월) 오전 9:00, 고객센터 <help@shop.kr>님이 작성:\n> 확인했습니다.";
        var r = await Ingest(Mail($"김민지 <{Addr("reply")}>", "Re: 환불 문의", body, inReplyTo: $"orig-{_tag}@example.kr"));
        Assert.Equal((InboundOutcome.Threaded, "appended", first.TicketId), (r.Outcome, r.Disposition, r.TicketId));
        Assert.Equal("네 감사합니다.", (await Messages(first.TicketId!.Value))[^1].BodyText);
        Assert.Contains("확인했습니다", await Db(db => db.MessageEnvelopes.Where(e => e.Id == r.EnvelopeId).Select(e => e.OriginalText).SingleAsync()));
    }

    [Fact]
    public async Task Ingest_OutlookRewroteInReplyTo_StillThreadsThroughReferences_EvenWithANewSubject()
    {
        var first = await NewTicket("outlook", messageId: $"o1-{_tag}@example.kr");
        var r = await Ingest(Mail($"김민지 <{Addr("outlook")}>", "완전히 다른 제목", "추가 문의", inReplyTo: $"local-{_tag}@outlook.example",
            references: $"<o1-{_tag}@example.kr> <local-{_tag}@outlook.example>"));
        Assert.Equal((InboundOutcome.Threaded, first.TicketId), (r.Outcome, r.TicketId));
    }

    [Fact]
    public async Task Ingest_SubjectToken_FromRequesterJoins_FromStrangerOpensALinkedFlaggedTicket()
    {
        var first = await NewTicket("token");
        var subject = $"Re: 환불 문의 [#{first.TicketNumber}]";
        var mine = await Ingest(Mail($"김민지 <{Addr("token")}>", subject, "제가 보낸 답장"));
        Assert.Equal((InboundOutcome.Threaded, first.TicketId), (mine.Outcome, mine.TicketId));

        var stranger = await Ingest(Mail($"Mallory <{Addr("mallory")}>", subject, "남의 티켓에 끼어들기"));
        Assert.Equal((InboundOutcome.New, "unverified_sender"), (stranger.Outcome, stranger.Disposition));
        Assert.NotEqual(first.TicketId, stranger.TicketId);
        Assert.Contains("unverified-sender", (await Ticket(stranger.TicketId!.Value)).TagNames);
        Assert.Equal(2, (await Messages(first.TicketId!.Value)).Count);
        var links = await Db(db => db.TicketEvents.Where(e => e.Kind == "linked" && (e.TicketId == first.TicketId || e.TicketId == stranger.TicketId)).CountAsync());
        Assert.Equal(2, links);
    }

    [Fact]
    public async Task Ingest_HeaderMatch_FromCcOrSameOrganization_Joins_FromStranger_DoesNot()
    {
        var domain = $"corp-{_tag}.example";
        await Run(sp => sp.GetRequiredService<ManageOrganizations>().Create(new OrganizationRequest($"Corp {_tag}", [domain]), default));
        var first = await Ingest(Mail($"Boss <boss@{domain}>", "견적 요청", "견적 부탁드립니다", $"q-{_tag}@example.kr", cc: $"<{Addr("cc")}>"));
        Assert.Equal(InboundOutcome.New, first.Outcome);

        var fromCc = await Ingest(Mail($"<{Addr("cc")}>", "Re: 견적 요청", "참조인 답장", inReplyTo: $"q-{_tag}@example.kr"));
        var fromColleague = await Ingest(Mail($"<colleague@{domain}>", "Re: 견적 요청", "동료 답장", inReplyTo: $"q-{_tag}@example.kr"));
        var fromStranger = await Ingest(Mail($"<{Addr("stranger")}>", "Re: 견적 요청", "외부인", inReplyTo: $"q-{_tag}@example.kr"));
        Assert.Equal(first.TicketId, fromCc.TicketId);
        Assert.Equal(first.TicketId, fromColleague.TicketId);
        Assert.Equal("unverified_sender", fromStranger.Disposition);
    }

    [Fact]
    public async Task Ingest_NewSender_JoinsTheOrganizationClaimingTheirDomain_FromTheMomentItIsClaimed()
    {
        var domain = $"shop-{_tag}.example";
        var moved = $"moved-{_tag}.example";
        Task<long?> OrganizationOf(long ticketId) => Db(db => db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Requester!.OrganizationId).SingleAsync());

        // Mail from the domain before anyone claims it: no organization (and the desk has read the claims).
        var before = await Ingest(Mail($"<first@{domain}>", "문의", "조직 없음"));
        Assert.Null(await OrganizationOf(before.TicketId!.Value));

        var org = await Run(sp => sp.GetRequiredService<ManageOrganizations>().Create(new OrganizationRequest($"Shop {_tag}", [domain]), default));
        var claimed = await Ingest(Mail($"<second@{domain}>", "문의", "조직 있음"));
        Assert.Equal(org.Id, await OrganizationOf(claimed.TicketId!.Value));

        // The organization moves to another domain: new senders follow the claim at once.
        await Run(sp => sp.GetRequiredService<ManageOrganizations>().Update(org.Id, new OrganizationRequest(null, [moved]), default));
        var fromOld = await Ingest(Mail($"<third@{domain}>", "문의", "옛 도메인"));
        var fromNew = await Ingest(Mail($"<fourth@{moved.ToUpperInvariant()}>", "문의", "새 도메인"));
        Assert.Null(await OrganizationOf(fromOld.TicketId!.Value));
        Assert.Equal(org.Id, await OrganizationOf(fromNew.TicketId!.Value));

        await Run(async sp =>
        {
            await sp.GetRequiredService<ManageOrganizations>().Delete(org.Id, default);
            return org.Id;
        });
        var afterDelete = await Ingest(Mail($"<fifth@{moved}>", "문의", "조직 삭제 후"));
        Assert.Null(await OrganizationOf(afterDelete.TicketId!.Value));
    }

    [Fact]
    public async Task Ingest_ReplyToClosedTicket_OpensALinkedFollowUp()
    {
        var first = await NewTicket("closed", messageId: $"c1-{_tag}@example.kr");
        await Db(async db =>
        {
            var t = await db.Tickets.SingleAsync(x => x.Id == first.TicketId);
            t.ChangeStatus(TicketStatus.Solved, Actor.System, DateTime.UtcNow);
            t.ChangeStatus(TicketStatus.Closed, Actor.System, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var r = await Ingest(Mail($"김민지 <{Addr("closed")}>", "Re: 환불 문의", "또 문의드려요", inReplyTo: $"c1-{_tag}@example.kr"));
        Assert.Equal((InboundOutcome.New, "follow_up"), (r.Outcome, r.Disposition));
        Assert.NotEqual(first.TicketId, r.TicketId);
    }

    [Fact]
    public async Task Ingest_AutoReplyToATicket_JoinsWithoutReopening_ElsewhereIsOnlyRecorded()
    {
        var first = await NewTicket("ooo", messageId: $"ooo-{_tag}@example.kr");
        await Db(async db =>
        {
            var t = await db.Tickets.SingleAsync(x => x.Id == first.TicketId);
            t.ChangeStatus(TicketStatus.Solved, Actor.System, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var ooo = await Ingest(Mail($"김민지 <{Addr("ooo")}>", "자동 회신: 환불 문의", "3월 10일까지 휴가입니다.", inReplyTo: $"ooo-{_tag}@example.kr", extra: "Auto-Submitted: auto-replied"));
        Assert.Equal((InboundOutcome.Threaded, "auto_reply"), (ooo.Outcome, ooo.Disposition));
        var ticket = await Ticket(first.TicketId!.Value);
        Assert.Equal(TicketStatus.Solved, ticket.Status);
        Assert.Contains("auto-reply", ticket.TagNames);

        var stray = await Ingest(Mail($"<{Addr("stray")}>", "Out of Office", "away", extra: "Auto-Submitted: auto-replied"));
        Assert.Equal((InboundOutcome.Ignored, null), (stray.Outcome, stray.TicketId));
    }

    [Fact]
    public async Task Ingest_BounceOfATicketsMail_IsAnInternalNoteAndFlagsTheTicket()
    {
        var first = await NewTicket("bounce", messageId: $"b1-{_tag}@example.kr");
        var dsn = string.Join("\r\n",
            $"From: Mail Delivery System <MAILER-DAEMON@mx.example.kr>", $"To: {_mailbox.Address}", "Subject: Undelivered Mail Returned to Sender",
            $"Message-ID: <dsn-{_tag}@mx.example.kr>", "MIME-Version: 1.0", "Content-Type: multipart/report; report-type=delivery-status; boundary=r", "",
            "--r", "Content-Type: text/plain", "", "I'm sorry to have to inform you that your message could not be delivered.", "",
            "--r", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.kr", "",
            $"Final-Recipient: rfc822; {Addr("bounce")}", "Action: failed", "Status: 5.1.1", "",
            "--r", "Content-Type: text/rfc822-headers", "", $"Message-ID: <b1-{_tag}@example.kr>", "Subject: 환불 문의", "", "--r--", "");
        var r = await Ingest(dsn);
        Assert.Equal((InboundOutcome.Threaded, "bounce", first.TicketId), (r.Outcome, r.Disposition, r.TicketId));
        var note = (await Messages(first.TicketId!.Value))[^1];
        Assert.Equal((MessageVisibility.Internal, AuthorKind.System), (note.Visibility, note.AuthorKind));
        Assert.Contains(Addr("bounce"), note.BodyText);
        Assert.Contains("bounce", (await Ticket(first.TicketId.Value)).TagNames);
    }

    [Fact]
    public async Task Ingest_LoopAndSpam_CreateNoTicketButAreKept()
    {
        var loop = await Ingest(Mail($"고객센터 <{_mailbox.Address}>", "Re: 환불 문의", "our own reply"));
        Assert.Equal((InboundOutcome.Ignored, null), (loop.Outcome, loop.TicketId));
        var gtube = await Ingest(Mail($"<{Addr("spam")}>", "Buy", "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"));
        Assert.Equal((InboundOutcome.Quarantined, null), (gtube.Outcome, gtube.TicketId));
        var held = await Db(db => db.MessageEnvelopes.SingleAsync(e => e.Id == gtube.EnvelopeId));
        Assert.True(held.SpamScore >= 5);
        Assert.NotNull(held.RawSha256);
        Assert.False(await Db(db => db.Customers.AnyAsync(c => c.Emails.Any(e => e.Address == Addr("spam")))));
    }

    [Fact]
    public async Task Ingest_HtmlOnlyWithScriptsAndFiles_IsSanitizedKeepsTextAndStoresSafeAttachments()
    {
        var png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 9, 9]);
        var big = Convert.ToBase64String(new byte[100 * 1024], Base64FormattingOptions.InsertLineBreaks);
        var raw = string.Join("\r\n", $"From: <{Addr("html")}>", $"To: {_mailbox.Address}", "Subject: 사진 첨부", $"Message-ID: <html-{_tag}@example.kr>",
            "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=m", "", "--m", "Content-Type: multipart/related; boundary=r", "", "--r",
            "Content-Type: text/html; charset=utf-8", "",
            "<p onclick=\"x()\">상품 사진입니다<script>alert(1)</script><img src=\"cid:photo1@x\" onerror=\"alert(2)\"></p><a href=\"javascript:alert(3)\">link</a>",
            "--r", "Content-Type: image/png", "Content-ID: <photo1@x>", "Content-Transfer-Encoding: base64", "", png, "--r--",
            "--m", "Content-Type: application/pdf", "Content-Disposition: attachment; filename=\"../../../etc/passwd\"", "Content-Transfer-Encoding: base64", "", png,
            "--m", "Content-Type: application/octet-stream", "Content-Disposition: attachment; filename=\"huge.bin\"", "Content-Transfer-Encoding: base64", "", big,
            "--m--", "");
        var r = await Ingest(raw);
        var messages = await Messages(r.TicketId!.Value);
        var m = messages[0];
        Assert.Equal("상품 사진입니다\nlink", m.BodyText);
        Assert.DoesNotContain("script", m.BodyHtml);
        Assert.DoesNotContain("onerror", m.BodyHtml);
        Assert.DoesNotContain("onclick", m.BodyHtml);
        Assert.DoesNotContain("javascript:", m.BodyHtml);
        Assert.Contains("cid:photo1@x", m.BodyHtml);
        Assert.Equal(["passwd", "photo1@x"], m.Attachments.Select(a => a.ContentId ?? a.FileName).Order());
        Assert.Contains(messages, n => n.Visibility == MessageVisibility.Internal && n.BodyText.Contains("huge.bin"));
    }

    [Theory]
    [InlineData("\0\0\0 garbage \xff\xfe")]
    [InlineData("Subject: no sender\r\n\r\nbody")]
    [InlineData("From: <<<@@@>>>\r\nContent-Type: multipart/mixed; boundary=\"\r\n\r\n--\r\n--")]
    public async Task Ingest_MalformedMail_IsQuarantinedNotLost(string text)
    {
        var r = await Ingest(Encoding.Latin1.GetBytes(text + _tag));
        Assert.Equal((InboundOutcome.Quarantined, null), (r.Outcome, r.TicketId));
    }

    [Fact]
    public async Task Ingest_TenThousandParts_CreatesOneTicketWithBoundedAttachments()
    {
        var sb = new StringBuilder($"From: <{Addr("parts")}>\r\nTo: {_mailbox.Address}\r\nSubject: parts\r\nMessage-ID: <parts-{_tag}@example.kr>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nmany parts\r\n");
        for (var i = 0; i < 10_000; i++) sb.Append($"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=f{i}.bin\r\n\r\n{i}\r\n");
        sb.Append("--b--\r\n");
        var r = await Ingest(sb.ToString());
        Assert.Equal(InboundOutcome.New, r.Outcome);
        Assert.Equal(5, (await Messages(r.TicketId!.Value))[0].Attachments.Count);
    }

    [Fact]
    public async Task Ingest_EveryCorpusMessage_WithoutError_AndKoreanLettersReadRight()
    {
        var outcomes = new Dictionary<InboundOutcome, int>();
        foreach (var (name, raw) in TestData.EmailCorpus())
        {
            // Many corpus letters share one Message-ID with different content: each is its own message.
            var r = await Ingest(raw);
            outcomes[r.Outcome] = outcomes.GetValueOrDefault(r.Outcome) + 1;
            if (name == "letters/test_korean_plaintext_euc-kr_over_base64.txt")
            {
                var ticket = await Ticket(r.TicketId!.Value);
                Assert.Equal(("📧 Test 한국어 팬그램", "앨리스 보내는사람"), (ticket.Subject, ticket.Requester!.Name));
                Assert.Contains("키스의 고유조건은 입술끼리 만나야 하고 특별한 기술은 필요치 않다.", (await Messages(ticket.Id))[0].BodyText);
            }
        }
        Assert.True(outcomes.GetValueOrDefault(InboundOutcome.New) > 100, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(InboundOutcome.Quarantined) >= 2, string.Join(", ", outcomes));
    }
}
