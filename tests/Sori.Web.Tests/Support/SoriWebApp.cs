using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Tokens;
using Sori.Testing;
using Sori.Web.Hosting;

namespace Sori.Web.Tests.Support;

public sealed class SqliteWebApp() : SoriWebApp(new SqliteDatabase());
public sealed class PostgresWebApp() : SoriWebApp(new PostgresDatabase());

/// <summary>
/// The real host in memory on one provider, with a client per kind of caller. A second host may share
/// another one's database (<paramref name="ownsDatabase"/> false), as a second node of one desk would.
/// </summary>
public abstract class SoriWebApp(TestDatabase database, bool ownsDatabase = true) : IAsyncLifetime
{
    public const string AdminEmail = "admin@test.sori.dev";
    public const string Password = "correct-horse-battery";
    public const int MaxFileBytes = 1024 * 1024;
    private WebApplicationFactory<Program> _factory = null!;
    private readonly Dictionary<string, HttpClient> _clients = [];

    public TestDatabase Database => database;
    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        if (ownsDatabase) await database.InitializeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Sori:DataDirectory", database.DataDirectory);
            b.UseSetting("Sori:Database:Provider", database.Provider.ToString());
            b.UseSetting("Sori:Database:ConnectionString", database.ConnectionString);
            b.UseSetting("Sori:Admin:Email", AdminEmail);
            b.UseSetting("Sori:Admin:Password", Password);
            b.UseSetting("Sori:Attachments:MaxFileBytes", MaxFileBytes.ToString());
            // Mailboxes in most tests point at made-up servers; the IMAP tests turn polling on against the test Dovecot.
            b.UseSetting("Sori:Imap:Enabled", "false");
            // Live sessions are re-checked when a revocation announces itself; the periodic round, which would
            // hide a missing announcement, runs in tests only when one calls LiveSessions.CheckAsync.
            b.UseSetting("Sori:Realtime:SessionCheckInterval", "01:00:00");
            ConfigureHost(b);
        });
        await SoriApp.PrepareDatabaseAsync(_factory.Services, _factory.Services.GetRequiredService<IConfiguration>(), "http://localhost");
    }

    /// <summary>Extra settings for a fixture that needs them (e.g. fast webhook retries).</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder) { }

    public async Task DisposeAsync()
    {
        foreach (var c in _clients.Values) c.Dispose();
        await _factory.DisposeAsync();
        if (ownsDatabase) await database.DisposeAsync();
    }

    /// <summary>Talks to the in-memory server directly (a SignalR client's transport, a raw login).</summary>
    public HttpMessageHandler CreateHandler() => _factory.Server.CreateHandler();
    public Uri BaseAddress => _factory.Server.BaseAddress;

    /// <summary>A new agent of the role with the given display name; returns its id and email (password <see cref="Password"/>).</summary>
    public async Task<(long Id, string Email)> CreateAgent(string role, string name)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.sori.dev";
        await using var scope = Services.CreateAsyncScope();
        var agent = await scope.ServiceProvider.GetRequiredService<CreateAgent>().Handle(new CreateAgentRequest(email, name, Password, role), default);
        return (agent.Id, email);
    }

    /// <summary>A fresh API token with the scopes, as its secret.</summary>
    public async Task<string> IssueToken(params string[] scopes)
    {
        await using var scope = Services.CreateAsyncScope();
        var (_, plain) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().Issue(new IssueApiTokenRequest("test", scopes), Actor.System, default);
        return plain;
    }

    public HttpClient Anonymous() => _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    /// <summary>A signed-in agent of the given role (cookie session), created on first use.</summary>
    public async Task<HttpClient> As(string role)
    {
        if (_clients.TryGetValue(role, out var cached)) return cached;
        var email = role == Roles.Admin ? AdminEmail : $"{role.ToLowerInvariant()}@test.sori.dev";
        if (role != Roles.Admin)
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CreateAgent>().Handle(new CreateAgentRequest(email, role + " 상담원", Password, role), default);
        }
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        return _clients[role] = client;
    }

    /// <summary>A browser-like client: signed in as a new agent of the role, keeping cookies, not following redirects.</summary>
    public async Task<HttpClient> Browser(string role, string language = "ko")
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.sori.dev";
        await using (var scope = Services.CreateAsyncScope())
        {
            var agent = await scope.ServiceProvider.GetRequiredService<CreateAgent>().Handle(new CreateAgentRequest(email, role + " 상담원", Password, role), default);
            await scope.ServiceProvider.GetRequiredService<UpdateAgent>().Handle(agent.Id, new UpdateAgentRequest(Language: language), Actor.System, default);
        }
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var applied = await client.GetAsync("/language/apply"); // writes the culture cookie from the saved language
        if (applied.StatusCode != System.Net.HttpStatusCode.Redirect) throw new InvalidOperationException($"language: {applied.StatusCode}");
        return client;
    }

    /// <summary>An anonymous browser-like client that does not follow redirects.</summary>
    public HttpClient AnonymousBrowser() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>A client that sends a fresh API token with the given scopes.</summary>
    public async Task<HttpClient> WithToken(params string[] scopes)
    {
        var key = "token:" + string.Join(',', scopes);
        if (_clients.TryGetValue(key, out var cached)) return cached;
        await using var scope = Services.CreateAsyncScope();
        var (_, plain) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().Issue(new IssueApiTokenRequest("test", scopes), Actor.System, default);
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", plain);
        return _clients[key] = client;
    }
}
