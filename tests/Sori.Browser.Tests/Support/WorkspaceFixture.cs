using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Sori.Browser.Tests.Support;

[CollectionDefinition(Name)]
public sealed class WorkspaceCollection : ICollectionFixture<WorkspaceFixture>
{
    public const string Name = "workspace";
}

/// <summary>One Sori process and one Chromium for all browser tests; each test opens its own browser context.</summary>
public sealed class WorkspaceFixture : IAsyncLifetime
{
    public const string AgentEmail = "agent@browser.sori.dev";
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public SoriProcess Sori { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient AdminApi { get; private set; } = null!;
    public long AgentId { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (./test.sh does this).");
        if (Directory.Exists(BrowserTest.ScreenshotDirectory)) Directory.Delete(BrowserTest.ScreenshotDirectory, recursive: true);
        Sori = await SoriProcess.StartAsync();
        AdminApi = await Sori.ApiAsync(SoriProcess.AdminEmail);
        AgentId = await CreateAgentWithEmailAsync(AgentEmail, "김상담", "Agent");
        Assertions.SetDefaultExpectTimeout(BrowserTest.Timeout);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        AdminApi?.Dispose();
        if (Sori is not null) await Sori.DisposeAsync();
    }

    /// <summary>A new agent (role Agent unless given) for a test that changes the agent's own settings; returns the email.</summary>
    public async Task<string> CreateAgentAsync(string name, string role = "Agent")
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@browser.sori.dev";
        await CreateAgentWithEmailAsync(email, name, role);
        return email;
    }

    /// <summary>A new agent whose display name may be Korean; the address is made from an ASCII prefix. Returns the email.</summary>
    public async Task<string> CreateNamedAgentAsync(string name, string emailPrefix)
    {
        var email = $"{emailPrefix}-{Guid.NewGuid():N}@browser.sori.dev";
        await CreateAgentWithEmailAsync(email, name, "Agent");
        return email;
    }

    /// <summary>A new agent of the role; returns its id and email.</summary>
    public async Task<(long Id, string Email)> CreateAgentWithIdAsync(string name, string role = "Agent")
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@browser.sori.dev";
        return (await CreateAgentWithEmailAsync(email, name, role), email);
    }

    private async Task<long> CreateAgentWithEmailAsync(string email, string name, string role)
    {
        var created = await AdminApi.PostAsJsonAsync("/api/v1/agents", new { email, name, password = SoriProcess.Password, role });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    /// <summary>Creates a ticket through the API, as an integration would, and returns its id and number.</summary>
    public async Task<(long Id, long Number)> CreateTicketAsync(string subject, string body, string requester, string email, string[]? tags = null)
    {
        var response = await AdminApi.PostAsJsonAsync("/api/v1/tickets",
            new { subject, body, tags, requester = new { name = requester, email } });
        response.EnsureSuccessStatusCode();
        var ticket = (await response.Content.ReadFromJsonAsync<TicketOnly>())!;
        return (ticket.Id, ticket.Number);
    }

    /// <summary>Creates a customer through the API and returns its id.</summary>
    public async Task<long> CreateCustomerAsync(string name, string email, string? phone = null, string? notes = null)
    {
        var response = await AdminApi.PostAsJsonAsync("/api/v1/customers",
            new { name, emails = new[] { email }, phones = phone is null ? null : new[] { phone }, notes });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    /// <summary>Creates a ticket for a known customer and returns its id.</summary>
    public async Task<long> CreateTicketForAsync(long customerId, string subject)
    {
        var response = await AdminApi.PostAsJsonAsync("/api/v1/tickets", new { subject, body = "본문", requester = new { id = customerId } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TicketOnly>())!.Id;
    }

    /// <summary>The agent's audit entries on a ticket, waiting for the buffered audit writer to catch up.</summary>
    public async Task<IReadOnlyList<(string Action, string? Ip)>> AuditActionsAsync(long ticketId, long agentId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var page = await AdminApi.GetFromJsonAsync<AuditPage>($"/api/v1/audit?entityType=ticket&entityId={ticketId}&actorId={agentId}&limit=100");
            var entries = page!.Items.Select(e => (e.Action, e.IpAddress)).ToList();
            if (entries.Count >= expected || DateTime.UtcNow > deadline) return entries;
            await Task.Delay(200);
        }
    }

    private sealed record AuditPage(List<AuditEntry> Items);
    private sealed record AuditEntry(string Action, string? IpAddress);
    private sealed record IdOnly(long Id);
    private sealed record TicketOnly(long Id, long Number);
}
