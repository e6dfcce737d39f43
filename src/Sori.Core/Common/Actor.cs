namespace Sori.Core.Common;

public enum ActorKind { System, Agent, Customer, Bot, ApiToken }

/// <summary>Who performs a use case: recorded on every timeline event and audit entry.</summary>
public sealed record Actor(ActorKind Kind, long? Id, string Name, string? Role = null, string? IpAddress = null)
{
    public static readonly Actor System = new(ActorKind.System, null, "system");

    public bool IsAgent => Kind == ActorKind.Agent;
    public long? AgentId => Kind == ActorKind.Agent ? Id : null;
    public bool IsAdmin => Role == Roles.Admin;
    public bool IsLeadOrAdmin => Role is Roles.Admin or Roles.Lead;
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Lead = "Lead";
    public const string Agent = "Agent";
    public static readonly string[] All = [Admin, Lead, Agent];
}
