using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sori.Core.Channels.Email;

internal sealed class EmailDeliveryConfiguration : IEntityTypeConfiguration<EmailDelivery>
{
    public void Configure(EntityTypeBuilder<EmailDelivery> b)
    {
        b.ToTable("EmailDeliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.LastError).HasMaxLength(MailLimits.Error);
        b.Property(d => d.LockedBy).HasMaxLength(64);
        b.HasIndex(d => d.MessageId).IsUnique(); // one delivery per reply, so the outbox handler can run twice
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => d.TicketId);
        b.HasOne(d => d.Message).WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(d => d.Envelope).WithMany().HasForeignKey(d => d.EnvelopeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tickets.Ticket>().WithMany().HasForeignKey(d => d.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Mailbox>().WithMany().HasForeignKey(d => d.MailboxId).OnDelete(DeleteBehavior.SetNull);
    }
}
