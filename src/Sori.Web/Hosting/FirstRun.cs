using Microsoft.EntityFrameworkCore;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Web.Hosting;

/// <summary>
/// On an empty desk: creates the first admin from configuration (<c>Sori:Admin:Email</c> /
/// <c>Sori:Admin:Password</c>) when set, and otherwise prints where to finish the setup in a browser.
/// </summary>
public static class FirstRun
{
    public static async Task EnsureAdminAsync(IServiceProvider services, IConfiguration config, string listenUrl, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var email = config["Sori:Admin:Email"];
        var configured = config["Sori:Admin:Password"];
        if (!string.IsNullOrEmpty(email) || !string.IsNullOrEmpty(configured))
        {
            if (await db.Agents.AnyAsync()) return;
            email ??= "admin@sori.local";
            var password = string.IsNullOrEmpty(configured) ? AgentIdentity.GeneratePassword() : configured;
            await scope.ServiceProvider.GetRequiredService<CreateAgent>().Handle(
                new CreateAgentRequest(email, config["Sori:Admin:Name"] ?? "관리자 Admin", password, Roles.Admin), CancellationToken.None);

            output.WriteLine();
            output.WriteLine("  Sori: created the first admin account. / 첫 관리자 계정을 만들었습니다.");
            output.WriteLine($"    email:    {email}");
            output.WriteLine(string.IsNullOrEmpty(configured) ? $"    password: {password}" : "    password: (the one set in Sori:Admin:Password)");
            output.WriteLine($"    sign in:  {listenUrl}/login");
            output.WriteLine("    Keep this password safe; it is shown only now. / 이 비밀번호는 지금 한 번만 표시됩니다.");
            output.WriteLine();
            return;
        }

        var setup = services.GetService<FirstRunSetup>();
        if (setup is null || !await setup.IsOpenAsync()) return;
        output.WriteLine();
        output.WriteLine("  Sori: this desk has no admin yet. / 아직 관리자가 없습니다.");
        output.WriteLine($"    open:        {listenUrl}/setup");
        output.WriteLine($"    setup code:  {setup.Code}");
        output.WriteLine("    Create the first admin there with this code (or run `sori admin create`). / 이 코드로 첫 관리자를 만드세요.");
        output.WriteLine();
    }

    /// <summary>Loads demo data when asked (Sori:SeedDemo=true) and the desk has no tickets yet.</summary>
    public static async Task SeedDemoIfEmptyAsync(IServiceProvider services, TextWriter output)
    {
        await using (var scope = services.CreateAsyncScope())
            if (await scope.ServiceProvider.GetRequiredService<SoriDbContext>().Tickets.AnyAsync()) return;
        await Cli.DemoData.SeedAsync(services, 120, output);
    }
}
