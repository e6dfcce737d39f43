using Sori.Core.Agents;
using Sori.Core.Tokens;
using Sori.Core.Webhooks;

namespace Sori.Core.Tests.Webhooks;

public class WebhookSubscriptionTests
{
    [Fact]
    public void Everything_MeansEveryEventASubscriberMayName_NotInternalOnes()
    {
        var all = new WebhookSubscription("crm", "https://crm.example.kr/hooks", "secret", [WebhookEvents.All], DateTime.UtcNow);

        Assert.True(all.Wants("ticket.created"));
        Assert.True(all.Wants("note.created"));
        Assert.False(all.Wants(AgentSessionsEnded.EventName));
        Assert.False(all.Wants(ApiTokenRevoked.EventName));
    }

    [Fact]
    public void NamedEvents_OnlyThose()
    {
        var some = new WebhookSubscription("crm", "https://crm.example.kr/hooks", "secret", ["ticket.solved"], DateTime.UtcNow);

        Assert.True(some.Wants("ticket.solved"));
        Assert.False(some.Wants("ticket.created"));
    }
}
