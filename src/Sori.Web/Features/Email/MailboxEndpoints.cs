using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Channels.Email;
using Sori.Core.Tickets;
using Sori.Web.Auth;

namespace Sori.Web.Features.Email;

/// <summary>Mailbox settings; admins only, since they hold the shop's mail credentials.</summary>
public static class MailboxEndpoints
{
    public static void MapMailboxEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/mailboxes").WithTags("Mailboxes");
        g.MapGet("/", async (GetMailboxes get, CancellationToken ct) => TypedResults.Ok(await get.List(ct))).RequireAuthorization(Policies.Admin);
        g.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        g.MapGet("/{id:long}", async (long id, GetMailboxes get, CancellationToken ct) => TypedResults.Ok(await get.Get(id, ct))).RequireAuthorization(Policies.Admin);
        g.MapPatch("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Admin);
        g.MapGet("/{id:long}/mail", Mail).RequireAuthorization(Policies.Admin);
        g.MapPost("/{id:long}/mail/{mailId:long}/release", Release).RequireAuthorization(Policies.Admin);
    }

    /// <summary>The mail log; <c>?disposition=quarantined</c> is the quarantine.</summary>
    private static async Task<Ok<Page<ReceivedMailView>>> Mail(long id, string? disposition, int? limit, string? cursor, ListMailboxMail list, CancellationToken ct) =>
        TypedResults.Ok(await list.Handle(id, new MailQuery(disposition, limit, cursor), ct));

    private static async Task<Ok<InboundView>> Release(long id, long mailId, ReleaseHeldMail release, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var result = await release.Handle(id, mailId, actor, ct);
        audit.Record(actor, "mailbox.release", "mailbox", id, null, $"mail {mailId} to ticket {result.TicketId}");
        return TypedResults.Ok(InboundView.From(result));
    }

    /// <summary>Inbound limits from "Sori:Email", checked at start-up.</summary>
    public static IServiceCollection AddSoriEmail(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        var problems = options.Problems().ToList();
        if (problems.Count > 0) throw new InvalidOperationException($"{EmailOptions.Section}: {string.Join(" ", problems)}");
        services.AddSingleton(options);
        return services;
    }

    private static async Task<Created<MailboxView>> Create(CreateMailboxRequest request, CreateMailbox create, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var m = await create.Handle(request, ct);
        audit.Record(http.ToActor(), "mailbox.create", "mailbox", m.Id, null, m.Address);
        return TypedResults.Created($"/api/v1/mailboxes/{m.Id}", MailboxView.From(m));
    }

    private static async Task<Ok<MailboxView>> Update(long id, UpdateMailboxRequest request, UpdateMailbox update, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var m = await update.Handle(id, request, ct);
        audit.Record(http.ToActor(), "mailbox.update", "mailbox", id, null, m.Address);
        return TypedResults.Ok(MailboxView.From(m));
    }

    private static async Task<NoContent> Delete(long id, DeleteMailbox delete, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        await delete.Handle(id, ct);
        audit.Record(http.ToActor(), "mailbox.delete", "mailbox", id, null);
        return TypedResults.NoContent();
    }
}
