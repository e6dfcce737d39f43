namespace Sori.Core.Common;

/// <summary>
/// The desk as customers and agents know it: its name (<c>Sori:Desk:Name</c>, filled in by macros as
/// {{desk.name}}) and its time zone (<c>Sori:Desk:TimeZone</c>, for dates typed without one).
/// </summary>
public sealed record DeskProfile(string Name, TimeZoneInfo TimeZone)
{
    public const string DefaultName = "Sori";
    public const string DefaultTimeZone = "Asia/Seoul";

    public static readonly DeskProfile Default = new(DefaultName, TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone));
}
