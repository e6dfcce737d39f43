namespace Sori.Core.Conversations.Inbound.Filters;

/// <summary>
/// Delivery failures (RFC 3464 reports, and the free-form ones mail servers still send) belong on
/// the ticket whose mail bounced; read receipts are only recorded.
/// </summary>
public sealed class BounceFilter : IInboundFilter
{
    private static readonly string[] BounceSubjects =
    [
        "undeliver", "undelivered mail", "delivery status notification (failure)", "delivery failure", "mail delivery failed",
        "returned mail", "failure notice", "delivery has failed", "메일 전송 실패", "전송 실패", "반송",
    ];

    public void Inspect(InboundMessage m, InboundContext context, InboundVerdict verdict)
    {
        if (m.Report is { IsReceipt: true })
        {
            verdict.Automated = true;
            verdict.Classify(InboundKind.AutoReply, "read receipt");
            return;
        }
        if (m.Report is { } report)
        {
            verdict.Automated = true;
            verdict.Classify(InboundKind.Bounce, "delivery status report" + (report.Status is null ? "" : $" ({report.Status})"));
            return;
        }
        var local = m.From?.Address.Split('@')[0] ?? "";
        var subject = m.Subject.ToLowerInvariant();
        if (local is "mailer-daemon" or "postmaster" or "mail-daemon" && BounceSubjects.Any(subject.Contains))
        {
            verdict.Automated = true;
            verdict.Classify(InboundKind.Bounce, "bounce from " + local);
        }
    }
}
