using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

/// <summary>The read side of mailboxes; a desk has a handful, so the list has no paging.</summary>
public sealed class GetMailboxes(SoriDbContext db)
{
    public async Task<IReadOnlyList<MailboxView>> List(CancellationToken ct) =>
        (await db.Mailboxes.AsNoTracking().Include(m => m.OAuth2).OrderBy(m => m.Id).ToListAsync(ct)).Select(MailboxView.From).ToList();

    public async Task<MailboxView> Get(long id, CancellationToken ct) =>
        MailboxView.From(await db.Mailboxes.AsNoTracking().Include(m => m.OAuth2).FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Mailbox", id));
}
