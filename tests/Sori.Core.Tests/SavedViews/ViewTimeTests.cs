using Sori.Core.SavedViews;

namespace Sori.Core.Tests.SavedViews;

public sealed class ViewTimeTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 0, 30, 0, DateTimeKind.Utc);
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    [Theory]
    [InlineData("-30m", false, "2026-03-02T00:00:00")]
    [InlineData("-12h", false, "2026-03-01T12:30:00")]
    [InlineData("-7d", false, "2026-02-23T00:30:00")]
    [InlineData("-2w", false, "2026-02-16T00:30:00")]
    [InlineData("2026-03-02", false, "2026-03-01T15:00:00")]
    [InlineData("2026-03-02", true, "2026-03-02T15:00:00")]
    [InlineData("2026-03-02T09:00", true, "2026-03-02T00:00:00")]
    [InlineData(" 2026-03-02 09:30 ", false, "2026-03-02T00:30:00")]
    [InlineData("2026-03-02T09:00:00Z", false, "2026-03-02T09:00:00")]
    [InlineData("2026-03-02T09:00:00+09:00", false, "2026-03-02T00:00:00")]
    public void TryResolve_RelativeOrInTheDesksZone(string text, bool end, string expectedUtc)
    {
        Assert.True(ViewTime.TryResolve(text, end, Now, Seoul, out var utc));
        Assert.Equal(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), utc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("7d")]
    [InlineData("-7y")]
    [InlineData("-99999999d")]
    [InlineData("-5000w")]
    [InlineData("2026-02-30")]
    [InlineData("2026-03-01T25:00")]
    [InlineData("03/01/2026")]
    [InlineData("2026-03-01T09:00:00+9")]
    public void TryResolve_AnythingElse_IsRefused(string text) =>
        Assert.False(ViewTime.TryResolve(text, false, Now, Seoul, out _));
}
