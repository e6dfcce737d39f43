using Sori.Core.Webhooks;

namespace Sori.Core.Tests.Webhooks;

public class WebhookSignatureTests
{
    private const string Secret = "whsec_test";
    private const string Body = "{\"id\":\"e1\",\"data\":{\"subject\":\"배송 문의\"}}";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Compute_KnownInput_MatchesAnIndependentHmac()
    {
        // Computed outside .NET: python3 hmac.new(b"whsec_test", b"1700000000." + body.encode(), sha256).hexdigest()
        Assert.Equal("sha256=c717846bdede012d8e88f2b675bad19f15edd348f5c98cba932636ccaf5babd9", WebhookSignature.Compute(Secret, 1_700_000_000, Body));
    }

    [Fact]
    public void Verify_OwnSignatureWithinTolerance_IsTrue()
    {
        var signature = WebhookSignature.Compute(Secret, At.ToUnixTimeSeconds(), Body);
        Assert.True(WebhookSignature.Verify(Secret, "1700000000", Body, signature, At.AddMinutes(4)));
    }

    [Theory]
    [InlineData("whsec_other", "1700000000", Body, 0)]              // wrong secret
    [InlineData(Secret, "1700000000", "{\"id\":\"e2\"}", 0)]        // body changed
    [InlineData(Secret, "1700000001", Body, 0)]                     // timestamp changed
    [InlineData(Secret, "1700000000", Body, 6)]                     // replayed after the tolerance
    [InlineData(Secret, "-1700000000", Body, 0)]                    // not a plain number
    [InlineData(Secret, null, Body, 0)]
    public void Verify_AnythingChangedOrStale_IsFalse(string secret, string? timestamp, string body, int minutesLater)
    {
        var signature = WebhookSignature.Compute(Secret, At.ToUnixTimeSeconds(), Body);
        Assert.False(WebhookSignature.Verify(secret, timestamp, body, signature, At.AddMinutes(minutesLater)));
    }

    [Fact]
    public void NewSecret_EachCall_IsUrlSafeAndUnique()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();
        Assert.NotEqual(a, b);
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", a);
    }
}
