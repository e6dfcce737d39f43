namespace Sori.Core.Tickets;

public sealed record PersonRef(long Id, string Name, string? Email);

public sealed record TicketSummary(
    long Id, long Number, string Subject, string Status, string Priority, string Channel, string Type,
    PersonRef Requester, long? AssigneeId, long? TeamId, IReadOnlyList<string> Tags,
    DateTime CreatedAt, DateTime UpdatedAt);

public sealed record TicketDetail(
    long Id, long Number, string Subject, string Status, string Priority, string Channel, string Type,
    PersonRef Requester, long? AssigneeId, long? TeamId, IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> CustomFields, IReadOnlyList<long> Followers,
    long? MergedIntoId, int Version,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? FirstResponseAt, DateTime? SolvedAt, DateTime? ClosedAt);

public sealed record AttachmentView(long Id, string FileName, string ContentType, long Size, string? ContentId = null);

public sealed record MessageView(
    long Id, long TicketId, string Visibility, string AuthorKind, long? AuthorAgentId, long? AuthorCustomerId,
    string AuthorName, string Body, string? BodyHtml, string Channel, string? ExternalId, DateTime CreatedAt,
    IReadOnlyList<AttachmentView> Attachments, Channels.Email.EmailDeliveryView? Delivery = null)
{
    public static MessageView From(Message m) => new(m.Id, m.TicketId, TicketStatusRules.ToWire(m.Visibility),
        TicketStatusRules.ToWire(m.AuthorKind), m.AuthorAgentId, m.AuthorCustomerId, m.AuthorName, m.BodyText, m.BodyHtml,
        TicketStatusRules.ToWire(m.Channel), m.ExternalId, m.CreatedAt,
        m.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.ContentId)).ToList());
}

public sealed record TicketEventView(long Id, DateTime At, string ActorKind, long? ActorId, string ActorName,
    string Kind, string? Field, string? OldValue, string? NewValue);

public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
