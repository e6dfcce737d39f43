using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Channels.Email;
using Sori.Core.Conversations;
using Sori.Core.Data;
using Sori.Testing;
using Sori.Web.Cli;

namespace Sori.Web.Tests.Cli;

public sealed class MailImportTests_Sqlite() : MailImportTests(new SqliteDatabase());
public sealed class MailImportTests_Postgres() : MailImportTests(new PostgresDatabase());

/// <summary>`sori import-mail`, run in-process against a real database.</summary>
public abstract class MailImportTests(TestDatabase db) : IAsyncLifetime
{
    private readonly TestDatabase _db = db;

    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await new CommandLine(stdout, stderr).RunAsync(
            [.. args, $"--Sori:DataDirectory={_db.DataDirectory}", $"--Sori:Database:Provider={_db.Provider}",
             $"--Sori:Database:ConnectionString={_db.ConnectionString}"]);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<T> Db<T>(Func<SoriDbContext, Task<T>> query)
    {
        await using var sp = _db.CreateServices();
        await using var scope = sp.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SoriDbContext>());
    }

    /// <summary>A folder for the mail to import, removed with the test's database folder.</summary>
    private string MailFolder() => Directory.CreateDirectory(Path.Combine(_db.DataDirectory, "mail-to-import")).FullName;

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
        var dir = MailFolder();
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
    public async Task ImportMail_ALaterExportOfTheSameMailbox_AddsOnlyTheNewMail_WhereverAMessageSitsInTheFile()
    {
        await NewMailbox();
        var dir = MailFolder();
        var entry = (string id, string subject) =>
            $"From minji@example.kr Mon Mar  2 09:00:00 2026\nFrom: 김민지 <minji@example.kr>\nSubject: {subject}\nMessage-ID: <{id}@example.kr>\n\n본문 {subject}\n\n";
        var march = Path.Combine(dir, "march.mbox");
        var april = Path.Combine(dir, "april.mbox");
        // The last message of March's export sits in the middle of April's.
        await File.WriteAllTextAsync(march, entry("m1", "환불") + entry("m2", "배송"), new UTF8Encoding(false));
        await File.WriteAllTextAsync(april, entry("m1", "환불") + entry("m2", "배송") + entry("m3", "교환"), new UTF8Encoding(false));

        Assert.Contains("2 new", (await Run("import-mail", "cs@shop.example.kr", march)).Out);
        var later = await Run("import-mail", "cs@shop.example.kr", april);

        Assert.True(later.Code == 0, later.Out + later.Err);
        Assert.Contains("1 new, 0 threaded, 2 duplicate", later.Out);
        Assert.Equal(["교환", "배송", "환불"], await Db(db => db.Tickets.Select(t => t.Subject).OrderBy(s => s).ToListAsync()));
    }

    [Fact]
    public async Task ImportMail_ThreadsInOneMbox_InParallel_AnswersJoinTheirTickets_AndNothingIsDoubled()
    {
        await NewMailbox();
        // 40 conversations, each an original and two answers right behind it, plus every 10th original repeated.
        var mbox = new StringBuilder();
        void Add(string id, string from, string subject, string? answers, string? references)
        {
            mbox.Append($"From {from} Mon Mar  2 09:00:00 2026\nFrom: {from}\nSubject: {subject}\nMessage-ID: <{id}@example.kr>\n");
            if (answers is not null) mbox.Append($"In-Reply-To: <{answers}@example.kr>\nReferences: {references}\n");
            mbox.Append($"\n{subject} 본문 {id}\n\n");
        }
        for (var i = 0; i < 40; i++)
        {
            var from = $"customer{i % 15}@example.kr";
            Add($"t{i}", from, $"문의 {i}", null, null);
            Add($"t{i}-a", from, $"Re: 문의 {i}", $"t{i}", $"<t{i}@example.kr>");
            Add($"t{i}-b", from, $"Re: 문의 {i}", $"t{i}-a", $"<t{i}@example.kr> <t{i}-a@example.kr>");
            if (i % 10 == 0) Add($"t{i}", from, $"문의 {i}", null, null);
        }
        var file = Path.Combine(MailFolder(), "threads.mbox");
        await File.WriteAllTextAsync(file, mbox.ToString(), new UTF8Encoding(false));

        var run = await Run("import-mail", "cs@shop.example.kr", file, "--parallel", "32");
        Assert.True(run.Code == 0, run.Out + run.Err);
        Assert.Contains("40 new, 80 threaded, 4 duplicate", run.Out);
        var perTicket = await Db(db => db.Tickets.Select(t => db.Messages.Count(m => m.TicketId == t.Id)).ToListAsync());
        Assert.Equal(40, perTicket.Count);
        Assert.All(perTicket, n => Assert.Equal(3, n));
        Assert.Equal(15, await Db(db => db.Customers.CountAsync()));
        Assert.Contains("124 duplicate", (await Run("import-mail", "cs@shop.example.kr", file)).Out);
        Assert.Equal(2, (await Run("import-mail", "cs@shop.example.kr", file, "--parallel", "0")).Code);
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
