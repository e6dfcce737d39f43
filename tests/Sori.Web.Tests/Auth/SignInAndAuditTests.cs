using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Web.Features.Audit;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Auth;

public sealed class SignInAndAuditTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    [Fact]
    public async Task Login_WrongPasswordFiveTimes_LocksOut()
    {
        var admin = await app.As(Roles.Admin);
        var email = $"lock{Guid.NewGuid():N}@test.sori.dev";
        await (await admin.PostJson("/api/v1/agents", new { email, name = "잠금 테스트", password = SoriWebApp.Password })).Json(HttpStatusCode.Created);
        var client = app.Anonymous();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong-password-123" })).StatusCode);
        Assert.Equal((HttpStatusCode)423, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong-password-123" })).StatusCode);
        Assert.Equal((HttpStatusCode)423, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = SoriWebApp.Password })).StatusCode);
    }

    [Fact]
    public async Task CreateAgent_WeakPassword_NamesPassword()
    {
        var admin = await app.As(Roles.Admin);
        await (await admin.PostJson("/api/v1/agents", new { email = $"w{Guid.NewGuid():N}@x.kr", name = "약한 비번", password = "short" }))
            .Problem(HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task DeactivatedAgent_CannotSignIn_LastAdminProtected()
    {
        var admin = await app.As(Roles.Admin);
        var email = $"off{Guid.NewGuid():N}@test.sori.dev";
        var agent = await (await admin.PostJson("/api/v1/agents", new { email, name = "퇴사자", password = SoriWebApp.Password })).Json(HttpStatusCode.Created);
        await (await admin.PatchJson($"/api/v1/agents/{agent.GetProperty("id")}", new { isActive = false })).Json(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password = SoriWebApp.Password })).StatusCode);
        var me = await (await admin.GetAsync("/api/v1/auth/me")).Json(HttpStatusCode.OK);
        await (await admin.PatchJson($"/api/v1/agents/{me.GetProperty("id")}", new { role = "Agent" })).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RevokedToken_IsRejectedAtOnce()
    {
        var admin = await app.As(Roles.Admin);
        var issued = await (await admin.PostJson("/api/v1/tokens", new { name = "revoke-me", scopes = new[] { "read" } })).Json(HttpStatusCode.Created);
        var plain = issued.GetProperty("plainText").GetString()!;
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", plain);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tickets")).StatusCode);
        var list = await (await admin.GetAsync("/api/v1/tokens")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(plain, list.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tokens/{issued.GetProperty("token").GetProperty("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tickets")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "sori_00000000_garbagegarbagegarbagegarbage");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tickets")).StatusCode);
    }

    [Fact]
    public async Task ReadingACustomersTicket_IsAudited_AndOnlyAdminsQueryTheLog()
    {
        var agent = await app.As(Roles.Agent);
        var ticket = await (await agent.PostJson("/api/v1/tickets", new { subject = "개인정보", body = "주소 변경", requester = new { email = $"a{Guid.NewGuid():N}@example.kr" } })).Json(HttpStatusCode.Created);
        var customerId = ticket.GetProperty("requester").GetProperty("id").GetInt64();
        await (await agent.GetAsync($"/api/v1/customers/{customerId}")).Json(HttpStatusCode.OK);
        await (await agent.GetAsync($"/api/v1/tickets/{ticket.GetProperty("id")}")).Json(HttpStatusCode.OK);
        await app.Services.GetRequiredService<BufferedAuditLog>().WaitUntilWrittenAsync(TimeSpan.FromSeconds(10));

        var admin = await app.As(Roles.Admin);
        var log = await (await admin.GetAsync($"/api/v1/audit?customerId={customerId}")).Json(HttpStatusCode.OK);
        var actions = log.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("customer.read", actions);
        Assert.Contains("ticket.read", actions);
        Assert.Contains("ticket.create", actions);
        Assert.All(log.GetProperty("items").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("actorName").GetString())));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task OpenApiAndDocs_AreServed()
    {
        var client = app.Anonymous();
        var doc = await (await client.GetAsync("/openapi/v1.json")).Json(HttpStatusCode.OK);
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/tickets", out _));
        var page = await client.GetStringAsync("/api/docs");
        Assert.Contains("/openapi/v1.json", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Contains("http_server", await client.GetStringAsync("/metrics"));
    }
}
