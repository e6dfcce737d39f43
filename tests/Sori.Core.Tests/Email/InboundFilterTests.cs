using Sori.Core.Conversations.Inbound;
using Sori.Testing;

namespace Sori.Core.Tests.Email;

public sealed class InboundFilterTests
{
    private static readonly InboundContext Desk = new(new HashSet<string> { "help@shop.example.kr" });

    private static InboundVerdict Run(InboundMessage m) => InboundFilters.Run(InboundFilters.Default, m, Desk);

    [Fact]
    public void Filters_PlainCustomerMail_IsNormalAndMayBeAnswered()
    {
        var v = Run(MailText.Map());
        Assert.Equal(InboundKind.Normal, v.Kind);
        Assert.False(v.SuppressAutoResponses);
    }

    [Theory]
    [InlineData("Help <HELP@shop.example.kr>", null)]
    [InlineData("a@example.kr", "X-Loop: help@shop.example.kr")]
    [InlineData("a@example.kr", "X-Loop: sori")]
    public void Filters_OwnAddressOrXLoop_IsALoop(string from, string? header) =>
        Assert.Equal(InboundKind.Loop, Run(MailText.Map(from: from, extraHeaders: header)).Kind);

    [Theory]
    [InlineData("Out of Office: 환불 문의", null)]
    [InlineData("자동 회신: 환불 문의", null)]
    [InlineData("[부재중] 환불 문의", null)]
    [InlineData("Re: 환불 문의", "Auto-Submitted: auto-replied")]
    [InlineData("Re: 환불 문의", "X-Autoreply: yes")]
    [InlineData("Re: 환불 문의", "Precedence: auto_reply")]
    public void Filters_AutoReplies_AreAutoRepliesAndNeverAnswered(string subject, string? header)
    {
        var v = Run(MailText.Map(subject: subject, extraHeaders: header));
        Assert.Equal(InboundKind.AutoReply, v.Kind);
        Assert.True(v.SuppressAutoResponses);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-generated")]
    [InlineData("Precedence: bulk")]
    [InlineData("Precedence: list")]
    [InlineData("Precedence: junk")]
    [InlineData("List-Id: <news.shop.example>")]
    public void Filters_GeneratedOrMassMail_IsKeptButNeverAnswered(string header)
    {
        var v = Run(MailText.Map(extraHeaders: header));
        Assert.Equal(InboundKind.Normal, v.Kind);
        Assert.True(v.SuppressAutoResponses);
    }

    [Fact]
    public void Filters_AutoSubmittedNo_IsAPerson() =>
        Assert.False(Run(MailText.Map(extraHeaders: "Auto-Submitted: no")).SuppressAutoResponses);

    [Theory]
    [InlineData("mimekit/messages/delivery-status.txt")]
    [InlineData("mimekit/messages/bounce.txt")]
    public void Filters_DeliveryFailures_AreBounces(string file) =>
        Assert.Equal(InboundKind.Bounce, Run(MailText.Map(TestData.CorpusFile(file))).Kind);

    [Fact]
    public void Filters_FreeFormBounceFromMailerDaemon_IsABounce() =>
        Assert.Equal(InboundKind.Bounce, Run(MailText.Map(from: "MAILER-DAEMON@mx.example.kr", subject: "Undelivered Mail Returned to Sender")).Kind);

    [Fact]
    public void Filters_MailerDaemonWithoutBounceSubject_IsNotABounce() =>
        Assert.NotEqual(InboundKind.Bounce, Run(MailText.Map(from: "postmaster@example.kr", subject: "도메인 설정 안내")).Kind);

    [Theory]
    [InlineData("spam/gtube.eml")]
    [InlineData("spam/gtubedcc.eml")]
    public void Filters_Gtube_IsQuarantinedSpam(string file) =>
        Assert.Equal(InboundKind.Spam, Run(MailText.Map(TestData.CorpusFile("spamassassin/" + file))).Kind);

    [Fact]
    public void Filters_UpstreamSpamFlag_IsSpam() =>
        Assert.Equal(InboundKind.Spam, Run(MailText.Map(extraHeaders: "X-Spam-Flag: YES")).Kind);

    [Fact]
    public void Filters_KoreanSpamPhrasesAndSpoofedName_AreSpam() =>
        Assert.Equal(InboundKind.Spam, Run(MailText.Map(from: "\"support@bank.example\" <x@spam.example>", subject: "(광고) 당첨되셨습니다", body: "카지노 바카라 무료 대출")).Kind);

    [Fact]
    public void Filters_NoHamMessageOfTheCorpus_IsQuarantined()
    {
        var quarantined = TestData.EmailCorpus()
            .Where(x => x.Name.StartsWith("spamassassin/nice", StringComparison.Ordinal) || x.Name.StartsWith("letters", StringComparison.Ordinal))
            .Where(x => Run(MailText.Map(x.Raw)).Kind == InboundKind.Spam).Select(x => x.Name).ToList();
        Assert.Empty(quarantined);
    }
}
