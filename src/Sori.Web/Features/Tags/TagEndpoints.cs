using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Tags;
using Sori.Web.Auth;

namespace Sori.Web.Features.Tags;

public static class TagEndpoints
{
    public static void MapTagEndpoints(this RouteGroupBuilder api)
    {
        // Defined tags and tags in use on tickets, most used first, optionally by prefix (for autocomplete).
        api.MapGet("/tags", async (string? prefix, int? limit, ManageTags tags, CancellationToken ct) => TypedResults.Ok(await tags.List(prefix, limit, ct)))
            .WithTags("Tags").RequireAuthorization(Policies.Read);
        var g = api.MapGroup("/tags").WithTags("Tags").RequireAuthorization(Policies.Lead);
        g.MapPost("/", Create);
        g.MapPatch("/{name}", Update);
        g.MapDelete("/{name}", Delete);
    }

    private static async Task<Created<TagView>> Create(TagRequest request, ManageTags tags, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var t = await tags.Create(request, ct);
        audit.Record(http.ToActor(), "tag.create", "tag", t.Id, null, t.Name);
        return TypedResults.Created($"/api/v1/tags/{Uri.EscapeDataString(t.Name)}", new TagView(t.Name, t.Description, 0, true));
    }

    private static async Task<Ok<TagView>> Update(string name, TagRequest request, ManageTags tags, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var t = await tags.Update(name, request, ct);
        audit.Record(http.ToActor(), "tag.update", "tag", t.Id, null, t.Name);
        return TypedResults.Ok((await tags.List(t.Name, ManageTags.ListMax, ct)).First(v => v.Name == t.Name));
    }

    /// <summary>Takes the tag off the desk's list; tickets keep it.</summary>
    private static async Task<NoContent> Delete(string name, ManageTags tags, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        await tags.Delete(name, ct);
        audit.Record(http.ToActor(), "tag.delete", "tag", null, null, name);
        return TypedResults.NoContent();
    }
}
