using Sori.Core.Customers;

using Sori.Core.Common;

namespace Sori.Core.Tickets;

/// <summary>A public reply or internal note on a ticket. Text is kept as given; HTML only after sanitizing.</summary>
public sealed class Message
{
    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public MessageVisibility Visibility { get; private set; }
    public AuthorKind AuthorKind { get; private set; }
    public long? AuthorAgentId { get; private set; }
    public long? AuthorCustomerId { get; private set; }
    public Customer? AuthorCustomer { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string BodyText { get; private set; } = "";
    public string? BodyHtml { get; private set; }
    public TicketChannel Channel { get; private set; }
    /// <summary>The source's own id (an email Message-ID, a chat message id); unique per channel for dedupe.</summary>
    public string? ExternalId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public List<Attachment> Attachments { get; private set; } = [];

    private Message() { }

    internal Message(MessageVisibility visibility, AuthorKind authorKind, long? agentId, Customer? customer, string authorName,
        string bodyText, string? bodyHtml, TicketChannel channel, string? externalId, DateTime at)
    {
        Visibility = visibility;
        AuthorKind = authorKind;
        AuthorAgentId = agentId;
        AuthorCustomer = customer;
        AuthorCustomerId = customer?.Id;
        AuthorName = authorName;
        BodyText = bodyText;
        BodyHtml = bodyHtml;
        Channel = channel;
        ExternalId = externalId;
        CreatedAt = at;
    }

    /// <summary>Takes a key the database reserved for this new message (<see cref="NewTicketKeys"/>), before it is saved.</summary>
    internal void UseReservedId(long id)
    {
        if (Id != 0) throw new InvalidOperationException($"Message {Id} already has its key.");
        Id = id;
    }
}

/// <summary>
/// A file stored by content hash (see IAttachmentStore). Uploaded first (no message yet), then
/// attached to the message that references it; unattached uploads expire.
/// </summary>
public sealed class Attachment
{
    public long Id { get; private set; }
    public long? MessageId { get; private set; }
    public ActorKind UploadedByKind { get; private set; }
    public long? UploadedById { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    /// <summary>An email part's Content-ID, so HTML that shows it inline ("cid:…") can find it.</summary>
    public string? ContentId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Attachment() { }

    public Attachment(string fileName, string contentType, long size, string sha256, Actor uploader, DateTime at)
    {
        UploadedByKind = uploader.Kind;
        UploadedById = uploader.Id;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        CreatedAt = at;
    }

    public Attachment(string fileName, string contentType, long size, string sha256, string? contentId, Actor uploader, DateTime at)
        : this(fileName, contentType, size, sha256, uploader, at) => ContentId = contentId;
}
