using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(Limits.Name);
        b.Property(c => c.Language).HasMaxLength(Limits.Language);
        b.Property(c => c.TimeZone).HasMaxLength(Limits.TimeZone);
        b.Property(c => c.CustomFields).HasConversion(new JsonMapConverter(), new JsonMapComparer()).HasColumnType("text");
        b.HasMany(c => c.Emails).WithOne().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Phones).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.Name);
        b.HasIndex(c => c.OrganizationId);
        b.Ignore(c => c.PrimaryEmail);
    }
}

internal sealed class CustomerEmailConfiguration : IEntityTypeConfiguration<CustomerEmail>
{
    public void Configure(EntityTypeBuilder<CustomerEmail> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Address).HasMaxLength(Limits.Email);
        b.HasIndex(e => e.Address).IsUnique();
    }
}

internal sealed class CustomerPhoneConfiguration : IEntityTypeConfiguration<CustomerPhone>
{
    public void Configure(EntityTypeBuilder<CustomerPhone> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Number).HasMaxLength(Limits.Phone);
        b.Property(p => p.Normalized).HasMaxLength(Limits.Phone);
        // Searches and sender matching compare the key, never the number as written.
        b.HasIndex(p => p.Normalized);
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.HasKey(o => o.Id);
        b.Property(o => o.Name).HasMaxLength(Limits.Name);
        b.HasIndex(o => o.Name).IsUnique();
    }
}
