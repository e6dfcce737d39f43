using Sori.Core.Tickets;

namespace Sori.Core.Conversations.Inbound;

/// <summary>A person on a message: a lower-cased address and a display name safe to show as text.</summary>
public sealed record InboundParty(string Address, string? Name);

/// <summary>A file carried by the message, already decoded; inline parts keep their Content-ID.</summary>
public sealed record InboundAttachment(string FileName, string ContentType, string? ContentId, byte[] Content);

/// <summary>A machine's report about an earlier message: a bounce (delivery-status) or a read receipt.</summary>
public sealed record DeliveryReport(bool IsReceipt, string? OriginalMessageId, IReadOnlyList<string> FailedRecipients, string? Status);

/// <summary>
/// One message from any channel, mapped from its transport format, before filters and threading.
/// Text fields are decoded and safe as text; <see cref="Html"/> is not sanitized yet.
/// </summary>
public sealed record InboundMessage
{
    public TicketChannel Channel { get; init; } = TicketChannel.Email;
    public long? MailboxId { get; init; }
    /// <summary>Unique per distinct message: the same message delivered twice has the same key.</summary>
    public required string DedupeKey { get; init; }
    /// <summary>The source's id for this message (Message-ID without brackets), used for threading.</summary>
    public string? ExternalId { get; init; }
    public InboundParty? From { get; init; }
    public InboundParty? ReplyTo { get; init; }
    public IReadOnlyList<InboundParty> To { get; init; } = [];
    public IReadOnlyList<InboundParty> Cc { get; init; } = [];
    public string Subject { get; init; } = "";
    public string Text { get; init; } = "";
    public string? Html { get; init; }
    public DateTime? SentAt { get; init; }
    public IReadOnlyList<string> InReplyTo { get; init; } = [];
    /// <summary>Oldest first, as in the References header.</summary>
    public IReadOnlyList<string> References { get; init; } = [];
    /// <summary>Headers the filters read, by lower-cased name (the first occurrence).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];
    public DeliveryReport? Report { get; init; }
    /// <summary>The id of a message attached to or quoted in this one (what a bounce is about).</summary>
    public string? AttachedMessageId { get; init; }
    public string? RawSha256 { get; init; }
    public long RawSize { get; init; }
    /// <summary>What could not be kept (an attachment over the limit, a truncated body), told to the agent.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
}
