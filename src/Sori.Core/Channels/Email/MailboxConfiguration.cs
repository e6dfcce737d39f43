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
        b.Property(m => m.SignatureKo).HasMaxLength(MailLimits.Template);
        b.Property(m => m.SignatureEn).HasMaxLength(MailLimits.Template);
        b.Property(m => m.AcknowledgementKo).HasMaxLength(MailLimits.Template);
        b.Property(m => m.AcknowledgementEn).HasMaxLength(MailLimits.Template);
        b.HasOne(m => m.OAuth2).WithOne().HasForeignKey<MailboxOAuth2>(o => o.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }

    private static void Server(OwnedNavigationBuilder<Mailbox, MailServer> s)
    {
        s.Property(x => x.Host).HasMaxLength(MailLimits.Host).IsRequired();
        s.Property(x => x.Username).HasMaxLength(MailLimits.Username);
        s.Property(x => x.Password).HasMaxLength(MailLimits.Secret);
        // Servers saved before sign-in methods existed signed in with their password.
        s.Property(x => x.Auth).HasDefaultValue(MailAuth.Password);
        s.Property(x => x.TrustedFingerprint).HasMaxLength(MailCertificate.FingerprintLength);
        s.Property(x => x.Folder).HasMaxLength(MailLimits.Folder);
        s.Property(x => x.ProcessedFolder).HasMaxLength(MailLimits.Folder);
        s.Property(x => x.SpamFolder).HasMaxLength(MailLimits.Folder);
    }
}

internal sealed class MailboxOAuth2Configuration : IEntityTypeConfiguration<MailboxOAuth2>
{
    public void Configure(EntityTypeBuilder<MailboxOAuth2> b)
    {
        b.ToTable("MailboxOAuth2");
        b.HasKey(o => o.MailboxId);
        b.Property(o => o.MailboxId).ValueGeneratedNever();
        b.Property(o => o.TokenUrl).HasMaxLength(MailLimits.Url);
        b.Property(o => o.ClientId).HasMaxLength(MailLimits.Secret);
        b.Property(o => o.ClientSecret).HasMaxLength(MailLimits.Secret);
        b.Property(o => o.Scope).HasMaxLength(MailLimits.Url);
        b.Property(o => o.RefreshToken).HasMaxLength(MailLimits.Secret);
        b.Property(o => o.AccessToken).HasMaxLength(MailLimits.Secret);
        b.Property(o => o.LastError).HasMaxLength(MailLimits.Error);
    }
}
