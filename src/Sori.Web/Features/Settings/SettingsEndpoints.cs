using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Settings;
using Sori.Web.Auth;
using Sori.Web.Workspace;

namespace Sori.Web.Features.Settings;

public static class SettingsEndpoints
{
    public static void MapSettingsEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/settings").WithTags("Settings");
        g.MapGet("/", async (GetDeskSettings get, CancellationToken ct) => TypedResults.Ok(await get.Handle(ct))).RequireAuthorization(Policies.Read);
        g.MapPatch("/", Update).RequireAuthorization(Policies.Admin);
    }

    private static async Task<Ok<DeskSettingsView>> Update(UpdateDeskSettingsRequest request, UpdateDeskSettings update, DeskSettingsCache desk,
        IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var saved = await update.Handle(request, actor, ct);
        desk.Set(saved);
        audit.Record(actor, "settings.update", "settings", null, null, $"{saved.DeskName}, {saved.DefaultLanguage}, {saved.TimeZone}");
        return TypedResults.Ok(saved);
    }
}
