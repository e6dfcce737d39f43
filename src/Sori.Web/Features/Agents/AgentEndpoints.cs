using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Agents;
using Sori.Core.Audit;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Web.Auth;

namespace Sori.Web.Features.Agents;

public static class AgentEndpoints
{
    public sealed record AgentView(long Id, string Name, string Email, string Role, bool IsActive, string Language, string TimeZone, DateTime CreatedAt)
    {
        public static AgentView From(Agent a) => new(a.Id, a.DisplayName, a.Email ?? "", a.Role, a.IsActive, a.Language, a.TimeZone, a.CreatedAt);
    }

    public static void MapAgentEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/agents").WithTags("Agents");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        g.MapPatch("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        g.MapPost("/{id:long}/sign-in-link", SignInLink).RequireAuthorization(Policies.Admin);
        g.MapDelete("/{id:long}/two-factor", ResetTwoFactor).RequireAuthorization(Policies.Admin);
    }

    private static async Task<Ok<List<AgentView>>> List(bool? active, SoriDbContext db, CancellationToken ct)
    {
        var q = db.Agents.AsNoTracking();
        if (active is { } a) q = q.Where(x => x.IsActive == a);
        var agents = await q.OrderBy(x => x.DisplayName).ToListAsync(ct);
        return TypedResults.Ok(agents.Select(AgentView.From).ToList());
    }

    private static async Task<Ok<AgentView>> Get(long id, SoriDbContext db, CancellationToken ct) =>
        TypedResults.Ok(AgentView.From(await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct)
                                       ?? throw new NotFoundException("Agent", id)));

    private static async Task<Created<AgentView>> Create(CreateAgentRequest request, CreateAgent create, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var agent = await create.Handle(request, ct);
        audit.Record(http.ToActor(), "agent.create", "agent", agent.Id, null, agent.Role);
        return TypedResults.Created($"/api/v1/agents/{agent.Id}", AgentView.From(agent));
    }

    /// <summary>The only place the link appears: pass it to the agent (it works once, for 72 hours, and replaces their password).</summary>
    public sealed record SignInLinkView(string Url, DateTime ExpiresAt);

    private static async Task<Ok<SignInLinkView>> SignInLink(long id, IssueSignInLink issue, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var link = await issue.Handle(id, ct);
        audit.Record(http.ToActor(), "agent.sign_in_link", "agent", id, null);
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/welcome?agent={id}&token={Uri.EscapeDataString(link.Token)}";
        return TypedResults.Ok(new SignInLinkView(url, link.ExpiresAt));
    }

    private static async Task<NoContent> ResetTwoFactor(long id, ManageTwoFactor twoFactor, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        await twoFactor.Reset(id, ct);
        audit.Record(http.ToActor(), "agent.two_factor_reset", "agent", id, null);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AgentView>> Update(long id, UpdateAgentRequest request, UpdateAgent update, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var agent = await update.Handle(id, request, actor, ct);
        audit.Record(actor, "agent.update", "agent", id, null);
        return TypedResults.Ok(AgentView.From(agent));
    }
}
