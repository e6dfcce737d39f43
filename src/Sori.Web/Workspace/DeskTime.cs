using System.Globalization;

namespace Sori.Web.Workspace;

/// <summary>Shows stored UTC times in the desk's time zone (<c>Sori:Desk:TimeZone</c>, default Asia/Seoul).</summary>
public sealed class DeskTime(TimeZoneInfo zone)
{
    public const string DefaultZone = "Asia/Seoul";
    public TimeZoneInfo Zone { get; } = zone;

    public static DeskTime FromConfiguration(IConfiguration config)
    {
        var id = config["Sori:Desk:TimeZone"] ?? DefaultZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            throw new InvalidOperationException($"Sori:Desk:TimeZone '{id}' is not a known time zone (e.g. Asia/Seoul).");
        return new DeskTime(zone);
    }

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public string Format(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
