using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sori.Core.Common;

namespace Sori.Core.Tags;

/// <summary>
/// A tag the desk offers before anyone has used it (환불, vip, ...). Tickets carry tags as plain
/// names, so a ticket may have a tag that is not defined here, and removing a definition leaves
/// tickets alone.
/// </summary>
public sealed class TagDefinition
{
    public long Id { get; private set; }
    /// <summary>Normalized like ticket tags: trimmed, lower-case, spaces as dashes.</summary>
    public string Name { get; private set; } = "";
    public string? Description { get; set; }
    public DateTime CreatedAt { get; private set; }

    private TagDefinition() { }

    public TagDefinition(string name, string? description, DateTime now)
    {
        Name = name;
        Description = description;
        CreatedAt = now;
    }
}

internal sealed class TagDefinitionConfiguration : IEntityTypeConfiguration<TagDefinition>
{
    public void Configure(EntityTypeBuilder<TagDefinition> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(Limits.Tag);
        b.Property(t => t.Description).HasMaxLength(ManageTags.DescriptionMax);
        b.HasIndex(t => t.Name).IsUnique();
    }
}
