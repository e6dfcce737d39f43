using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Web.Hosting;

/// <summary>On an empty desk, creates the first admin and prints how to sign in.</summary>
public static class FirstRun
{
    public static async Task EnsureAdminAsync(IServiceProvider services, IConfiguration config, string listenUrl, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        if (await db.Agents.AnyAsync()) return;

        var email = config["Sori:Admin:Email"] ?? "admin@sori.local";
        var configured = config["Sori:Admin:Password"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        await scope.ServiceProvider.GetRequiredService<CreateAgent>().Handle(
            new CreateAgentRequest(email, config["Sori:Admin:Name"] ?? "관리자 Admin", password, Roles.Admin), CancellationToken.None);

        output.WriteLine();
        output.WriteLine("  Sori: created the first admin account. / 첫 관리자 계정을 만들었습니다.");
        output.WriteLine($"    email:    {email}");
        output.WriteLine(string.IsNullOrEmpty(configured) ? $"    password: {password}" : "    password: (the one set in Sori:Admin:Password)");
        output.WriteLine($"    sign in:  POST {listenUrl}/api/v1/auth/login  {{\"email\": \"{email}\", \"password\": \"...\"}}");
        output.WriteLine("    Keep this password safe; it is shown only now. / 이 비밀번호는 지금 한 번만 표시됩니다.");
        output.WriteLine();
    }

    /// <summary>Loads demo data when asked (Sori:SeedDemo=true) and the desk has no tickets yet.</summary>
    public static async Task SeedDemoIfEmptyAsync(IServiceProvider services, TextWriter output)
    {
        await using (var scope = services.CreateAsyncScope())
            if (await scope.ServiceProvider.GetRequiredService<SoriDbContext>().Tickets.AnyAsync()) return;
        await Cli.DemoData.SeedAsync(services, 120, output);
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
