using MimeKit;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Conversations;
using Sori.Core.Customers;
using Sori.Core.Tickets;

namespace Sori.Core.Tests.Email;

public sealed class ReplyMailTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("환불 문의", 1042, "Re: 환불 문의 [#1042]")]
    [InlineData("RE: 환불 문의", 1042, "RE: 환불 문의 [#1042]")]
    [InlineData("Re: 환불 문의 [#1042]", 1042, "Re: 환불 문의 [#1042]")]
    [InlineData("회신: 배송", 7, "회신: 배송 [#7]")]
    public void ReplySubject_OneReAndTheTicketToken(string subject, long number, string expected) =>
        Assert.Equal(expected, QueueReplyEmail.ReplySubject(subject, number));

    [Fact]
    public void ReplySubject_LongSubject_KeepsTheTokenWithinTheLimit()
    {
        var subject = QueueReplyEmail.ReplySubject(new string('가', 300), 123456);
        Assert.Equal(Limits.Subject, subject.Length);
        Assert.EndsWith(" [#123456]", subject);
    }

    [Fact]
    public void Build_Envelope_HeadersThreadAndAlternatives()
    {
        var customer = new Customer("김민지", Now);
        customer.AddEmail("minji@example.kr");
        var ticket = Ticket.Create(1042, "환불 문의", customer, TicketChannel.Email, TicketPriority.Normal, TicketType.Question, Actor.System, Now);
        var reply = ticket.AddReply(new Actor(ActorKind.Agent, 5, "이상담"), "안녕하세요 <고객>님,\n환불되었습니다.", null, Now);
        var envelope = MessageEnvelope.Outbound(1, "sori.1042.9.abc@shop.kr", "first@example.kr", ["first@example.kr", "second@example.kr"],
            "help@shop.kr", "소리샵", ["minji@example.kr"], ["jihun@example.kr"], "Re: 환불 문의 [#1042]", ticket, reply, Now);
        var files = new[] { new ReplyFile("영수증.pdf", "application/pdf", null, () => new MemoryStream("%PDF-1.4"u8.ToArray())) };

        var mail = ReplyMail.Build(envelope, reply, files, new DateTimeOffset(Now));

        Assert.Equal("sori.1042.9.abc@shop.kr", mail.MessageId);
        Assert.Equal("first@example.kr", mail.InReplyTo);
        Assert.Equal(new[] { "first@example.kr", "second@example.kr" }, mail.References.ToArray());
        Assert.Equal(("help@shop.kr", "소리샵"), (mail.From.Mailboxes.Single().Address, mail.From.Mailboxes.Single().Name));
        Assert.Equal("minji@example.kr", mail.To.Mailboxes.Single().Address);
        Assert.Equal("jihun@example.kr", mail.Cc.Mailboxes.Single().Address);
        Assert.Equal("Re: 환불 문의 [#1042]", mail.Subject);
        Assert.Contains("환불되었습니다", mail.TextBody);
        Assert.Contains("안녕하세요 &lt;고객&gt;님,<br>", mail.HtmlBody);
        Assert.Equal("영수증.pdf", mail.Attachments.OfType<MimePart>().Single().FileName);
        Assert.Null(mail.Headers[HeaderId.AutoSubmitted]);
        Assert.DoesNotContain("sori-signature", mail.HtmlBody);
    }

    [Theory]
    [InlineData("ko", "감사합니다.\n이상담 드림\n소리샵 고객센터 (문의 #1042)")]
    [InlineData("en", "Best regards,\n이상담 · 소리샵 고객센터\nTicket #1042")]
    public void Signature_InTheCustomersLanguage_FollowsTextAndHtml(string language, string expected)
    {
        var customer = new Customer("김민지 <VIP>", Now) { Language = language };
        customer.AddEmail("minji@example.kr");
        var ticket = Ticket.Create(1042, "환불 문의", customer, TicketChannel.Email, TicketPriority.Normal, TicketType.Question, Actor.System, Now);
        var reply = ticket.AddReply(new Actor(ActorKind.Agent, 5, "이상담"), "환불되었습니다.", null, Now);
        var mailbox = new Mailbox("고객센터", "help@shop.kr", Now)
        {
            FromName = "소리샵 고객센터", DefaultLanguage = "en",
            SignatureKo = "감사합니다.\n{agent.name} 드림\n{desk.name} (문의 #{ticket.number})",
            SignatureEn = "Best regards,\n{agent.name} · {desk.name}\nTicket #{ticket.number}",
        };

        var signature = QueueReplyEmail.Signature(mailbox, ticket, reply);
        var envelope = MessageEnvelope.Outbound(1, "sori.1042.9.abc@shop.kr", null, [], "help@shop.kr", "소리샵", ["minji@example.kr"], [],
            "Re: 환불 문의 [#1042]", ticket, reply, Now, signature);
        var mail = ReplyMail.Build(envelope, reply, [], new DateTimeOffset(Now));

        Assert.Equal(expected, signature);
        Assert.Equal("환불되었습니다.\n\n" + expected, mail.TextBody.ReplaceLineEndings("\n").TrimEnd());
        var html = string.Join("<br>", expected.Split('\n').Select(System.Net.WebUtility.HtmlEncode)) + "<br>";
        Assert.Contains($"<div class=\"sori-signature\" style=\"margin-top:1em\">{html}</div>", mail.HtmlBody);
    }

    [Fact]
    public void Signature_NoneForTheLanguage_SendsTheReplyAsWritten()
    {
        var customer = new Customer("Jane", Now) { Language = "fr" }; // a language the desk does not write: the mailbox's
        var ticket = Ticket.Create(7, "Refund", customer, TicketChannel.Email, TicketPriority.Normal, TicketType.Question, Actor.System, Now);
        var reply = ticket.AddReply(new Actor(ActorKind.Agent, 5, "Lee"), "Done.", null, Now);
        var mailbox = new Mailbox("Help", "help@shop.kr", Now) { DefaultLanguage = "ko", SignatureEn = "Lee" };

        Assert.Equal("ko", QueueReplyEmail.Language(ticket, mailbox));
        Assert.Null(QueueReplyEmail.Signature(mailbox, ticket, reply));
    }
}

public sealed class AcknowledgementTextTests
{
    [Fact]
    public void Text_KoreanBusyQueue_SaysHowLongHonestly()
    {
        var text = AcknowledgeNewTicket.Text("ko", "김민지", 1042, new AcknowledgeNewTicket.WaitEstimate(TimeSpan.FromMinutes(150), 40, true), "소리샵 고객센터");
        Assert.Contains("안녕하세요, 김민지님.", text);
        Assert.Contains("접수 번호는 #1042입니다", text);
        Assert.Contains("현재 문의가 많아 답변까지 약 3시간이 걸릴 수 있습니다.", text);
        Assert.EndsWith("소리샵 고객센터 드림", text);
    }

    [Fact]
    public void Text_EnglishWithoutHistory_PromisesNoTime()
    {
        var text = AcknowledgeNewTicket.Text("en", null, 7, null, "Sori Shop");
        Assert.StartsWith("Hello,", text);
        Assert.Contains("Your ticket number is #7", text);
        Assert.DoesNotContain("hour", text);
    }

    [Fact]
    public void Text_EnglishQuietQueue_GivesTheUsualTime()
    {
        var text = AcknowledgeNewTicket.Text("en", "Jane", 7, new AcknowledgeNewTicket.WaitEstimate(TimeSpan.FromMinutes(20), 3, false), "Sori Shop");
        Assert.Contains("We usually reply within about 1 hour.", text);
    }
}
