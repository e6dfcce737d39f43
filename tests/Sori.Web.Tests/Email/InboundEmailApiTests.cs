using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Conversations;
using Sori.Core.Data;
using Sori.Testing;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Email;

/// <summary>A host with a small message limit, so "too large" is cheap to test.</summary>
public abstract class EmailWebApp(TestDatabase database) : SoriWebApp(database)
{
    public const int MaxMessageBytes = 3 * 1024 * 1024;
    protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("Sori:Email:MaxMessageBytes", MaxMessageBytes.ToString());
}

public sealed class SqliteEmailWebApp() : EmailWebApp(new SqliteDatabase());
public sealed class PostgresEmailWebApp() : EmailWebApp(new PostgresDatabase());

public sealed class InboundEmailApiTests_Sqlite(SqliteEmailWebApp app) : InboundEmailApiTests(app), IClassFixture<SqliteEmailWebApp>;
public sealed class InboundEmailApiTests_Postgres(PostgresEmailWebApp app) : InboundEmailApiTests(app), IClassFixture<PostgresEmailWebApp>;

public abstract class InboundEmailApiTests(EmailWebApp app)
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    private async Task<long> Mailbox(bool active = true)
    {
        var admin = await app.As(Roles.Admin);
        var created = await (await admin.PostJson("/api/v1/mailboxes", new { name = "CS", address = $"cs-{Guid.NewGuid():N}"[..16] + "@shop.example.kr", isActive = active }))
            .Json(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    private string Mail(string subject, string body, string? messageId = null, string? inReplyTo = null, string contentType = "text/plain; charset=utf-8") =>
        $"From: 김민지 <minji-{_tag}@example.kr>\r\nTo: cs@shop.example.kr\r\nSubject: {subject}\r\nMessage-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@example.kr"}>\r\n"
        + (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\r\n") + $"MIME-Version: 1.0\r\nContent-Type: {contentType}\r\n\r\n{body}\r\n";

    private static async Task<HttpResponseMessage> Drop(HttpClient client, long mailbox, string raw, string type = "message/rfc822") =>
        await Drop(client, mailbox, Encoding.UTF8.GetBytes(raw), type);

    private static async Task<HttpResponseMessage> Drop(HttpClient client, long mailbox, byte[] raw, string type = "message/rfc822")
    {
        var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return await client.PostAsync($"/api/v1/mailboxes/{mailbox}/inbound", content);
    }

    private async Task<int> Envelopes()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SoriDbContext>().MessageEnvelopes.CountAsync();
    }

    [Fact]
    public async Task Drop_NewMail_201WithTheTicket_ReplyThreads_RepeatIsADuplicate()
    {
        var mailbox = await Mailbox();
        var mta = await app.WithToken("write");
        var raw = Mail("환불 문의", "주문을 취소하고 싶어요.", $"drop-{_tag}@example.kr");
        var response = await Drop(mta, mailbox, raw);
        var created = await response.Json(HttpStatusCode.Created);
        var ticketId = created.GetProperty("ticketId").GetInt64();
        Assert.Equal(("new", "created"), (created.GetProperty("outcome").GetString(), created.GetProperty("disposition").GetString()));
        Assert.Equal($"/api/v1/tickets/{ticketId}", response.Headers.Location?.ToString());

        var again = await (await Drop(mta, mailbox, raw)).Json(HttpStatusCode.Accepted);
        Assert.Equal(("duplicate", ticketId), (again.GetProperty("outcome").GetString(), again.GetProperty("ticketId").GetInt64()));

        var reply = await (await Drop(mta, mailbox, Mail("Re: 환불 문의", "추가로 여쭤봐요.", inReplyTo: $"drop-{_tag}@example.kr"))).Json(HttpStatusCode.Accepted);
        Assert.Equal(("threaded", ticketId), (reply.GetProperty("outcome").GetString(), reply.GetProperty("ticketId").GetInt64()));

        var admin = await app.As(Roles.Admin);
        var messages = await (await admin.GetAsync($"/api/v1/tickets/{ticketId}/messages")).Json(HttpStatusCode.OK);
        Assert.Equal(["주문을 취소하고 싶어요.", "추가로 여쭤봐요."], messages.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
    }

    [Fact]
    public async Task Drop_HostileHtml_IsSanitizedAndKeepsAText()
    {
        var mailbox = await Mailbox();
        var html = "<p>안녕하세요<script>alert(1)</script><img src=x onerror=alert(2)></p>";
        var created = await (await Drop(await app.WithToken("write"), mailbox, Mail("html", html, contentType: "text/html; charset=utf-8"))).Json(HttpStatusCode.Created);
        var admin = await app.As(Roles.Admin);
        var message = (await (await admin.GetAsync($"/api/v1/tickets/{created.GetProperty("ticketId").GetInt64()}/messages")).Json(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal("안녕하세요", message.GetProperty("body").GetString());
        Assert.DoesNotContain("script", message.GetProperty("bodyHtml").GetString());
        Assert.DoesNotContain("onerror", message.GetProperty("bodyHtml").GetString());
    }

    [Fact]
    public async Task Drop_SpamAndMalformed_AreQuarantined_NothingElseWritten()
    {
        var mailbox = await Mailbox();
        var mta = await app.WithToken("write");
        var spam = await (await Drop(mta, mailbox, Mail("hi", "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"))).Json(HttpStatusCode.Accepted);
        Assert.Equal("quarantined", spam.GetProperty("outcome").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, spam.GetProperty("ticketId").ValueKind);
        var garbage = await (await Drop(mta, mailbox, [0, 1, 2, 0xFF, 0xFE, (byte)'x', (byte)_tag[0]])).Json(HttpStatusCode.Accepted);
        Assert.Equal("quarantined", garbage.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Drop_OverTheMessageLimit_Is413AndWritesNothing()
    {
        var mailbox = await Mailbox();
        var before = await Envelopes();
        var huge = new byte[EmailWebApp.MaxMessageBytes + 1024];
        Encoding.ASCII.GetBytes(Mail("big", "x")).CopyTo(huge, 0);
        await (await Drop(await app.WithToken("write"), mailbox, huge)).Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await Envelopes());
    }

    [Fact]
    public async Task Drop_AttachmentOverTheFileLimit_TicketIsCreatedWithoutItAndSaysSo()
    {
        var mailbox = await Mailbox();
        var big = Convert.ToBase64String(new byte[SoriWebApp.MaxFileBytes + 1], Base64FormattingOptions.InsertLineBreaks);
        var raw = $"From: <big-{_tag}@example.kr>\r\nSubject: big\r\nMessage-ID: <big-{_tag}@example.kr>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                  + "--b\r\nContent-Type: text/plain\r\n\r\n파일 보냅니다\r\n--b\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=big.zip\r\n"
                  + $"Content-Transfer-Encoding: base64\r\n\r\n{big}\r\n--b--\r\n";
        var created = await (await Drop(await app.WithToken("write"), mailbox, raw)).Json(HttpStatusCode.Created);
        Assert.Contains("big.zip", created.GetProperty("reason").GetString());
        var admin = await app.As(Roles.Admin);
        var items = (await (await admin.GetAsync($"/api/v1/tickets/{created.GetProperty("ticketId").GetInt64()}/messages")).Json(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(0, items[0].GetProperty("attachments").GetArrayLength());
        Assert.Contains("big.zip", items[1].GetProperty("body").GetString());
    }

    [Fact]
    public async Task Drop_WrongTypeUnknownOrPausedMailboxAndReadToken_AreRefusedCleanly()
    {
        var mailbox = await Mailbox();
        var mta = await app.WithToken("write");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Drop(mta, mailbox, "{}", "application/json")).StatusCode);
        await (await Drop(mta, 987654, Mail("x", "y"))).Problem(HttpStatusCode.NotFound);
        await (await Drop(mta, await Mailbox(active: false), Mail("x", "y"))).Problem(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Forbidden, (await Drop(await app.WithToken("read"), mailbox, Mail("x", "y"))).StatusCode);
        await (await Drop(mta, mailbox, [])).Problem(HttpStatusCode.BadRequest, "message");
    }

    [Fact]
    public async Task Quarantine_ListsHeldMail_AndReleaseMakesItATicketOnce()
    {
        var mailbox = await Mailbox();
        var held = await (await Drop(await app.WithToken("write"), mailbox, Mail("(광고) 당첨되셨습니다", "카지노 바카라 무료 대출 당첨되셨습니다"))).Json(HttpStatusCode.Accepted);
        Assert.Equal("quarantined", held.GetProperty("outcome").GetString());
        var mailId = held.GetProperty("envelopeId").GetInt64();

        var admin = await app.As(Roles.Admin);
        var quarantine = await (await admin.GetAsync($"/api/v1/mailboxes/{mailbox}/mail?disposition=quarantined")).Json(HttpStatusCode.OK);
        var item = Assert.Single(quarantine.GetProperty("items").EnumerateArray());
        Assert.Equal((mailId, "(광고) 당첨되셨습니다"), (item.GetProperty("id").GetInt64(), item.GetProperty("subject").GetString()));
        await (await admin.GetAsync($"/api/v1/mailboxes/{mailbox}/mail?disposition=lost")).Problem(HttpStatusCode.BadRequest, "disposition");

        var released = await (await admin.PostAsync($"/api/v1/mailboxes/{mailbox}/mail/{mailId}/release", null)).Json(HttpStatusCode.OK);
        Assert.Equal(("new", "created"), (released.GetProperty("outcome").GetString(), released.GetProperty("disposition").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/tickets/{released.GetProperty("ticketId").GetInt64()}")).StatusCode);
        await (await admin.PostAsync($"/api/v1/mailboxes/{mailbox}/mail/{mailId}/release", null)).Problem(HttpStatusCode.Conflict);
        var after = await (await admin.GetAsync($"/api/v1/mailboxes/{mailbox}/mail?disposition=quarantined")).Json(HttpStatusCode.OK);
        Assert.Equal(0, after.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Release_TwiceAtOnce_MakesOneTicket_TheOtherIsAConflict()
    {
        var mailbox = await Mailbox();
        var held = await (await Drop(await app.WithToken("write"), mailbox, Mail("(광고) 무료 대출", "카지노 바카라 무료 대출 당첨되셨습니다"))).Json(HttpStatusCode.Accepted);
        var mailId = held.GetProperty("envelopeId").GetInt64();
        var admins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.As(Roles.Admin)));
        var answers = await Task.WhenAll(admins.Select(a => a.PostAsync($"/api/v1/mailboxes/{mailbox}/mail/{mailId}/release", null)));
        Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, answers.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var tickets = await (await admins[0].GetAsync("/api/v1/tickets?limit=100")).Json(HttpStatusCode.OK);
        Assert.Single(tickets.GetProperty("items").EnumerateArray(), t => t.GetProperty("subject").GetString() == "(광고) 무료 대출");
    }

    [Fact]
    public async Task Original_ShowsTheUntrimmedTextAndTheRawMessage()
    {
        var mailbox = await Mailbox();
        var mta = await app.WithToken("write");
        var first = await (await Drop(mta, mailbox, Mail("문의", "처음", $"orig-{_tag}@example.kr"))).Json(HttpStatusCode.Created);
        var raw = Mail("Re: 문의", "네 알겠습니다.\r\n\r\nOn Mon, 2 Mar 2026 at 09:00, CS <cs@shop.example.kr> wrote:\r\n> 확인 부탁드립니다", inReplyTo: $"orig-{_tag}@example.kr");
        var reply = await (await Drop(mta, mailbox, raw)).Json(HttpStatusCode.Accepted);
        var (ticket, message) = (first.GetProperty("ticketId").GetInt64(), reply.GetProperty("messageId").GetInt64());

        var reader = await app.WithToken("read");
        var original = await (await reader.GetAsync($"/api/v1/tickets/{ticket}/messages/{message}/original")).Json(HttpStatusCode.OK);
        Assert.Contains("확인 부탁드립니다", original.GetProperty("text").GetString());
        Assert.Equal($"minji-{_tag}@example.kr", original.GetProperty("fromAddress").GetString());
        var download = await reader.GetAsync($"/api/v1/tickets/{ticket}/messages/{message}/original/raw");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetBytes(raw), await download.Content.ReadAsByteArrayAsync());
        await (await reader.GetAsync($"/api/v1/tickets/{ticket + 1000}/messages/{message}/original")).Problem(HttpStatusCode.NotFound);
    }
}
