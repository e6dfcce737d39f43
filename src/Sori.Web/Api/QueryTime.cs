namespace Sori.Web.Api;

public static class QueryTime
{
    /// <summary>Query-string times without an offset are taken as UTC, never as the server's local time.</summary>
    public static DateTime? AsUtc(this DateTime? value) => value is { } v
        ? v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime()
        : null;
}
