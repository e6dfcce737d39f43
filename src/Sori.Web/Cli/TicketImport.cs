using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Sori.Core.Common;
using Sori.Core.Tickets;

namespace Sori.Web.Cli;

/// <summary>
/// Imports tickets from JSON lines, each the body of <c>POST /api/v1/tickets</c>. Lines that fail
/// validation are reported with their line number and skipped; the rest are created.
/// </summary>
public static class TicketImport
{
    public static async Task<int> RunAsync(IServiceProvider services, string file, TextWriter output)
    {
        if (!File.Exists(file)) throw new UsageException($"file '{file}' does not exist.");
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var actor = Actor.System with { Name = "import" };
        int line = 0, created = 0, failed = 0;
        foreach (var text in File.ReadLines(file))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                var request = JsonSerializer.Deserialize<CreateTicketRequest>(text, json) ?? throw new JsonException("empty line");
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CreateTicket>().Handle(request, actor, CancellationToken.None);
                created++;
            }
            catch (Exception e) when (e is JsonException or ValidationException or ConflictException)
            {
                failed++;
                var why = e is ValidationException v ? string.Join("; ", v.Errors.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}")) : e.Message;
                output.WriteLine($"line {line}: skipped ({why})");
            }
        }
        output.WriteLine($"Imported {created} tickets; {failed} lines skipped.");
        return failed == 0 ? 0 : 1;
    }
}
