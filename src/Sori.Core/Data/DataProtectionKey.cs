using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sori.Core.Data;

/// <summary>
/// One key of the ring that signs and encrypts sign-in cookies and antiforgery tokens, when the nodes of
/// a desk keep it in the database they share ("Sori:DataProtection:Store" = Database). Written by ASP.NET
/// Core Data Protection, as XML, never changed afterwards: a key is revoked by adding a revocation element.
/// </summary>
public sealed class DataProtectionKey
{
    public long Id { get; private set; }
    public string? FriendlyName { get; private set; }
    public string Xml { get; private set; } = "";

    private DataProtectionKey() { }

    public DataProtectionKey(string? friendlyName, string xml)
    {
        FriendlyName = friendlyName;
        Xml = xml;
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.HasKey(k => k.Id);
        b.Property(k => k.FriendlyName).HasMaxLength(200);
        b.Property(k => k.Xml).HasColumnType("text");
    }
}
