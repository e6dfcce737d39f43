using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Data;
using Sori.Core.Tokens;
using Sori.Testing;
using Sori.Web.Cli;

namespace Sori.Web.Tests.Cli;

/// <summary>The operator commands, run in-process against a real SQLite file as `sori …` would.</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly SqliteDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await new CommandLine(stdout, stderr).RunAsync(
            [.. args, $"--Sori:DataDirectory={_db.DataDirectory}", $"--Sori:Database:ConnectionString={_db.ConnectionString}"]);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task TokenCreate_PrintsTheTokenAloneOnTheLastLine_AndItVerifies()
    {
        var (code, output, _) = await Run("token", "create", "--name", "ci", "--scopes", "read,write");
        Assert.Equal(0, code);
        var last = output.TrimEnd().Split('\n')[^1];
        Assert.Matches(new Regex("^sori_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}$"), last);
        Assert.True(ApiToken.TryParse(last, out var prefix, out var secret));
        await using var sp = _db.CreateServices();
        await using var scope = sp.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<SoriDbContext>().ApiTokens.SingleAsync(t => t.Prefix == prefix);
        Assert.True(stored.Verify(secret, DateTime.UtcNow));
        Assert.Equal(["read", "write"], stored.Scopes);
        Assert.DoesNotContain(secret, stored.SecretHash);

        var listed = await Run("token", "list");
        Assert.Contains("ci", listed.Out);
        Assert.DoesNotContain(secret, listed.Out);
        Assert.Equal(0, (await Run("token", "revoke", "--id", stored.Id.ToString())).Code);
    }

    [Fact]
    public async Task BadArguments_ExitNonZeroWithAClearMessage()
    {
        var missing = await Run("token", "create", "--name", "x");
        Assert.Equal(2, missing.Code);
        Assert.Contains("--scopes is required", missing.Err);
        var badScope = await Run("token", "create", "--name", "x", "--scopes", "root");
        Assert.Equal(1, badScope.Code);
        Assert.Contains("--scopes", badScope.Err);
        var weak = await Run("admin", "create", "--email", "ops@shop.kr", "--password", "123");
        Assert.Equal(1, weak.Code);
        Assert.Contains("--password", weak.Err);
        Assert.Equal(2, (await Run("token", "frobnicate")).Code);
    }

    [Fact]
    public async Task AdminCreate_SeedDemo_Import_Migrate()
    {
        Assert.Equal(0, (await Run("migrate")).Code);
        var admin = await Run("admin", "create", "--email", "ops@shop.kr", "--password", "a-long-password-1", "--name", "운영자");
        Assert.Equal(0, admin.Code);
        Assert.Contains("Admin ops@shop.kr", admin.Out);

        var demo = await Run("seed-demo", "--tickets", "20");
        Assert.Equal(0, demo.Code);
        var file = Path.Combine(_db.DataDirectory, "import.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"subject": "가져온 문의", "body": "본문", "requester": {"name": "김가져", "email": "import@example.kr"}, "channel": "email"}""",
            """{"subject": "<script>x</script>", "body": "b", "requester": {"email": "bad@example.kr"}}""",
            "not json",
        ]);
        var import = await Run("import", "tickets", "--file", file);
        Assert.Equal(1, import.Code);
        Assert.Contains("line 2: skipped (subject:", import.Out);
        Assert.Contains("line 3: skipped", import.Out);
        Assert.Contains("Imported 1 tickets; 2 lines skipped.", import.Out);

        await using var sp = _db.CreateServices();
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        Assert.Equal(21, await db.Tickets.CountAsync());
        Assert.True(await db.Agents.CountAsync() >= 5);
        Assert.True(await db.Customers.AnyAsync(c => c.Name == "김가져"));
        Assert.True(await db.Tickets.Select(t => t.Channel).Distinct().CountAsync() > 2);
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var (code, output, _) = await Run("help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "admin create", "token create", "token list", "token revoke", "migrate", "seed-demo", "import tickets" })
            Assert.Contains(command, output);
    }
}
