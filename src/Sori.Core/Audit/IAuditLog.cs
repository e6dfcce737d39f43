using Sori.Core.Common;

namespace Sori.Core.Audit;

/// <summary>Records who read or changed personal data or a ticket. Implementations must not block the request.</summary>
public interface IAuditLog
{
    void Record(Actor actor, string action, string entityType, long? entityId, long? customerId, string? details = null);
}
