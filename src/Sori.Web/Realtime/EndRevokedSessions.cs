using System.Text.Json;
using Sori.Core.Agents;
using Sori.Core.Data;
using Sori.Core.Outbox;
using Sori.Core.Tokens;

namespace Sori.Web.Realtime;

/// <summary>
/// Turns committed revocations (an agent's sessions ended, a token revoked) into an immediate check of
/// the live sessions of every node. Through the outbox, so a revocation made by any door (the API, an
/// admin page, the command line, another node) is acted on, and one made just before a crash still is.
/// </summary>
public sealed class EndRevokedSessions(LiveSessions sessions) : IOutboxHandler
{
    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        switch (message.Type)
        {
            case AgentSessionsEnded.EventName when JsonSerializer.Deserialize<AgentSessionsEnded>(message.Payload, JsonDefaults.Web) is { } e:
                sessions.Ended(new SessionEnd(AgentId: e.AgentId));
                break;
            case ApiTokenRevoked.EventName when JsonSerializer.Deserialize<ApiTokenRevoked>(message.Payload, JsonDefaults.Web) is { } e:
                sessions.Ended(new SessionEnd(TokenPrefix: e.Prefix));
                break;
        }
        return Task.CompletedTask;
    }
}
