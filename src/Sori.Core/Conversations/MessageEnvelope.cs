using Sori.Core.Tickets;

namespace Sori.Core.Conversations;

public enum EnvelopeDirection { Inbound, Outbound }

/// <summary>What the inbound pipeline did with a message.</summary>
public enum InboundDisposition
{
    /// <summary>Opened a new ticket.</summary>
    Created,
    /// <summary>Joined an existing ticket.</summary>
    Appended,
    /// <summary>A reply to a closed ticket: a new ticket linked to it.</summary>
    FollowUp,
    /// <summary>Pointed at a ticket, but from someone outside it: a new ticket, linked and flagged.</summary>
    UnverifiedSender,
    /// <summary>An automatic reply added to its ticket without reopening it.</summary>
    AutoReply,
    /// <summary>A delivery failure noted on the ticket whose mail bounced.</summary>
    Bounce,
    /// <summary>Kept here only (a loop, or an automatic message that belongs to no ticket).</summary>
    Ignored,
    /// <summary>Held as probable spam; nothing was created. Kept for an admin to review.</summary>
    Quarantined,
    /// <summary>Not received: a message Sori sends (direction outbound), kept so answers to it thread.</summary>
    Sent,
}

/// <summary>
/// One message that crossed a channel boundary (received, later also sent): its external id for
/// threading, its dedupe key (unique, so the same message is never taken twice), its addressing,
/// what the pipeline decided, and where the original is kept. Messages on tickets stay channel-free.
/// </summary>
public sealed class MessageEnvelope
{
    public long Id { get; private set; }
    public EnvelopeDirection Direction { get; private set; }
    public TicketChannel Channel { get; private set; }
    public long? MailboxId { get; private set; }
    public string DedupeKey { get; private set; } = "";
    /// <summary>The message's own id at its source (an email Message-ID without angle brackets).</summary>
    public string? ExternalId { get; private set; }
    public string? InReplyTo { get; private set; }
    /// <summary>Space-separated ids, oldest first, as in the References header.</summary>
    public string? References { get; private set; }
    public string? FromAddress { get; private set; }
    public string? FromName { get; private set; }
    /// <summary>Comma-separated addresses.</summary>
    public string? To { get; private set; }
    public string? Cc { get; private set; }
    public string? ReplyTo { get; private set; }
    public string Subject { get; private set; } = "";
    public DateTime? SentAt { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public InboundDisposition Disposition { get; private set; }
    /// <summary>Why (filters that fired, problems met while reading the message).</summary>
    public string? Reason { get; private set; }
    public double SpamScore { get; private set; }
    public long? TicketId { get; private set; }
    public long? MessageId { get; private set; }
    /// <summary>The raw message in the attachment store.</summary>
    public string? RawSha256 { get; private set; }
    public long RawSize { get; private set; }
    /// <summary>The full text when the ticket shows a trimmed one (quoted history and signature removed).</summary>
    public string? OriginalText { get; private set; }
    /// <summary>Outbound: the mailbox's signature as it was filled in when the reply was queued, sent below the reply's text.</summary>
    public string? Signature { get; private set; }

    private MessageEnvelope() { }

    public static MessageEnvelope Inbound(Inbound.InboundMessage m, InboundDisposition disposition, string? reason, double spamScore, DateTime now) => new()
    {
        Direction = EnvelopeDirection.Inbound,
        Channel = m.Channel,
        MailboxId = m.MailboxId,
        DedupeKey = m.DedupeKey,
        ExternalId = Clip(m.ExternalId, 500),
        InReplyTo = Clip(m.InReplyTo.LastOrDefault(), 500),
        References = Clip(string.Join(' ', m.References), 8000),
        FromAddress = m.From?.Address,
        FromName = m.From?.Name,
        To = Clip(string.Join(", ", m.To.Select(p => p.Address)), 4000),
        Cc = Clip(string.Join(", ", m.Cc.Select(p => p.Address)), 4000),
        ReplyTo = m.ReplyTo?.Address,
        Subject = m.Subject,
        SentAt = m.SentAt,
        ReceivedAt = now,
        Disposition = disposition,
        Reason = Clip(reason, 2000),
        SpamScore = spamScore,
        RawSha256 = m.RawSha256,
        RawSize = m.RawSize,
    };

    /// <summary>
    /// A message Sori sends from a mailbox. Its Message-ID is the external id, so a customer's answer
    /// (In-Reply-To / References) finds the ticket like an answer to a received message.
    /// </summary>
    public static MessageEnvelope Outbound(long mailboxId, string externalId, string? inReplyTo, IEnumerable<string> references,
        string fromAddress, string? fromName, IEnumerable<string> to, IEnumerable<string> cc, string subject, Ticket ticket, Message message, DateTime now,
        string? signature = null) => new()
    {
        Direction = EnvelopeDirection.Outbound,
        Channel = TicketChannel.Email,
        MailboxId = mailboxId,
        DedupeKey = "o:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(externalId))),
        ExternalId = externalId,
        InReplyTo = Clip(inReplyTo, 500),
        References = Clip(string.Join(' ', references), 8000),
        FromAddress = fromAddress,
        FromName = fromName,
        To = Clip(string.Join(", ", to), 4000),
        Cc = Clip(string.Join(", ", cc), 4000),
        Subject = subject,
        SentAt = null,
        ReceivedAt = now,
        Disposition = InboundDisposition.Sent,
        Ticket = ticket,
        Message = message,
        Signature = Clip(signature, Channels.Email.MailLimits.Template),
    };

    public void PointTo(Ticket ticket, Message? message, string? originalText)
    {
        Ticket = ticket;
        Message = message;
        OriginalText = originalText;
    }

    /// <summary>Held or ignored mail that an admin let through: it now points where the pipeline put it.</summary>
    public void Release(MessageEnvelope outcome, string releasedBy)
    {
        if (Disposition is not (InboundDisposition.Quarantined or InboundDisposition.Ignored))
            throw new Common.ConflictException("Only quarantined or ignored mail can be released.", "disposition");
        Disposition = outcome.Disposition;
        Reason = Clip($"released by {releasedBy}; was: {Reason}", 2000);
        PointTo(outcome.Ticket!, outcome.Message, outcome.OriginalText);
    }

    // Navigations only for saving in one go (ids are assigned by the database).
    internal Ticket? Ticket { get; private set; }
    internal Message? Message { get; private set; }

    private static string? Clip(string? s, int max)
    {
        if (string.IsNullOrEmpty(s)) return null;
        s = s.Replace("\0", "");
        return s.Length <= max ? s : s[..max];
    }
}

/// <summary>Someone copied on a ticket's mail: kept for replies, and allowed to write to the ticket.</summary>
public sealed class TicketCc
{
    public long TicketId { get; private set; }
    public string Address { get; private set; } = "";
    public string? Name { get; private set; }
    public DateTime AddedAt { get; private set; }
    internal Ticket? Ticket { get; private set; }

    private TicketCc() { }

    public TicketCc(Ticket ticket, string address, string? name, DateTime now)
    {
        Ticket = ticket;
        TicketId = ticket.Id;
        Address = address;
        Name = name;
        AddedAt = now;
    }
}
