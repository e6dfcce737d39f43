using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

/// <summary>
/// The email channel's tables on <see cref="SoriDbContext"/>, kept beside the channel (their
/// configurations are picked up from this assembly like every other).
/// </summary>
public static class EmailDbSets
{
    extension(SoriDbContext db)
    {
        public DbSet<Mailbox> Mailboxes => db.Set<Mailbox>();
        public DbSet<EmailDelivery> EmailDeliveries => db.Set<EmailDelivery>();
    }
}
