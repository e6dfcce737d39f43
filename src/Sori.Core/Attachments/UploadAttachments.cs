using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Attachments;

public sealed record UploadedFile(string? FileName, string? ContentType, Func<Stream> Open);

/// <summary>Stores uploaded files and records them as unattached attachments, ready to be referenced by a message.</summary>
public sealed class UploadAttachments(SoriDbContext db, IAttachmentStore store, AttachmentOptions options, TimeProvider clock)
{
    public async Task<IReadOnlyList<Attachment>> Handle(IReadOnlyList<UploadedFile> files, Actor actor, CancellationToken ct)
    {
        new Validator()
            .When(files.Count == 0, "files", "must contain at least one file.")
            .When(files.Count > options.MaxFilesPerUpload, "files", $"must contain at most {options.MaxFilesPerUpload} files.")
            .ThrowIfInvalid();
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = new List<Attachment>();
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            await using var stream = file.Open();
            var stored = await store.SaveAsync(stream, options.MaxFileBytes, ct)
                         ?? throw ValidationException.For($"files[{i}]", $"is larger than {options.MaxFileBytes / (1024 * 1024)} MB.");
            var attachment = new Attachment(SafeFileName.From(file.FileName), SafeFileName.ContentType(file.ContentType),
                stored.Size, stored.Sha256, actor, now);
            db.Attachments.Add(attachment);
            saved.Add(attachment);
        }
        await db.SaveChangesAsync(ct);
        return saved;
    }
}
