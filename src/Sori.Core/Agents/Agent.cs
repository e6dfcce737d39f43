using Microsoft.AspNetCore.Identity;

namespace Sori.Core.Agents;

/// <summary>A person who signs in to the workspace. Identity holds the credentials; the role is one of <see cref="Common.Roles"/>.</summary>
public sealed class Agent : IdentityUser<long>
{
    public string DisplayName { get; set; } = "";
    public string Language { get; set; } = "ko";
    public string TimeZone { get; set; } = "Asia/Seoul";
    public string Role { get; set; } = Common.Roles.Agent;
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

public sealed class Team
{
    public long Id { get; private set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public DateTime CreatedAt { get; private set; }
    public List<TeamMember> Members { get; private set; } = [];

    private Team() { }

    public Team(string name, DateTime now)
    {
        Name = name.Trim();
        CreatedAt = now;
    }
}

public sealed class TeamMember
{
    public long TeamId { get; private set; }
    public long AgentId { get; private set; }
    private TeamMember() { }
    public TeamMember(long agentId) => AgentId = agentId;
}
