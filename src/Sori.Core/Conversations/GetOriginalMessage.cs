using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Conversations;

/// <summary>A received message as it arrived: the full text before trimming, its addressing, and whether the raw original is kept.</summary>
public sealed record OriginalMessageView(long MessageId, string Channel, string? ExternalId, string? FromAddress, string? FromName,
    string? To, string? Cc, string? ReplyTo, string Subject, DateTime? SentAt, DateTime ReceivedAt, string Text, bool HasRaw, long RawSize);

public sealed class GetOriginalMessage(SoriDbContext db)
{
    public async Task<OriginalMessageView> Handle(long ticketId, long messageId, CancellationToken ct)
    {
        var (envelope, message) = await Find(ticketId, messageId, ct);
        return new OriginalMessageView(message.Id, TicketStatusRules.ToWire(envelope.Channel), envelope.ExternalId, envelope.FromAddress,
            envelope.FromName, envelope.To, envelope.Cc, envelope.ReplyTo, envelope.Subject, envelope.SentAt, envelope.ReceivedAt,
            envelope.OriginalText ?? message.BodyText, envelope.RawSha256 is not null, envelope.RawSize);
    }

    /// <summary>The store key of the raw original, for download.</summary>
    public async Task<string> RawSha256(long ticketId, long messageId, CancellationToken ct) =>
        (await Find(ticketId, messageId, ct)).Envelope.RawSha256 ?? throw new NotFoundException("Original", messageId);

    private async Task<(MessageEnvelope Envelope, Message Message)> Find(long ticketId, long messageId, CancellationToken ct)
    {
        // The message may have moved (merge, split) since it arrived; the envelope follows the message, not the ticket.
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.TicketId == ticketId, ct)
                      ?? throw new NotFoundException("Message", messageId);
        var envelope = await db.MessageEnvelopes.AsNoTracking().FirstOrDefaultAsync(e => e.MessageId == messageId, ct)
                       ?? throw new NotFoundException("Original", messageId);
        return (envelope, message);
    }
}
