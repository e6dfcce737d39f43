namespace Sori.Core.Common;

public static class Limits
{
    public const int Subject = 250;
    public const int Name = 200;
    public const int Tag = 64;
    public const int Tags = 50;
    public const int Body = 1_000_000;
    public const int Email = 254;
    public const int Phone = 40;
    public const int Notes = 10_000;
    public const int CustomFieldText = 2_000;
    public const int Language = 10;
    public const int TimeZone = 64;
}
