using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Fields;
using Sori.Web.Auth;

namespace Sori.Web.Features.Fields;

public static class CustomFieldEndpoints
{
    public static void MapCustomFieldEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/custom-fields").WithTags("Custom fields");
        g.MapGet("/", async (string? entity, ManageCustomFields fields, CancellationToken ct) => TypedResults.Ok(await fields.List(entity, ct)))
            .RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        g.MapPatch("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        g.MapDelete("/{id:long}", Deactivate).RequireAuthorization(Policies.Admin);
    }

    private static async Task<Created<CustomFieldView>> Create(CustomFieldRequest request, ManageCustomFields fields, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var f = await fields.Create(request, ct);
        audit.Record(http.ToActor(), "custom_field.create", "custom_field", f.Id, null, f.Key);
        return TypedResults.Created($"/api/v1/custom-fields/{f.Id}", CustomFieldView.From(f));
    }

    private static async Task<Ok<CustomFieldView>> Update(long id, CustomFieldRequest request, ManageCustomFields fields, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var f = await fields.Update(id, request, ct);
        audit.Record(http.ToActor(), "custom_field.update", "custom_field", id, null);
        return TypedResults.Ok(CustomFieldView.From(f));
    }

    /// <summary>Values already stored stay readable; the field is hidden from new input.</summary>
    private static async Task<NoContent> Deactivate(long id, ManageCustomFields fields, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        await fields.Update(id, new CustomFieldRequest(IsActive: false), ct);
        audit.Record(http.ToActor(), "custom_field.deactivate", "custom_field", id, null);
        return TypedResults.NoContent();
    }
}
