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
        var found = await Unattached(db, wanted, actor).ToListAsync(ct);
        foreach (var missing in wanted.Except(found.Select(a => a.Id)))
            v.Add("attachmentIds", $"Attachment {missing} is not an unattached upload of yours.");
        return found;
    }

    /// <summary>
    /// Loads the uploads checked by <see cref="ClaimAsync"/> again on the writing context, inside its
    /// transaction, so two messages cannot both take one upload.
    /// </summary>
    public static async Task<List<Attachment>> ReclaimAsync(SoriDbContext db, IReadOnlyList<long> ids, Actor actor, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var found = await Unattached(db, ids, actor).ToListAsync(ct);
        if (found.Count != ids.Count)
            throw ValidationException.For("attachmentIds", "An attachment was attached to another message meanwhile.");
        return found;
    }

    public static void Attach(Message message, IEnumerable<Attachment> attachments) => message.Attachments.AddRange(attachments);

    private static IQueryable<Attachment> Unattached(SoriDbContext db, IReadOnlyList<long> ids, Actor actor) =>
        db.Attachments.Where(a => ids.Contains(a.Id) && a.MessageId == null && a.UploadedByKind == actor.Kind && a.UploadedById == actor.Id);
}
