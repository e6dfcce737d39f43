using Sori.Core.Outbox;

namespace Sori.Core.Channels.Email;

public enum EmailDeliveryStatus { Pending, Sent, Failed }

/// <summary>
/// One agent reply to send by SMTP from a mailbox. Its Message-ID is fixed when it is queued (and
/// recorded on an outbound envelope, so the customer's answer threads back), so every attempt and
/// every resend sends the same message. Claimed with a lease like webhook deliveries.
/// </summary>
public sealed class EmailDelivery
{
    public long Id { get; private set; }
    /// <summary>The ticket message sent; one delivery per message.</summary>
    public long MessageId { get; private set; }
    public long TicketId { get; private set; }
    public long? MailboxId { get; private set; }
    /// <summary>The outbound envelope: addressing, subject, Message-ID and threading headers.</summary>
    public long EnvelopeId { get; private set; }
    public EmailDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>Sent by Sori on its own (an acknowledgement): marked Auto-Submitted so that mail programs do not answer it.</summary>
    public bool Automatic { get; private set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }

    private EmailDelivery() { }

    public EmailDelivery(Tickets.Message message, long ticketId, long mailboxId, Conversations.MessageEnvelope envelope, DateTime now, bool automatic = false)
    {
        Automatic = automatic;
        Message = message;
        TicketId = ticketId;
        MailboxId = mailboxId;
        Envelope = envelope;
        Status = EmailDeliveryStatus.Pending;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    /// <summary>Queued but cannot be sent as things stand (no SMTP settings): shown as failed until someone fixes it and resends.</summary>
    public void FailNow(string error)
    {
        Status = EmailDeliveryStatus.Failed;
        LastError = error;
    }

    /// <summary>Back to pending, due now, with a fresh retry budget (the resend action).</summary>
    public void Requeue(DateTime now)
    {
        if (Status == EmailDeliveryStatus.Sent) throw new Common.ConflictException("This reply was already sent.");
        if (Status == EmailDeliveryStatus.Pending && LockedUntil > now)
            throw new Common.ConflictException("This reply is being sent right now; try again when this attempt has finished.");
        Status = EmailDeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    // Navigations only for saving in one go (ids are assigned by the database).
    internal Tickets.Message? Message { get; private set; }
    internal Conversations.MessageEnvelope? Envelope { get; private set; }
}

/// <summary>Wakes this process's email sender when deliveries were queued or re-queued.</summary>
public sealed class EmailDeliverySignal : WorkSignal;

/// <summary>A reply's delivery as shown on its message: whether it left, and if not, why and when it is tried again.</summary>
public sealed record EmailDeliveryView(long Id, string Status, int Attempts, string? LastError, DateTime? NextAttemptAt, DateTime? SentAt,
    string? To, string? Cc, string? InternetMessageId)
{
    public static EmailDeliveryView From(EmailDelivery d, Conversations.MessageEnvelope? e) => new(d.Id, Tickets.TicketStatusRules.ToWire(d.Status),
        d.Attempts, d.LastError, d.Status == EmailDeliveryStatus.Pending ? d.NextAttemptAt : null, d.SentAt, e?.To, e?.Cc, e?.ExternalId);
}
