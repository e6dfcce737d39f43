using System.Globalization;

namespace Sori.Web.Workspace;

/// <summary>Shows stored UTC times in the desk's time zone (general settings; <c>Sori:Desk:TimeZone</c> until saved, default Asia/Seoul).</summary>
public sealed class DeskTime(DeskSettingsCache desk)
{
    public const string DefaultZone = "Asia/Seoul";
    private volatile ZoneEntry? _zone;

    private sealed record ZoneEntry(string Id, TimeZoneInfo Zone);

    public TimeZoneInfo Zone
    {
        get
        {
            var id = desk.Current.TimeZone;
            if (_zone is { } z && z.Id == id) return z.Zone;
            var entry = new ZoneEntry(id, desk.Current.Zone);
            _zone = entry;
            return entry.Zone;
        }
    }

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public string Format(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A local date and time typed in the desk's zone (a filter's bound), as UTC.</summary>
    public DateTime ToUtc(DateTime local)
    {
        var zone = Zone;
        var l = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(l)) l = l.AddHours(1); // a time skipped by a daylight-saving change
        return TimeZoneInfo.ConvertTimeToUtc(l, zone);
    }
}
