using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sori.Core.Common;

namespace Sori.Core.Settings;

/// <summary>
/// The desk's general settings: its name, the language the workspace starts in and the time zone
/// times are shown in. One row (id 1); until an admin saves it, the defaults from configuration apply.
/// </summary>
public sealed class DeskSettings
{
    public const long SingletonId = 1;

    public long Id { get; private set; } = SingletonId;
    public string DeskName { get; set; } = "";
    public string DefaultLanguage { get; set; } = "ko";
    public string TimeZone { get; set; } = "Asia/Seoul";
    public DateTime UpdatedAt { get; set; }
    public long? UpdatedByAgentId { get; set; }
}

/// <summary>What applies before anything is stored: <c>Sori:Desk:Name</c>, <c>Sori:Desk:Language</c>, <c>Sori:Desk:TimeZone</c>.</summary>
public sealed record DeskDefaults(string DeskName = DeskDefaults.Name, string Language = "ko", string TimeZone = "Asia/Seoul")
{
    public const string Name = "Sori";
}

public sealed record DeskSettingsView(string DeskName, string DefaultLanguage, string TimeZone, DateTime? UpdatedAt)
{
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var z) ? z : TimeZoneInfo.Utc;
}

internal sealed class DeskSettingsConfiguration : IEntityTypeConfiguration<DeskSettings>
{
    public void Configure(EntityTypeBuilder<DeskSettings> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.DeskName).HasMaxLength(Limits.Name);
        b.Property(s => s.DefaultLanguage).HasMaxLength(Limits.Language);
        b.Property(s => s.TimeZone).HasMaxLength(Limits.TimeZone);
    }
}
