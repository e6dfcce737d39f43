using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Auth;

/// <summary>
/// Every API endpoint × every kind of caller. The table is the specification: an endpoint missing
/// from it fails the test, so a new endpoint cannot ship without deciding who may call it.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    private enum Level { Anonymous, Read, Write, Lead, Admin }

    private static readonly Dictionary<string, Level> Expected = new()
    {
        ["POST /api/v1/auth/login"] = Level.Anonymous,
        ["POST /api/v1/auth/logout"] = Level.Anonymous,
        ["GET /api/v1/auth/me"] = Level.Read,
        ["POST /api/v1/auth/password"] = Level.Read,
        ["GET /api/v1/settings/"] = Level.Read,
        ["PATCH /api/v1/settings/"] = Level.Admin,
        ["POST /api/v1/tags/"] = Level.Lead,
        ["PATCH /api/v1/tags/{name}"] = Level.Lead,
        ["DELETE /api/v1/tags/{name}"] = Level.Lead,
        ["POST /api/v1/agents/{id:long}/sign-in-link"] = Level.Admin,
        ["DELETE /api/v1/agents/{id:long}/two-factor"] = Level.Admin,
        ["GET /api/v1/tickets/"] = Level.Read,
        ["POST /api/v1/tickets/"] = Level.Write,
        ["POST /api/v1/tickets/bulk"] = Level.Write,
        ["POST /api/v1/tickets/bulk/merge"] = Level.Write,
        ["GET /api/v1/tickets/{id:long}"] = Level.Read,
        ["PATCH /api/v1/tickets/{id:long}"] = Level.Write,
        ["GET /api/v1/tickets/{id:long}/messages"] = Level.Read,
        ["POST /api/v1/tickets/{id:long}/messages"] = Level.Write,
        ["GET /api/v1/tickets/{id:long}/events"] = Level.Read,
        ["POST /api/v1/tickets/{id:long}/merge"] = Level.Write,
        ["POST /api/v1/tickets/{id:long}/messages/{messageId:long}/split"] = Level.Write,
        ["POST /api/v1/tickets/{id:long}/followers"] = Level.Write,
        ["DELETE /api/v1/tickets/{id:long}/followers/{agentId:long}"] = Level.Write,
        ["GET /api/v1/agents/"] = Level.Read,
        ["GET /api/v1/agents/{id:long}"] = Level.Read,
        ["POST /api/v1/agents/"] = Level.Admin,
        ["PATCH /api/v1/agents/{id:long}"] = Level.Admin,
        ["GET /api/v1/tokens/"] = Level.Admin,
        ["POST /api/v1/tokens/"] = Level.Admin,
        ["DELETE /api/v1/tokens/{id:long}"] = Level.Admin,
        ["GET /api/v1/customers/"] = Level.Read,
        ["POST /api/v1/customers/"] = Level.Write,
        ["GET /api/v1/customers/{id:long}"] = Level.Read,
        ["PATCH /api/v1/customers/{id:long}"] = Level.Write,
        ["POST /api/v1/customers/{id:long}/merge"] = Level.Lead,
        ["GET /api/v1/customers/{id:long}/tickets"] = Level.Read,
        ["GET /api/v1/organizations/"] = Level.Read,
        ["GET /api/v1/organizations/{id:long}"] = Level.Read,
        ["POST /api/v1/organizations/"] = Level.Write,
        ["PATCH /api/v1/organizations/{id:long}"] = Level.Write,
        ["DELETE /api/v1/organizations/{id:long}"] = Level.Lead,
        ["GET /api/v1/teams/"] = Level.Read,
        ["GET /api/v1/teams/{id:long}"] = Level.Read,
        ["POST /api/v1/teams/"] = Level.Lead,
        ["PATCH /api/v1/teams/{id:long}"] = Level.Lead,
        ["DELETE /api/v1/teams/{id:long}"] = Level.Lead,
        ["GET /api/v1/tags"] = Level.Read,
        // Any agent manages their own macros and views; the use cases keep shared ones to admins (403).
        ["GET /api/v1/macros/"] = Level.Read,
        ["GET /api/v1/macros/placeholders"] = Level.Read,
        ["POST /api/v1/macros/"] = Level.Write,
        ["GET /api/v1/macros/{id:long}"] = Level.Read,
        ["PATCH /api/v1/macros/{id:long}"] = Level.Write,
        ["DELETE /api/v1/macros/{id:long}"] = Level.Write,
        ["GET /api/v1/macros/{id:long}/preview"] = Level.Read,
        ["POST /api/v1/macros/{id:long}/apply"] = Level.Write,
        ["GET /api/v1/views/"] = Level.Read,
        ["POST /api/v1/views/"] = Level.Write,
        ["GET /api/v1/views/{id:long}"] = Level.Read,
        ["PATCH /api/v1/views/{id:long}"] = Level.Write,
        ["DELETE /api/v1/views/{id:long}"] = Level.Write,
        ["GET /api/v1/views/{id:long}/tickets"] = Level.Read,
        ["GET /api/v1/custom-fields/"] = Level.Read,
        ["POST /api/v1/custom-fields/"] = Level.Admin,
        ["PATCH /api/v1/custom-fields/{id:long}"] = Level.Admin,
        ["DELETE /api/v1/custom-fields/{id:long}"] = Level.Admin,
        ["GET /api/v1/audit"] = Level.Admin,
        ["POST /api/v1/uploads"] = Level.Write,
        ["DELETE /api/v1/uploads/{id:long}"] = Level.Write,
        ["GET /api/v1/attachments/{id:long}"] = Level.Read,
        ["GET /api/v1/webhooks/"] = Level.Admin,
        ["POST /api/v1/webhooks/"] = Level.Admin,
        ["GET /api/v1/webhooks/{id:long}"] = Level.Admin,
        ["PATCH /api/v1/webhooks/{id:long}"] = Level.Admin,
        ["DELETE /api/v1/webhooks/{id:long}"] = Level.Admin,
        ["POST /api/v1/webhooks/{id:long}/rotate-secret"] = Level.Admin,
        ["GET /api/v1/webhooks/{id:long}/deliveries"] = Level.Admin,
        ["POST /api/v1/webhooks/{id:long}/deliveries/{deliveryId:long}/redeliver"] = Level.Admin,
        ["GET /api/v1/outbox/"] = Level.Admin,
        ["POST /api/v1/outbox/{id:long}/retry"] = Level.Admin,
        ["GET /api/v1/mailboxes/"] = Level.Admin,
        ["POST /api/v1/mailboxes/"] = Level.Admin,
        ["GET /api/v1/mailboxes/{id:long}"] = Level.Admin,
        ["PATCH /api/v1/mailboxes/{id:long}"] = Level.Admin,
        ["DELETE /api/v1/mailboxes/{id:long}"] = Level.Admin,
        ["POST /api/v1/mailboxes/{id:long}/inbound"] = Level.Write,
        ["GET /api/v1/mailboxes/{id:long}/mail"] = Level.Admin,
        ["POST /api/v1/mailboxes/{id:long}/mail/{mailId:long}/release"] = Level.Admin,
        ["GET /api/v1/tickets/{id:long}/messages/{messageId:long}/original"] = Level.Read,
        ["GET /api/v1/tickets/{id:long}/messages/{messageId:long}/original/raw"] = Level.Read,
        ["POST /api/v1/tickets/{id:long}/messages/{messageId:long}/resend"] = Level.Write,
        ["POST /api/v1/mailboxes/{id:long}/test"] = Level.Admin,
    };

    // Which levels each caller reaches.
    private static readonly (string Caller, Level[] Allowed)[] Callers =
    [
        ("anonymous", [Level.Anonymous]),
        ("agent", [Level.Anonymous, Level.Read, Level.Write]),
        ("lead", [Level.Anonymous, Level.Read, Level.Write, Level.Lead]),
        ("admin", [Level.Anonymous, Level.Read, Level.Write, Level.Lead, Level.Admin]),
        ("token:read", [Level.Anonymous, Level.Read]),
        ("token:write", [Level.Anonymous, Level.Read, Level.Write]),
        ("token:admin", [Level.Anonymous, Level.Read, Level.Write, Level.Lead, Level.Admin]),
    ];

    private List<(string Method, string Pattern)> ApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)))
            .ToList();

    [Fact]
    public void EveryApiEndpoint_IsInTheMatrix()
    {
        var missing = ApiEndpoints().Select(e => $"{e.Method} {e.Pattern}").Where(k => !Expected.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an expected level: " + string.Join(", ", missing));
        var stale = Expected.Keys.Except(ApiEndpoints().Select(e => $"{e.Method} {e.Pattern}")).ToList();
        Assert.True(stale.Count == 0, "Matrix rows without an endpoint: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task EveryEndpoint_EveryCaller_GetsExactlyTheAccessInTheMatrix()
    {
        var failures = new List<string>();
        foreach (var (caller, allowed) in Callers)
        {
            var client = await Client(caller);
            foreach (var (method, pattern) in ApiEndpoints())
            {
                if (pattern.EndsWith("/auth/logout", StringComparison.Ordinal)) continue; // would end the cached session
                var level = Expected[$"{method} {pattern}"];
                var url = string.Concat(pattern.Replace("{id:long}", "999999").Replace("{messageId:long}", "999998")
                    .Replace("{agentId:long}", "999997").Replace("{deliveryId:long}", "999996").Replace("{mailId:long}", "999995").TrimEnd('/'));
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PATCH" or "PUT") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                var status = (await client.SendAsync(request)).StatusCode;
                var denied = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                var shouldDeny = !allowed.Contains(level);
                if (denied != shouldDeny) failures.Add($"{caller} {method} {url}: {(int)status}, expected {(shouldDeny ? "401/403" : "access")}");
                if (shouldDeny && caller == "anonymous" && status != HttpStatusCode.Unauthorized) failures.Add($"anonymous {method} {url}: {(int)status}, expected 401");
                if (shouldDeny && caller != "anonymous" && status != HttpStatusCode.Forbidden) failures.Add($"{caller} {method} {url}: {(int)status}, expected 403");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private Task<HttpClient> Client(string caller) => caller switch
    {
        "anonymous" => Task.FromResult(app.Anonymous()),
        "agent" => app.As(Roles.Agent),
        "lead" => app.As(Roles.Lead),
        "admin" => app.As(Roles.Admin),
        _ => app.WithToken(caller["token:".Length..]),
    };
}
