using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Attachments;

/// <summary>Which of the given attachments are images a page may show inline, by their content (<see cref="AttachmentContent"/>).</summary>
public sealed class FindImageAttachments(SoriDbContext db, AttachmentContent content)
{
    /// <summary>Attachment id → its image type, for the images among <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyDictionary<long, string>> Handle(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<long, string>();
        var files = await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.Id) && a.MessageId != null)
            .Select(a => new { a.Id, a.Sha256 }).ToListAsync(ct);
        var images = new Dictionary<long, string>();
        foreach (var f in files)
            if (await content.ImageTypeAsync(f.Sha256, ct) is { } type) images[f.Id] = type;
        return images;
    }
}
