using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Data;
using Sori.Testing;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Hosting;

public sealed class KeyRingTests_Sqlite() : KeyRingTests(new SqliteDatabase());
public sealed class KeyRingTests_Postgres() : KeyRingTests(new PostgresDatabase());

/// <summary>
/// The keys behind sign-in cookies and antiforgery tokens outlive the process (the data folder by
/// default) and are shared by the nodes of a desk (a shared directory, or the database).
/// </summary>
public abstract partial class KeyRingTests(TestDatabase database) : IAsyncLifetime
{
    private sealed class Host(TestDatabase database, Action<IWebHostBuilder> configure) : SoriWebApp(database, ownsDatabase: false)
    {
        protected override void ConfigureHost(IWebHostBuilder builder) => configure(builder);
    }

    private readonly List<SoriWebApp> _hosts = [];
    private readonly List<string> _folders = [];

    public Task InitializeAsync() => database.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var h in _hosts) await h.DisposeAsync();
        foreach (var f in _folders) try { Directory.Delete(f, recursive: true); } catch (IOException) { }
        await database.DisposeAsync();
    }

    private string Folder()
    {
        var path = Directory.CreateTempSubdirectory("sori-keys-").FullName;
        _folders.Add(path);
        return path;
    }

    private async Task<SoriWebApp> Start(params (string Key, string Value)[] settings)
    {
        var host = new Host(database, b => { foreach (var (k, v) in settings) b.UseSetting(k, v); });
        _hosts.Add(host);
        await host.InitializeAsync();
        return host;
    }

    private async Task Stop(SoriWebApp host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    private static async Task<string> SignIn(SoriWebApp host)
    {
        using var http = new HttpClient(host.CreateHandler()) { BaseAddress = host.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = SoriWebApp.AdminEmail, password = SoriWebApp.Password });
        login.EnsureSuccessStatusCode();
        return login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("sori.auth=", StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> Me(SoriWebApp host, string cookie)
    {
        using var http = new HttpClient(host.CreateHandler()) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Add("Cookie", cookie);
        return (await http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task CookieIssuedBeforeARestart_StillSignsInAfterIt_KeysLiveInTheDataFolder()
    {
        var before = await Start();
        var cookie = await SignIn(before);
        Assert.Equal(HttpStatusCode.OK, await Me(before, cookie));
        await Stop(before);

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(database.DataDirectory, "keys"), "key-*.xml"));
        var after = await Start();
        Assert.Equal(HttpStatusCode.OK, await Me(after, cookie));
        // The control: a host with a data folder of its own (so other keys) cannot read the cookie.
        var stranger = await Start(("Sori:DataDirectory", Folder()));
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(stranger, cookie));
    }

    [Fact]
    public async Task AntiforgeryTokenFromBeforeARestart_IsAcceptedAfterIt()
    {
        var before = await Start();
        using var browser = new HttpClient(before.CreateHandler()) { BaseAddress = before.BaseAddress };
        var page = await browser.GetAsync("/login");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        Assert.NotEmpty(token);
        await Stop(before);

        var after = await Start();
        using var http = new HttpClient(after.CreateHandler()) { BaseAddress = after.BaseAddress };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.Email"] = SoriWebApp.AdminEmail, ["Input.Password"] = SoriWebApp.Password,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        var signedIn = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sori.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoHostsKeepingKeysInTheDatabase_AcceptEachOthersCookies()
    {
        var (dirA, dirB) = (Folder(), Folder());
        var a = await Start(("Sori:DataProtection:Store", "Database"), ("Sori:DataDirectory", dirA));
        var fromA = await SignIn(a);
        var b = await Start(("Sori:DataProtection:Store", "Database"), ("Sori:DataDirectory", dirB));
        var fromB = await SignIn(b);

        Assert.Equal(HttpStatusCode.OK, await Me(b, fromA));
        Assert.Equal(HttpStatusCode.OK, await Me(a, fromB));
        Assert.False(Directory.Exists(Path.Combine(dirA, "keys")));
        await using var scope = a.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<SoriDbContext>().DataProtectionKeys.AnyAsync());
    }

    [Fact]
    public async Task TwoHostsSharingAKeyDirectory_AcceptEachOthersCookies()
    {
        var shared = Path.Combine(Folder(), "shared-keys");
        var a = await Start(("Sori:DataProtection:Directory", shared), ("Sori:DataDirectory", Folder()));
        var fromA = await SignIn(a);
        var b = await Start(("Sori:DataProtection:Directory", shared), ("Sori:DataDirectory", Folder()));

        Assert.Equal(HttpStatusCode.OK, await Me(b, fromA));
        Assert.Equal(HttpStatusCode.OK, await Me(a, await SignIn(b)));
        Assert.NotEmpty(Directory.GetFiles(shared, "key-*.xml"));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(shared));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
