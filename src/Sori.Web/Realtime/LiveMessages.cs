using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sori.Web.Realtime;

/// <summary>
/// "Ticket <see cref="TicketId"/> changed": what travels to pages and hub clients. It names the change
/// but carries no ticket content (subject, bodies, people), so a push leaks nothing; a page that wants
/// the content reads it through the same use cases, with the reader's own permissions.
/// </summary>
/// <param name="Type">The domain event's name: ticket.created, ticket.updated, ticket.solved, message.created, note.created, ...</param>
/// <param name="AuthorKind">For message events: customer, agent or system.</param>
public sealed record TicketChange(long TicketId, long Number, string Type, string? AuthorKind, Guid EventId, DateTime OccurredAt)
{
    /// <summary>Sent to every list after this node lost contact with the other nodes: whatever is shown may be stale.</summary>
    public const string ResyncType = "resync";

    public static TicketChange Resync(DateTime now) => new(0, 0, ResyncType, null, Guid.Empty, now);

    [JsonIgnore] public bool IsCustomerMessage => Type == "message.created" && AuthorKind == "customer";
}

/// <summary>An agent looking at a ticket, and whether they are writing on it right now.</summary>
public sealed record Viewer(long AgentId, string Name, bool Typing);

/// <summary>Who is viewing <see cref="TicketId"/> through one node; an empty list means nobody any more.</summary>
public sealed record PresenceSnapshot(long TicketId, IReadOnlyList<Viewer> Viewers);

/// <summary>
/// One message between nodes (a change, presence, a wake-up for the outbox worker, or ended sessions). <see cref="Full"/> presence is a node's whole state (its heartbeat):
/// tickets it does not list have no viewers there. <see cref="WantReply"/> asks the other nodes to
/// announce their viewers of the listed tickets now rather than at their next heartbeat.
/// </summary>
public sealed record LiveEnvelope(string Node, TicketChange? Change = null, IReadOnlyList<PresenceSnapshot>? Presence = null,
    bool Full = false, bool WantReply = false, bool WakeOutbox = false, SessionEnd? Ended = null);

/// <summary>An agent's sessions ended, or a token was revoked: every node re-checks its live sessions now.</summary>
public sealed record SessionEnd(long? AgentId = null, string? TokenPrefix = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(LiveEnvelope))]
internal sealed partial class RealtimeJson : JsonSerializerContext;
