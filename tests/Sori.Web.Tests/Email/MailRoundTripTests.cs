using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MailKit;
using Microsoft.AspNetCore.Hosting;
using MimeKit;
using Sori.Core.Common;
using Sori.Testing;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Email;

/// <summary>The host with IMAP polling on (against the test Dovecot) and fast SMTP retries.</summary>
public abstract class MailRoundTripApp(TestDatabase database) : SoriWebApp(database)
{
    protected override void ConfigureHost(IWebHostBuilder b)
    {
        b.UseSetting("Sori:Imap:Enabled", "true");
        b.UseSetting("Sori:Imap:DiscoverInterval", "00:00:00.500");
        b.UseSetting("Sori:Imap:RetryBaseDelay", "00:00:00.500");
        b.UseSetting("Sori:Imap:RetryMaxDelay", "00:00:02");
        b.UseSetting("Sori:Imap:Timeout", "00:00:10");
        b.UseSetting("Sori:Outbox:PollInterval", "00:00:01");
        b.UseSetting("Sori:Smtp:PollInterval", "00:00:01");
        b.UseSetting("Sori:Smtp:MaxAttempts", "2");
        b.UseSetting("Sori:Smtp:RetryBaseDelay", "00:00:00.200");
        b.UseSetting("Sori:Smtp:Timeout", "00:00:05");
    }
}

public sealed class SqliteMailRoundTripApp() : MailRoundTripApp(new SqliteDatabase());
public sealed class PostgresMailRoundTripApp() : MailRoundTripApp(new PostgresDatabase());

public sealed class MailRoundTripTests_Sqlite(SqliteMailRoundTripApp app) : MailRoundTripTests(app), IClassFixture<SqliteMailRoundTripApp>;
public sealed class MailRoundTripTests_Postgres(PostgresMailRoundTripApp app) : MailRoundTripTests(app), IClassFixture<PostgresMailRoundTripApp>;

/// <summary>
/// Mail through real servers: a customer's message delivered into Dovecot becomes a ticket, the
/// agent's reply leaves through the SMTP sink, and the customer's answer to it threads back.
/// </summary>
public abstract class MailRoundTripTests(SoriWebApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly ImapTestServer _imap = TestMailServers.Imap;
    private readonly SmtpTestSink _smtp = TestMailServers.Smtp;

    private string Customer => $"minji-{_tag}@example.kr";

    private async Task<(long Id, string Address)> Mailbox(object? imap, object? smtp)
    {
        var admin = await app.As(Roles.Admin);
        var address = $"help-{_tag}-{Guid.NewGuid():N}"[..24] + "@shop.example.kr";
        var created = await (await admin.PostJson("/api/v1/mailboxes", new { name = "고객센터", address, fromName = "소리샵 고객센터", imap, smtp }))
            .Json(HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt64(), address);
    }

    private MimeMessage CustomerMail(string to, string subject, string body, string? inReplyTo = null, IEnumerable<string>? references = null)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("김민지", Customer));
        m.To.Add(MailboxAddress.Parse(to));
        m.Subject = subject;
        m.MessageId = $"{Guid.NewGuid():N}@example.kr";
        m.Date = DateTimeOffset.UtcNow;
        if (inReplyTo is not null) m.InReplyTo = inReplyTo;
        foreach (var r in references ?? []) m.References.Add(r);
        m.Body = new TextPart("plain") { Text = body };
        return m;
    }

    /// <summary>Waits until the mailbox's mail log shows the message with <paramref name="messageId"/>.</summary>
    private async Task<JsonElement> Received(long mailbox, string messageId)
    {
        var admin = await app.As(Roles.Admin);
        for (var deadline = DateTime.UtcNow + Patience; ; await Task.Delay(100))
        {
            var page = await (await admin.GetAsync($"/api/v1/mailboxes/{mailbox}/mail")).Json(HttpStatusCode.OK);
            foreach (var item in page.GetProperty("items").EnumerateArray())
                if (item.GetProperty("externalId").GetString() == messageId) return item;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"message {messageId} was not received: {page}");
        }
    }

    /// <summary>
    /// The folder's messages once <paramref name="settled"/> holds: the poller marks (\Seen) or moves a
    /// message only after its commit, so a test that saw the message received waits for that step too.
    /// </summary>
    private async Task<List<(uint Uid, MessageFlags Flags, string? MessageId)>> ImapState(string folder,
        Func<List<(uint Uid, MessageFlags Flags, string? MessageId)>, bool> settled)
    {
        for (var deadline = DateTime.UtcNow + Patience; ; await Task.Delay(100))
        {
            var state = await _imap.FlagsAsync(folder);
            if (settled(state) || DateTime.UtcNow > deadline) return state;
        }
    }

    private async Task<JsonElement> Delivery(long ticketId, long messageId, Func<string, bool> settled)
    {
        var agent = await app.As(Roles.Agent);
        for (var deadline = DateTime.UtcNow + Patience; ; await Task.Delay(100))
        {
            var page = await (await agent.GetAsync($"/api/v1/tickets/{ticketId}/messages")).Json(HttpStatusCode.OK);
            var message = page.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == messageId);
            if (message.GetProperty("delivery") is { ValueKind: JsonValueKind.Object } d && settled(d.GetProperty("status").GetString()!)) return d;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the reply's delivery did not settle: {message}");
        }
    }

    [Fact]
    public async Task CustomerMail_ReplyAndAnswer_ThreadThroughImapAndSmtp()
    {
        var folder = await _imap.CreateFolderAsync("roundtrip");
        var (mailbox, address) = await Mailbox(_imap.MailboxSettings(folder), _smtp.MailboxSettings());
        var admin = await app.As(Roles.Admin);
        var test = await (await admin.PostAsync($"/api/v1/mailboxes/{mailbox}/test", null)).Json(HttpStatusCode.OK);
        Assert.True(test.GetProperty("ok").GetBoolean());
        Assert.Equal(folder, test.GetProperty("imap").GetProperty("folder").GetString());

        // 1. The customer writes; the message arrives in the mailbox's folder.
        var first = CustomerMail(address, "환불 문의드립니다", "지난주에 주문한 신발을 환불하고 싶어요.");
        await _imap.AppendAsync(folder, first);
        var received = await Received(mailbox, first.MessageId);
        Assert.Equal("created", received.GetProperty("disposition").GetString());
        var ticketId = received.GetProperty("ticketId").GetInt64();
        var agent = await app.As(Roles.Agent);
        var ticket = await (await agent.GetAsync($"/api/v1/tickets/{ticketId}")).Json(HttpStatusCode.OK);
        Assert.Equal(("환불 문의드립니다", "email", Customer), (ticket.GetProperty("subject").GetString(), ticket.GetProperty("channel").GetString(),
            ticket.GetProperty("requester").GetProperty("email").GetString()));
        var number = ticket.GetProperty("number").GetInt64();
        Assert.Contains(await ImapState(folder, s => s.Any(m => m.MessageId == first.MessageId && m.Flags.HasFlag(MessageFlags.Seen))),
            m => m.MessageId == first.MessageId && m.Flags.HasFlag(MessageFlags.Seen));

        // 2. The agent answers; the reply leaves through SMTP with the thread's headers.
        var reply = await (await agent.PostJson($"/api/v1/tickets/{ticketId}/messages", new { body = "안녕하세요, 환불 접수되었습니다.\n3일 안에 처리됩니다." }))
            .Json(HttpStatusCode.Created);
        var replyId = reply.GetProperty("id").GetInt64();
        var (sent, _, rcpt) = await _smtp.WaitForAsync(m => m.Subject.Contains($"[#{number}]") && m.To.Mailboxes.Any(a => a.Address == Customer), Patience);
        Assert.Equal($"Re: 환불 문의드립니다 [#{number}]", sent.Subject);
        Assert.Equal(address, sent.From.Mailboxes.Single().Address);
        Assert.Equal("소리샵 고객센터", sent.From.Mailboxes.Single().Name);
        Assert.Equal(first.MessageId, sent.InReplyTo);
        Assert.Contains(first.MessageId, sent.References);
        Assert.Contains(Customer, rcpt);
        Assert.Contains("환불 접수되었습니다", sent.TextBody);
        Assert.Contains("환불 접수되었습니다", sent.HtmlBody);
        var delivery = await Delivery(ticketId, replyId, s => s != "pending");
        Assert.Equal(("sent", sent.MessageId), (delivery.GetProperty("status").GetString(), delivery.GetProperty("internetMessageId").GetString()));

        // 3. The customer answers the reply, with a new subject: it still joins the ticket, by its headers.
        var answer = CustomerMail(address, "추가 질문", "배송비도 환불되나요?", inReplyTo: sent.MessageId, references: [first.MessageId, sent.MessageId]);
        await _imap.AppendAsync(folder, answer);
        var threaded = await Received(mailbox, answer.MessageId);
        Assert.Equal(("appended", ticketId), (threaded.GetProperty("disposition").GetString(), threaded.GetProperty("ticketId").GetInt64()));
        var messages = await (await agent.GetAsync($"/api/v1/tickets/{ticketId}/messages")).Json(HttpStatusCode.OK);
        Assert.Equal(3, messages.GetProperty("items").GetArrayLength());
        Assert.All(await ImapState(folder, s => s.All(m => m.Flags.HasFlag(MessageFlags.Seen))), m => Assert.True(m.Flags.HasFlag(MessageFlags.Seen)));

        var view = await (await admin.GetAsync($"/api/v1/mailboxes/{mailbox}")).Json(HttpStatusCode.OK);
        var polling = view.GetProperty("polling");
        Assert.Equal(JsonValueKind.Null, polling.GetProperty("lastError").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, polling.GetProperty("lastPolledAt").ValueKind);
        await admin.DeleteAsync($"/api/v1/mailboxes/{mailbox}");
    }

    [Fact]
    public async Task BounceOfOurReply_ComesBackThroughImap_IsNotedOnThatTicketAndFlagsIt()
    {
        var folder = await _imap.CreateFolderAsync("bounce");
        var (mailbox, address) = await Mailbox(_imap.MailboxSettings(folder), _smtp.MailboxSettings());
        var agent = await app.As(Roles.Agent);

        // Two tickets from the same customer; the agent answers the first one only.
        var first = CustomerMail(address, "교환 문의", "사이즈 교환 원합니다.");
        await _imap.AppendAsync(folder, first);
        var ticketId = (await Received(mailbox, first.MessageId!)).GetProperty("ticketId").GetInt64();
        var other = CustomerMail(address, "배송 문의", "언제 오나요?");
        await _imap.AppendAsync(folder, other);
        var otherId = (await Received(mailbox, other.MessageId!)).GetProperty("ticketId").GetInt64();
        var number = (await (await agent.GetAsync($"/api/v1/tickets/{ticketId}")).Json(HttpStatusCode.OK)).GetProperty("number").GetInt64();
        await (await agent.PostJson($"/api/v1/tickets/{ticketId}/messages", new { body = "교환 접수되었습니다." })).Json(HttpStatusCode.Created);
        var (sent, _, _) = await _smtp.WaitForAsync(m => m.Subject.Contains($"[#{number}]") && m.To.Mailboxes.Any(a => a.Address == Customer), Patience);

        // The customer's server refuses it: a delivery status notification comes back to the shop's
        // address, quoting our reply (a new subject, no ticket token, only the reply's Message-ID inside).
        var dsn = new MimeMessage();
        dsn.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.example.kr"));
        dsn.To.Add(MailboxAddress.Parse(address));
        dsn.Subject = "Undelivered Mail Returned to Sender";
        dsn.MessageId = $"{Guid.NewGuid():N}@mx.example.kr";
        dsn.Date = DateTimeOffset.UtcNow;
        dsn.Headers.Add("Auto-Submitted", "auto-replied");
        var status = new MimePart("message", "delivery-status")
        {
            Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(
                $"Reporting-MTA: dns; mx.example.kr\r\n\r\nFinal-Recipient: rfc822; {Customer}\r\nAction: failed\r\nStatus: 5.2.2\r\n" +
                "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n"))),
        };
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = $"I'm sorry to have to inform you that your message could not be delivered to {Customer}: mailbox full." },
            status,
            new MessagePart { Message = sent },
        };
        dsn.Body = report;
        await _imap.AppendAsync(folder, dsn);

        var bounced = await Received(mailbox, dsn.MessageId!);
        Assert.Equal(("bounce", ticketId), (bounced.GetProperty("disposition").GetString(), bounced.GetProperty("ticketId").GetInt64()));
        var ticket = await (await agent.GetAsync($"/api/v1/tickets/{ticketId}")).Json(HttpStatusCode.OK);
        Assert.Contains("bounce", ticket.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var note = (await (await agent.GetAsync($"/api/v1/tickets/{ticketId}/messages")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Last();
        Assert.Equal(("internal", "system"), (note.GetProperty("visibility").GetString(), note.GetProperty("authorKind").GetString()));
        Assert.Contains(Customer, note.GetProperty("body").GetString()!);
        Assert.Contains("5.2.2", note.GetProperty("body").GetString()!);
        // The customer's other ticket is untouched, and the bounce opened no ticket of its own.
        var untouched = await (await agent.GetAsync($"/api/v1/tickets/{otherId}")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain("bounce", untouched.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, (await (await agent.GetAsync($"/api/v1/tickets/{otherId}/messages")).Json(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        Assert.Contains(await ImapState(folder, s => s.Any(m => m.MessageId == dsn.MessageId && m.Flags.HasFlag(MessageFlags.Seen))),
            m => m.MessageId == dsn.MessageId && m.Flags.HasFlag(MessageFlags.Seen));
    }

    [Fact]
    public async Task WrongImapPassword_TestEndpointAndPollingReportIt()
    {
        var folder = await _imap.CreateFolderAsync("badpass");
        var settings = new { host = _imap.Host, port = _imap.Port, tls = "none", username = _imap.Username, password = "wrong-password", folder };
        var (mailbox, _) = await Mailbox(settings, null);
        var admin = await app.As(Roles.Admin);

        var problem = await (await admin.PostAsync($"/api/v1/mailboxes/{mailbox}/test", null)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("authenticate", problem.GetProperty("title").GetString());
        Assert.Contains(_imap.Username, problem.GetProperty("detail").GetString());
        Assert.False(problem.GetProperty("imap").GetProperty("ok").GetBoolean());

        for (var deadline = DateTime.UtcNow + Patience; ; await Task.Delay(200))
        {
            var polling = (await (await admin.GetAsync($"/api/v1/mailboxes/{mailbox}")).Json(HttpStatusCode.OK)).GetProperty("polling");
            if (polling.GetProperty("lastError").GetString() is { } error)
            {
                Assert.Contains("refused the sign-in", error);
                Assert.True(polling.GetProperty("failures").GetInt32() >= 1);
                break;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no polling error recorded: " + polling);
        }
        await admin.DeleteAsync($"/api/v1/mailboxes/{mailbox}");
    }

    [Fact]
    public async Task SmtpDown_ReplyFailsVisibly_ResendAfterFixSendsIt()
    {
        var closed = new { host = "127.0.0.1", port = ClosedPort(), tls = "none" };
        var (mailbox, address) = await Mailbox(null, closed);
        var writer = await app.WithToken("read", "write");
        var mail = CustomerMail(address, "교환 문의", "사이즈를 바꾸고 싶어요.");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(mail.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        var dropped = await (await writer.PostAsync($"/api/v1/mailboxes/{mailbox}/inbound", content)).Json(HttpStatusCode.Created);
        var ticketId = dropped.GetProperty("ticketId").GetInt64();

        var agent = await app.As(Roles.Agent);
        var reply = await (await agent.PostJson($"/api/v1/tickets/{ticketId}/messages", new { body = "교환 도와드리겠습니다." })).Json(HttpStatusCode.Created);
        var replyId = reply.GetProperty("id").GetInt64();
        var failed = await Delivery(ticketId, replyId, s => s == "failed");
        Assert.Equal(2, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("Could not connect to the SMTP server", failed.GetProperty("lastError").GetString());

        var admin = await app.As(Roles.Admin);
        (await admin.PatchJson($"/api/v1/mailboxes/{mailbox}", new { smtp = _smtp.MailboxSettings() })).EnsureSuccessStatusCode();
        var requeued = await (await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages/{replyId}/resend", null)).Json(HttpStatusCode.Accepted);
        Assert.Equal("pending", requeued.GetProperty("status").GetString());
        var sent = await Delivery(ticketId, replyId, s => s == "sent");
        var (message, _, _) = await _smtp.WaitForAsync(m => m.MessageId == sent.GetProperty("internetMessageId").GetString(), Patience);
        Assert.Equal(mail.MessageId, message.InReplyTo);
        await (await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages/{replyId}/resend", null)).Problem(HttpStatusCode.Conflict);
        await admin.DeleteAsync($"/api/v1/mailboxes/{mailbox}");
    }

    [Fact]
    public async Task AutoAcknowledge_NewMail_GetsItsNumber_BulkMailDoesNot()
    {
        var admin = await app.As(Roles.Admin);
        var address = $"ack-{_tag}-{Guid.NewGuid():N}"[..24] + "@shop.example.kr";
        var mailbox = (await (await admin.PostJson("/api/v1/mailboxes", new { name = "고객센터", address, autoAcknowledge = true, smtp = _smtp.MailboxSettings() }))
            .Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var writer = await app.WithToken("read", "write");
        async Task<long> Drop(MimeMessage m)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(m.ToString()));
            content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
            return (await (await writer.PostAsync($"/api/v1/mailboxes/{mailbox}/inbound", content)).Json(HttpStatusCode.Created)).GetProperty("ticketId").GetInt64();
        }

        var bulk = CustomerMail(address, "뉴스레터", "이번 주 소식입니다.");
        bulk.Headers.Add("Precedence", "bulk");
        var bulkTicket = await Drop(bulk);
        var mail = CustomerMail(address, "배송 문의", "언제 오나요?");
        var ticketId = await Drop(mail);

        var (ack, _, _) = await _smtp.WaitForAsync(m => m.InReplyTo == mail.MessageId, Patience);
        var agent = await app.As(Roles.Agent);
        var ticket = await (await agent.GetAsync($"/api/v1/tickets/{ticketId}")).Json(HttpStatusCode.OK);
        var number = ticket.GetProperty("number").GetInt64();
        Assert.Equal("auto-replied", ack.Headers["Auto-Submitted"]);
        Assert.Contains($"접수 번호는 #{number}입니다", ack.TextBody);
        Assert.Contains($"[#{number}]", ack.Subject);
        Assert.Equal(("new", JsonValueKind.Null), (ticket.GetProperty("status").GetString(), ticket.GetProperty("firstResponseAt").ValueKind));
        var messages = (await (await agent.GetAsync($"/api/v1/tickets/{ticketId}/messages")).Json(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(("system", "sent"), (messages[1].GetProperty("authorKind").GetString(), messages[1].GetProperty("delivery").GetProperty("status").GetString()));

        // The bulk mail's ticket was created first; by now its acknowledgement would have been queued too.
        var bulkMessages = (await (await agent.GetAsync($"/api/v1/tickets/{bulkTicket}/messages")).Json(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(1, bulkMessages.GetArrayLength());
        await Assert.ThrowsAsync<TimeoutException>(() => _smtp.WaitForAsync(m => m.InReplyTo == bulk.MessageId, TimeSpan.FromSeconds(1)));
        await admin.DeleteAsync($"/api/v1/mailboxes/{mailbox}");
    }

    [Fact]
    public async Task TlsAndOAuth2_MailFlowsBothWays_SignedInTheCustomersLanguage_AndFiledAway()
    {
        var tls = TestMailServers.SmtpTls;
        await using var endpoint = TestTokenEndpoint.Start(_imap.OAuthToken);
        var folder = await _imap.CreateFolderAsync("oauth");
        var processed = $"Sori/Processed-{_tag}";
        var admin = await app.As(Roles.Admin);
        var address = $"gmail-{_tag}-{Guid.NewGuid():N}"[..24] + "@shop.example.kr";
        var mailbox = (await (await admin.PostJson("/api/v1/mailboxes", new
        {
            name = "Help", address, fromName = "Sori Shop", defaultLanguage = "en",
            imap = new { host = _imap.Host, port = _imap.TlsPort, tls = "tls", username = _imap.Username, auth = "oauth2", trustedFingerprint = _imap.Fingerprint, folder, processedFolder = processed },
            smtp = new { host = tls.Host, port = tls.StartTlsPort, tls = "start_tls", username = tls.Username, auth = "oauth2", trustedFingerprint = tls.Fingerprint },
            oauth2 = new { tokenUrl = endpoint.Url, clientId = endpoint.ClientId, clientSecret = endpoint.ClientSecret, refreshToken = endpoint.RefreshToken },
            signatures = new { ko = "감사합니다.\n{agent.name} 드림", en = "Kind regards,\n{agent.name}\n{desk.name} · ticket #{ticket.number}" },
        })).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        // The connection test gets the first access token and signs in to both servers with it.
        var test = await (await admin.PostAsync($"/api/v1/mailboxes/{mailbox}/test", null)).Json(HttpStatusCode.OK);
        Assert.True(test.GetProperty("imap").GetProperty("ok").GetBoolean() && test.GetProperty("smtp").GetProperty("ok").GetBoolean());
        var grant = (await (await admin.GetAsync($"/api/v1/mailboxes/{mailbox}")).Json(HttpStatusCode.OK)).GetProperty("oauth2");
        Assert.True(grant.GetProperty("hasAccessToken").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, grant.GetProperty("accessTokenExpiresAt").ValueKind);

        var first = CustomerMail(address, "Refund", "I would like a refund for order 1042.");
        await _imap.AppendAsync(folder, first);
        var received = await Received(mailbox, first.MessageId);
        var ticketId = received.GetProperty("ticketId").GetInt64();
        Assert.Empty(await ImapState(folder, s => s.Count == 0));
        Assert.Equal(first.MessageId, Assert.Single(await ImapState(processed, s => s.Count == 1)).MessageId);

        var agent = await app.As(Roles.Agent);
        var number = (await (await agent.GetAsync($"/api/v1/tickets/{ticketId}")).Json(HttpStatusCode.OK)).GetProperty("number").GetInt64();
        await (await agent.PostJson($"/api/v1/tickets/{ticketId}/messages", new { body = "Your refund is on its way." })).Json(HttpStatusCode.Created);
        var (sent, _, _) = await tls.Sink.WaitForAsync(m => m.InReplyTo == first.MessageId, Patience);

        Assert.Equal($"XOAUTH2 {tls.Username}", sent.Headers["X-Sink-Auth"]);
        var signature = $"Kind regards,\nAgent 상담원\nSori Shop · ticket #{number}";
        Assert.Equal("Your refund is on its way.\n\n" + signature, sent.TextBody.ReplaceLineEndings("\n").TrimEnd());
        Assert.Contains(string.Join("<br>", signature.Split('\n').Select(WebUtility.HtmlEncode)), sent.HtmlBody);
        Assert.Single(endpoint.Requests); // one token, reused until it nears expiry
        await admin.DeleteAsync($"/api/v1/mailboxes/{mailbox}");
    }

    [Fact]
    public async Task SelfSignedServer_TestShowsItsFingerprint_TrustingItMakesItWork()
    {
        var folder = await _imap.CreateFolderAsync("pin");
        var (mailbox, _) = await Mailbox(new { host = _imap.Host, port = _imap.TlsPort, tls = "tls", username = _imap.Username, password = _imap.Password, folder }, null);
        var admin = await app.As(Roles.Admin);

        var problem = await (await admin.PostAsync($"/api/v1/mailboxes/{mailbox}/test", null)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The IMAP connection failed at \"certificate\".", problem.GetProperty("title").GetString());
        Assert.Contains("self-signed", problem.GetProperty("detail").GetString());
        var certificate = problem.GetProperty("imap").GetProperty("certificate");
        Assert.Equal(_imap.Fingerprint, certificate.GetProperty("fingerprint").GetString());
        Assert.Equal("CN=sori-test-mail", certificate.GetProperty("subject").GetString());

        (await admin.PatchJson($"/api/v1/mailboxes/{mailbox}", new { imap = new { trustedFingerprint = certificate.GetProperty("fingerprint").GetString() } }))
            .EnsureSuccessStatusCode();
        var ok = await (await admin.PostAsync($"/api/v1/mailboxes/{mailbox}/test", null)).Json(HttpStatusCode.OK);
        Assert.Equal(folder, ok.GetProperty("imap").GetProperty("folder").GetString());
        await admin.DeleteAsync($"/api/v1/mailboxes/{mailbox}");
    }

    [Fact]
    public async Task AutoAcknowledge_WithTheMailboxsOwnText_InKorean()
    {
        var admin = await app.As(Roles.Admin);
        var address = $"ack2-{_tag}-{Guid.NewGuid():N}"[..24] + "@shop.example.kr";
        var mailbox = (await (await admin.PostJson("/api/v1/mailboxes", new
        {
            name = "고객센터", address, fromName = "소리샵", autoAcknowledge = true, smtp = _smtp.MailboxSettings(),
            acknowledgements = new { ko = "{customer.name}님, 문의 #{ticket.number}번이 접수되었습니다.{wait}\n- {desk.name}", en = "Received: #{ticket.number}" },
            signatures = new { ko = "{agent.name} 드림" },
        })).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var writer = await app.WithToken("read", "write");
        var mail = CustomerMail(address, "배송 문의", "언제 오나요?");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(mail.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        var ticketId = (await (await writer.PostAsync($"/api/v1/mailboxes/{mailbox}/inbound", content)).Json(HttpStatusCode.Created)).GetProperty("ticketId").GetInt64();

        var (ack, _, _) = await _smtp.WaitForAsync(m => m.InReplyTo == mail.MessageId, Patience);
        var agent = await app.As(Roles.Agent);
        var number = (await (await agent.GetAsync($"/api/v1/tickets/{ticketId}")).Json(HttpStatusCode.OK)).GetProperty("number").GetInt64();

        // The wait sentence depends on the desk's recent history (none in a fresh desk: empty); the signature is for agents' replies only.
        Assert.Matches($"^김민지님, 문의 #{number}번이 접수되었습니다\\.[^\\n]*\\n- 소리샵$", ack.TextBody.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal("auto-replied", ack.Headers["Auto-Submitted"]);
        await admin.DeleteAsync($"/api/v1/mailboxes/{mailbox}");
    }

    private static int ClosedPort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
