using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

/// <summary>Removes a mailbox; tickets and the mail already received through it stay.</summary>
public sealed class DeleteMailbox(SoriDbContext db, MailboxDirectory directory)
{
    public async Task Handle(long id, CancellationToken ct)
    {
        var m = await db.Mailboxes.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Mailbox", id);
        db.Mailboxes.Remove(m);
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
    }
}
