using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Attachments;

/// <summary>Resolves attachment ids on a new message: they must be this caller's own, not yet attached, uploads.</summary>
public sealed class PendingAttachments(SoriDbContext db, AttachmentOptions options)
{
    public async Task<List<Attachment>> ClaimAsync(Validator v, IReadOnlyList<long>? ids, Actor actor, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0) return [];
        var wanted = ids.Distinct().ToList();
        if (wanted.Count > options.MaxFilesPerMessage)
        {
            v.Add("attachmentIds", $"must list at most {options.MaxFilesPerMessage} attachments.");
            return [];
        }
        var found = await db.Attachments
            .Where(a => wanted.Contains(a.Id) && a.MessageId == null && a.UploadedByKind == actor.Kind && a.UploadedById == actor.Id)
            .ToListAsync(ct);
        foreach (var missing in wanted.Except(found.Select(a => a.Id)))
            v.Add("attachmentIds", $"Attachment {missing} is not an unattached upload of yours.");
        return found;
    }

    public static void Attach(Message message, IEnumerable<Attachment> attachments) => message.Attachments.AddRange(attachments);
}
