using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Channels.Email;
using Sori.Core.Tickets;
using Sori.Infrastructure.Email;
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
        g.MapPost("/{id:long}/test", Test).RequireAuthorization(Policies.Admin);
    }

    /// <summary>Signs in to the mailbox's IMAP and SMTP servers: 200 when both work, otherwise a 422 problem naming the failed step.</summary>
    private static async Task<IResult> Test(long id, TestMailboxConnection test, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var result = await test.Handle(id, ct);
        audit.Record(http.ToActor(), "mailbox.test", "mailbox", id, null, result.Ok ? "ok" : "failed");
        if (result.Ok) return TypedResults.Ok(result);
        var failed = new[] { ("IMAP", result.Imap), ("SMTP", result.Smtp) }.First(x => x.Item2 is { Ok: false });
        return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, type: "https://sori.dev/problems/mail-connection",
            title: $"The {failed.Item1} connection failed at \"{failed.Item2!.Step}\".", detail: failed.Item2.Error,
            extensions: new Dictionary<string, object?> { ["imap"] = result.Imap, ["smtp"] = result.Smtp });
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
