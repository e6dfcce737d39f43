using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Attachments;

/// <summary>
/// Takes back an upload before it went out with a message (the agent removed it from the composer).
/// Only the uploader's own, unattached uploads; anything else is "not found". The bytes stay: the
/// store keeps content once for every attachment that has it.
/// </summary>
public sealed class DiscardUpload(SoriDbContext db)
{
    public async Task Handle(long id, Actor actor, CancellationToken ct)
    {
        var deleted = await db.Attachments
            .Where(a => a.Id == id && a.MessageId == null && a.UploadedByKind == actor.Kind && a.UploadedById == actor.Id)
            .ExecuteDeleteAsync(ct);
        if (deleted == 0) throw new NotFoundException("Upload", id);
    }
}
