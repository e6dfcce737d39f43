using System.Text.Json;
using Sori.Core.Outbox;

namespace Sori.Web.Realtime;

/// <summary>
/// Turns committed ticket events from the outbox into live pushes. The outbox holds a change only once
/// it is committed, whichever door it came through (API, email, workspace, command line, another
/// node), and keeps it until some node has handled it, so every change is pushed at least once even
/// if the node that made it dies right after its commit. Pushes are idempotent for their receivers
/// (they re-read), so a second run of a batch costs a refresh, nothing more. Publishing only queues
/// the message in memory: it adds no I/O to the outbox transaction.
/// </summary>
public sealed class PushLiveUpdates(LiveUpdates live) : IOutboxHandler
{
    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!message.Type.StartsWith("ticket.", StringComparison.Ordinal) && message.Type is not ("message.created" or "note.created"))
            return Task.CompletedTask;
        foreach (var change in Changes(message)) live.Publish(change);
        return Task.CompletedTask;
    }

    /// <summary>The ticket the event is about, and for a merge also the ticket it went into.</summary>
    public static IEnumerable<TicketChange> Changes(OutboxMessage message)
    {
        using var doc = JsonDocument.Parse(message.Payload);
        var root = doc.RootElement;
        if (!root.TryGetProperty("ticketId", out var id) || !id.TryGetInt64(out var ticketId)) return [];
        var number = root.TryGetProperty("number", out var n) && n.TryGetInt64(out var num) ? num : 0;
        var author = root.TryGetProperty("authorKind", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var at = DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc);
        var change = new TicketChange(ticketId, number, message.Type, author, message.EventId, at);
        return root.TryGetProperty("intoTicketId", out var into) && into.TryGetInt64(out var intoId)
            ? [change, change with { TicketId = intoId, Number = 0 }]
            : [change];
    }
}
