using Sori.Core.Outbox;

namespace Sori.Core.Tests.Outbox;

public class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 480)]
    [InlineData(6, 600)]     // 960 s capped
    [InlineData(500, 600)]   // no overflow however many attempts
    [InlineData(0, 30)]
    public void Exponential_Attempt_DoublesUpToTheCap(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Exponential(attempt, Base, Cap));

    [Fact]
    public void WithJitter_ManyDraws_StayWithinTheSpreadBelowTheExponentialDelay()
    {
        var random = new Random(42);
        var draws = Enumerable.Range(0, 1000).Select(_ => Backoff.WithJitter(3, Base, Cap, 0.25, random)).ToList();
        Assert.All(draws, d => Assert.InRange(d, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(120)));
        Assert.True(draws.Distinct().Count() > 100, "jitter should spread retries, not repeat one delay");
    }
}
