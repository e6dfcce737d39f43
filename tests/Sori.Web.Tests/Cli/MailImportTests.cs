using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Channels.Email;
using Sori.Core.Conversations;
using Sori.Core.Data;
using Sori.Testing;
using Sori.Web.Cli;

namespace Sori.Web.Tests.Cli;

/// <summary>`sori import-mail`, run in-process against a real SQLite file.</summary>
public sealed class MailImportTests : IAsyncLifetime
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

    private async Task<T> Db<T>(Func<SoriDbContext, Task<T>> query)
    {
        await using var sp = _db.CreateServices();
        await using var scope = sp.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SoriDbContext>());
    }

    private async Task<Mailbox> NewMailbox()
    {
        await using var sp = _db.CreateServices();
        await using var scope = sp.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CreateMailbox>().Handle(new CreateMailboxRequest("CS", "cs@shop.example.kr"), default);
    }

    [Fact]
    public async Task ImportMail_FolderOfEmlAndMbox_ImportsEveryMessage_AndARepeatOnlyFindsDuplicates()
    {
        await NewMailbox();
        var dir = Directory.CreateTempSubdirectory("sori-mail-").FullName;
        var mail = (string id, string subject) => $"From: 김민지 <minji@example.kr>\nSubject: {subject}\nMessage-ID: <{id}@example.kr>\n\n본문 {subject}\n";
        await File.WriteAllTextAsync(Path.Combine(dir, "one.eml"), mail("one", "환불"), new UTF8Encoding(false));
        await File.WriteAllTextAsync(Path.Combine(dir, "inbox.mbox"),
            "From minji@example.kr Mon Mar  2 09:00:00 2026\n" + mail("two", "배송") + "\nFrom minji@example.kr Mon Mar  2 09:01:00 2026\n" + mail("three", "교환") + "\n", new UTF8Encoding(false));

        var first = await Run("import-mail", "cs@shop.example.kr", dir);
        Assert.True(first.Code == 0, first.Out + first.Err);
        Assert.True(first.Out.Contains("3 new"), first.Out + "|" + first.Err);
        var again = await Run("import-mail", "CS@shop.example.kr", dir);
        Assert.Contains("3 duplicate", again.Out);
        Assert.Equal(["교환", "배송", "환불"], await Db(db => db.Tickets.Select(t => t.Subject).OrderBy(s => s).ToListAsync()));
    }

    [Fact]
    public async Task ImportMail_WholeSharedCorpus_ImportsWithoutAFailure()
    {
        var mailbox = await NewMailbox();
        var (code, output, error) = await Run("import-mail", mailbox.Id.ToString(), TestData.EmailCorpusDirectory);
        Assert.True(code == 0, output + error);
        Assert.DoesNotContain("skipped (", output);
        Assert.True(await Db(db => db.MessageEnvelopes.CountAsync()) > 250);
    }

    [Fact]
    public async Task ImportMail_BadArguments_ExitWithUsageOrNotFound()
    {
        Assert.Equal(2, (await Run("import-mail")).Code);
        Assert.Equal(2, (await Run("import-mail", "cs@shop.example.kr")).Code);
        Assert.Equal(1, (await Run("import-mail", "nobody@shop.example.kr", "/tmp")).Code);
        await NewMailbox();
        Assert.Equal(2, (await Run("import-mail", "cs@shop.example.kr", "/no/such/path")).Code);
    }
}
