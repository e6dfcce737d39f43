using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

internal sealed class MailboxConfiguration : IEntityTypeConfiguration<Mailbox>
{
    public void Configure(EntityTypeBuilder<Mailbox> b)
    {
        b.ToTable("Mailboxes");
        b.HasKey(m => m.Id);
        b.Property(m => m.Name).HasMaxLength(Limits.Name);
        b.Property(m => m.Address).HasMaxLength(Limits.Email);
        b.Property(m => m.FromName).HasMaxLength(Limits.Name);
        b.Property(m => m.DefaultLanguage).HasMaxLength(Limits.Language);
        b.HasIndex(m => m.Address).IsUnique();
        b.HasOne<Agents.Team>().WithMany().HasForeignKey(m => m.DefaultTeamId).OnDelete(DeleteBehavior.SetNull);
        b.Property(m => m.PollLockedBy).HasMaxLength(64);
        b.Property(m => m.PollError).HasMaxLength(MailLimits.Error);
        b.OwnsOne(m => m.Imap, Server);
        b.OwnsOne(m => m.Smtp, Server);
    }

    private static void Server(OwnedNavigationBuilder<Mailbox, MailServer> s)
    {
        s.Property(x => x.Host).HasMaxLength(MailLimits.Host).IsRequired();
        s.Property(x => x.Username).HasMaxLength(MailLimits.Username);
        s.Property(x => x.Password).HasMaxLength(MailLimits.Secret);
        s.Property(x => x.OAuth2Token).HasMaxLength(MailLimits.Secret);
        s.Property(x => x.Folder).HasMaxLength(MailLimits.Folder);
    }
}
