namespace Sori.Core.Attachments;

/// <summary>Where file bytes live (the data folder by default). Content-addressed: the same bytes are stored once.</summary>
public interface IAttachmentStore
{
    /// <summary>Stores the stream, stopping at <paramref name="maxBytes"/>; returns the SHA-256 (hex) and size, or null when too large.</summary>
    Task<(string Sha256, long Size)?> SaveAsync(Stream content, long maxBytes, CancellationToken ct);

    /// <summary>Stores bytes already in memory (a received message, its attachments); as above.</summary>
    Task<(string Sha256, long Size)?> SaveAsync(ReadOnlyMemory<byte> content, long maxBytes, CancellationToken ct);

    Stream? OpenRead(string sha256);
}

public sealed class AttachmentOptions
{
    public const string Section = "Sori:Attachments";
    public long MaxFileBytes { get; set; } = 25 * 1024 * 1024;
    public int MaxFilesPerUpload { get; set; } = 10;
    public int MaxFilesPerMessage { get; set; } = 20;
}
