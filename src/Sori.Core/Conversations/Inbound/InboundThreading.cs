using Microsoft.EntityFrameworkCore;
using Sori.Core.Customers;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Conversations.Inbound;

/// <summary>A ticket a message points at, and whether it was found by its headers (stronger) or only by a subject token.</summary>
public sealed record ThreadTarget(Ticket Ticket, bool ByHeader);

/// <summary>A message id Sori knows and the ticket its message is on.</summary>
public sealed record HeaderHit(string ExternalId, long TicketId);

/// <summary>The lookups behind threading: which ticket a message points at, and whether its sender is part of that ticket.</summary>
public sealed class InboundThreading(SoriDbContext db, OrganizationDomains domains)
{
    /// <summary>
    /// By In-Reply-To/References against the ids of messages Sori received and sent, then by the
    /// "[#1234]" subject token (not for bounces: a bounce quotes our subject to anyone). Follows merges.
    /// </summary>
    public async Task<ThreadTarget?> FindTicket(InboundMessage m, bool bounce, CancellationToken ct)
    {
        var ids = bounce
            ? new[] { m.Report?.OriginalMessageId, m.AttachedMessageId }.OfType<string>().Concat(Threading.CandidateIds(m.InReplyTo, m.References)).Distinct().ToList()
            : Threading.CandidateIds(m.InReplyTo, m.References);
        if (ids.Count > 0)
        {
            var hits = await HeaderHits(db, m.Channel, ids).ToListAsync(ct);
            var ticketId = ids.Select(id => hits.FirstOrDefault(h => h.ExternalId == id)?.TicketId).FirstOrDefault(t => t is not null);
            if (ticketId is { } id && await Load(t => t.Id == id, ct) is { } byHeader) return new ThreadTarget(byHeader, true);
        }
        if (!bounce && Threading.SubjectToken(m.Subject) is { } number && await Load(t => t.Number == number, ct) is { } byToken)
            return new ThreadTarget(byToken, false);
        return null;
    }

    /// <summary>
    /// The tickets of the messages with these ids on a channel. The ids lead the index, so the lookup
    /// stays one index probe per id even under the generic plan PostgreSQL may keep for a prepared
    /// statement: with the channel leading, a plan made before the table had statistics read every
    /// envelope of the channel and filtered them by id (GenericPlanTests).
    /// </summary>
    public static IQueryable<HeaderHit> HeaderHits(SoriDbContext db, TicketChannel channel, IReadOnlyList<string> ids) =>
        db.MessageEnvelopes.AsNoTracking()
            .Where(e => e.ExternalId != null && ids.Contains(e.ExternalId) && e.Channel == channel && e.TicketId != null)
            .Select(e => new HeaderHit(e.ExternalId!, e.TicketId!.Value));

    /// <summary>The requester, a CC, someone who already wrote to the ticket, or a member (or domain) of the requester's organization.</summary>
    public async Task<bool> SenderBelongs(Ticket ticket, Customer? sender, string address, CancellationToken ct)
    {
        if (sender is { Id: not 0 } && sender.Id == ticket.RequesterId) return true;
        if (ticket.Requester?.Emails.Any(e => e.Address == address) == true) return true;
        if (await db.TicketCcs.AnyAsync(c => c.TicketId == ticket.Id && c.Address == address, ct)) return true;
        if (await db.MessageEnvelopes.AnyAsync(e => e.TicketId == ticket.Id && e.FromAddress == address
                && (e.Disposition == InboundDisposition.Created || e.Disposition == InboundDisposition.Appended), ct)) return true;
        if (ticket.Requester?.OrganizationId is not { } orgId) return false;
        if (sender?.OrganizationId == orgId) return true;
        return await domains.ClaimsAsync(db, orgId, address, ct);
    }

    private async Task<Ticket?> Load(System.Linq.Expressions.Expression<Func<Ticket, bool>> which, CancellationToken ct)
    {
        // One query: a requester has a few addresses and a ticket a few tags, so their product stays small.
        var ticket = await db.Tickets.Include(t => t.Requester).ThenInclude(c => c!.Emails).Include(t => t.Tags).AsSingleQuery().FirstOrDefaultAsync(which, ct);
        for (var hops = 0; ticket?.MergedIntoId is { } into && hops < 10; hops++)
            ticket = await db.Tickets.Include(t => t.Requester).ThenInclude(c => c!.Emails).Include(t => t.Tags).AsSingleQuery().FirstOrDefaultAsync(t => t.Id == into, ct);
        return ticket;
    }
}
