using Microsoft.EntityFrameworkCore;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Web.Cli;

/// <summary>
/// <c>sori import-mail MAILBOX PATH</c>: every message of an .eml file, an mbox file or a folder of
/// them goes through the same pipeline as live mail. Each message commits on its own and is
/// deduplicated, so an interrupted import can simply be run again.
/// </summary>
public static class MailImport
{
    public static async Task<int> RunAsync(IServiceProvider services, string mailboxRef, string path, TextWriter output)
    {
        var mailbox = await FindMailbox(services, mailboxRef);
        var files = File.Exists(path) ? [path]
            : Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : throw new UsageException($"'{path}' is neither a file nor a folder.");
        var counts = Enum.GetValues<InboundOutcome>().ToDictionary(o => o, _ => 0);
        var failed = 0;
        foreach (var file in files)
        {
            var index = 0;
            foreach (var raw in Messages(file))
            {
                index++;
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<IngestEmail>().Handle(mailbox, raw, CancellationToken.None);
                    counts[result.Outcome]++;
                }
                catch (ValidationException e)
                {
                    failed++;
                    output.WriteLine($"{file} #{index}: skipped ({string.Join("; ", e.Errors.Select(p => $"{p.Key} {string.Join(" ", p.Value)}"))})");
                }
            }
        }
        output.WriteLine($"Imported into {mailbox.Address}: " + string.Join(", ", counts.Select(c => $"{c.Value} {TicketStatusRules.ToWire(c.Key)}"))
                         + $"; {failed} skipped.");
        return failed == 0 ? 0 : 1;
    }

    private static IEnumerable<byte[]> Messages(string file)
    {
        if (!IsMbox(file)) return [File.ReadAllBytes(file)];
        return ReadMbox(file);
    }

    private static IEnumerable<byte[]> ReadMbox(string file)
    {
        using var stream = File.OpenRead(file);
        foreach (var raw in Mbox.Messages(stream)) yield return raw;
    }

    private static bool IsMbox(string file)
    {
        using var stream = File.OpenRead(file);
        var head = new byte[5];
        return Mbox.LooksLikeMbox(head.AsSpan(0, stream.Read(head)));
    }

    private static async Task<Mailbox> FindMailbox(IServiceProvider services, string mailboxRef)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var address = mailboxRef.Trim().ToLowerInvariant();
        var mailbox = long.TryParse(mailboxRef, out var id)
            ? await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id)
            : await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(m => m.Address == address);
        return mailbox ?? throw new NotFoundException("Mailbox", mailboxRef);
    }
}
