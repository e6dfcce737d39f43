using Microsoft.EntityFrameworkCore;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tokens;
using Sori.Infrastructure.Database;
using Sori.Web.Hosting;

namespace Sori.Web.Cli;

/// <summary>
/// Operator commands on the same program and configuration as the server:
/// <c>sori admin create</c>, <c>sori token create|list|revoke</c>, <c>sori migrate</c>,
/// <c>sori seed-demo</c>, <c>sori import tickets</c>, <c>sori import-mail</c>. Exit code 0 on success, 1 on a failed
/// command, 2 on a usage error.
/// </summary>
public sealed class CommandLine(TextWriter output, TextWriter error)
{
    private static readonly string[] Commands = ["admin", "token", "migrate", "seed-demo", "import", "import-mail", "help", "--help", "-h"];

    public const string Usage = """
        Usage: sori [command] [options]          (no command: run the server)

        Commands:
          admin create --email E --password P [--name N] [--role Admin|Lead|Agent]
                                     create a sign-in account (role Admin unless given)
          token create --name N --scopes read,write[,admin] [--expires yyyy-MM-dd]
                                     create an API token; the token alone is printed on the last line
          token list                 list API tokens (never their secrets)
          token revoke --id ID       revoke an API token
          migrate                    apply pending database migrations and exit
          seed-demo [--tickets N]    load demo data: Korean and English customers, agents, teams, tickets
          import tickets --file F    import tickets from JSON lines (one POST /api/v1/tickets body per line)
          import-mail MAILBOX PATH [--parallel N]
                                     feed mail into a mailbox (id or address) through the inbound pipeline:
                                     PATH is an .eml file, an mbox file or a folder of them; N messages at
                                     once (default 16); safe to repeat
          help                       show this text

        Configuration is the server's: appsettings.json, environment (Sori__Database__Provider=Postgres,
        Sori__Database__ConnectionString=...) and --Sori:Key=value options.
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static Task<int> RunInConsoleAsync(string[] args) => new CommandLine(Console.Out, Console.Error).RunAsync(args);

    public async Task<int> RunAsync(string[] args)
    {
        if (args[0] is "help" or "--help" or "-h" || args.Contains("--help"))
        {
            output.WriteLine(Usage);
            return 0;
        }
        var options = Options.Parse(args.Skip(1), args[0] == "import-mail" ? 2 : 1);
        var builder = Host.CreateApplicationBuilder(options.Rest);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSoriServices(builder.Configuration);
        using var host = builder.Build();
        try
        {
            if (args[0] != "migrate" && host.Services.GetRequiredService<Infrastructure.Database.DatabaseOptions>().MigrateOnStartup)
                await Migrate(host.Services);
            var code = await Dispatch(args[0], options, host.Services);
            await host.Services.GetRequiredService<Features.Audit.BufferedAuditLog>().FlushAsync(host.Services);
            return code;
        }
        catch (ValidationException e)
        {
            foreach (var (field, messages) in e.Errors) error.WriteLine($"error: --{field}: {string.Join(" ", messages)}");
            return 1;
        }
        catch (Exception e) when (e is UsageException or NotFoundException or ConflictException)
        {
            error.WriteLine("error: " + e.Message);
            return e is UsageException ? 2 : 1;
        }
    }

    private Task<int> Dispatch(string command, Options o, IServiceProvider services) => (command, o.Verb) switch
    {
        ("admin", "create") => AdminCreate(o, services),
        ("token", "create") => TokenCreate(o, services),
        ("token", "list") => TokenList(services),
        ("token", "revoke") => TokenRevoke(o, services),
        ("migrate", _) => Migrate(services),
        ("seed-demo", _) => DemoData.SeedAsync(services, o.Int("tickets") ?? 120, output),
        ("import", "tickets") => TicketImport.RunAsync(services, o.Required("file"), output),
        ("import-mail", _) => MailImport.RunAsync(services, o.Verb ?? throw new UsageException("import-mail needs a mailbox and a path."),
            o.Arguments.FirstOrDefault() ?? throw new UsageException("import-mail needs a path (.eml, mbox or folder)."),
            o.Int("parallel") ?? MailImport.DefaultParallel, output),
        _ => throw new UsageException($"unknown command '{command} {o.Verb}'. Run 'sori help'."),
    };

    private async Task<int> Migrate(IServiceProvider services)
    {
        var change = await SoriApp.MigrateAsync(services);
        output.WriteLine(change switch
        {
            SchemaChange.Baseline => "Created the database schema. / 데이터베이스 스키마를 만들었습니다.",
            SchemaChange.Migrated => "Applied the pending migrations. / 대기 중인 마이그레이션을 적용했습니다.",
            _ => "The database schema is up to date. / 데이터베이스 스키마가 최신입니다.",
        });
        return 0;
    }

    private async Task<int> AdminCreate(Options o, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var agent = await scope.ServiceProvider.GetRequiredService<CreateAgent>().Handle(
            new CreateAgentRequest(o.Required("email"), o.Get("name") ?? o.Required("email").Split('@')[0], o.Required("password"), o.Get("role") ?? Roles.Admin),
            CancellationToken.None);
        output.WriteLine($"Created {agent.Role} {agent.Email} (id {agent.Id}).");
        return 0;
    }

    private async Task<int> TokenCreate(Options o, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        DateTime? expires = o.Get("expires") is { } e
            ? DateTime.TryParse(e, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d)
                ? d : throw new UsageException("--expires must be a date such as 2027-01-31.")
            : null;
        var (token, plain) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().Issue(
            new IssueApiTokenRequest(o.Required("name"), [o.Required("scopes")], expires), Actor.System with { Name = "cli" }, CancellationToken.None);
        output.WriteLine($"Created API token '{token.Name}' (id {token.Id}, scopes {string.Join(',', token.Scopes)}). It is shown only once:");
        output.WriteLine(plain);
        return 0;
    }

    private async Task<int> TokenList(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var t in await scope.ServiceProvider.GetRequiredService<ApiTokens>().List(CancellationToken.None))
            output.WriteLine($"{t.Id}\t{t.Name}\tsori_{t.Prefix}_…\t{string.Join(',', t.Scopes)}\t{(t.RevokedAt is null ? "active" : "revoked")}\tlast used {t.LastUsedAt?.ToString("u") ?? "never"}");
        return 0;
    }

    private async Task<int> TokenRevoke(Options o, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var id = o.Int("id") ?? throw new UsageException("--id is required.");
        await scope.ServiceProvider.GetRequiredService<ApiTokens>().Revoke(id, CancellationToken.None);
        output.WriteLine($"Revoked API token {id}.");
        return 0;
    }
}

public sealed class UsageException(string message) : Exception(message);
