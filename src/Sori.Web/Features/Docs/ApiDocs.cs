using Microsoft.OpenApi;

namespace Sori.Web.Features.Docs;

/// <summary>The OpenAPI document at /openapi/v1.json and a browsable reference at /api/docs.</summary>
public static class ApiDocs
{
    public static IServiceCollection AddSoriApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new OpenApiInfo
            {
                Title = "Sori API", Version = "v1",
                Description = "Tickets, customers, agents and more. Authenticate with `Authorization: Bearer sori_…` (an API token) or an agent session cookie.",
            };
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API token created by an admin (sori token create).",
            };
            return Task.CompletedTask;
        }));

    public static WebApplication MapSoriApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/api/docs", () => Results.Content(ReferencePage.Html, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
