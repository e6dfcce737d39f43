using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Agents;
using Sori.Core.Attachments;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Macros;
using Sori.Core.Tickets;
using Sori.Infrastructure.Storage;
using Sori.Testing;

namespace Sori.Integration.Tests.Attachments;

public sealed class AttachmentUseCaseTests_Sqlite(SqliteDatabase db) : AttachmentUseCaseTests(db), IClassFixture<SqliteDatabase>;
public sealed class AttachmentUseCaseTests_Postgres(PostgresDatabase db) : AttachmentUseCaseTests(db), IClassFixture<PostgresDatabase>;

/// <summary>What the composer asks of the use cases: upload, take back, send with a macro, and which files are pictures.</summary>
public abstract class AttachmentUseCaseTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private ServiceProvider _services = null!;
    private Actor _agent = null!;
    private Actor _other = null!;

    public async Task InitializeAsync()
    {
        _services = database.CreateServices(s => s.AddSingleton<IAttachmentStore>(new DiskAttachmentStore(Path.Combine(database.DataDirectory, "attachments"))));
        _agent = await NewAgent("상담원");
        _other = await NewAgent("다른 상담원");
    }

    private async Task<Actor> NewAgent(string name)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var unique = Guid.NewGuid().ToString("N")[..10];
        var agent = new Agent { UserName = $"a{unique}@shop.kr", Email = $"a{unique}@shop.kr", DisplayName = name, Role = Roles.Agent, CreatedAt = DateTime.UtcNow };
        db.Agents.Add(agent);
        await db.SaveChangesAsync();
        return new Actor(ActorKind.Agent, agent.Id, name, Roles.Agent);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> Use<THandler, T>(Func<THandler, Task<T>> action) where THandler : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    private async Task<Attachment> Upload(Actor actor, string name, string type, byte[] bytes) =>
        (await Use<UploadAttachments, IReadOnlyList<Attachment>>(u => u.Handle([new UploadedFile(name, type, () => new MemoryStream(bytes))], actor, default)))[0];

    private Task<Ticket> NewTicket() =>
        Use<CreateTicket, Ticket>(c => c.Handle(new CreateTicketRequest("사진 문의", "사진 보내드려요", null,
            new RequesterInput(null, "고객", $"c{Guid.NewGuid():N}@example.kr", null, "ko")), Actor.System, default));

    [Fact]
    public async Task Discard_TakesBackOnlyMyUnsentUpload()
    {
        var mine = await Upload(_agent, "메모.txt", "text/plain", "메모"u8.ToArray());

        await Assert.ThrowsAsync<NotFoundException>(() => Use<DiscardUpload, bool>(async d => { await d.Handle(mine.Id, _other, default); return true; }));
        await Use<DiscardUpload, bool>(async d => { await d.Handle(mine.Id, _agent, default); return true; });
        await Assert.ThrowsAsync<NotFoundException>(() => Use<DiscardUpload, bool>(async d => { await d.Handle(mine.Id, _agent, default); return true; }));
        var ticket = await NewTicket();
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            Use<AddMessage, Message>(a => a.Handle(ticket.Id, new AddMessageRequest("첨부", null, AttachmentIds: [mine.Id]), _agent, default)));
        Assert.Equal(["attachmentIds"], refused.Errors.Keys);

        var sent = await Upload(_agent, "사진.png", "image/png", Png);
        await Use<AddMessage, Message>(a => a.Handle(ticket.Id, new AddMessageRequest("첨부", null, AttachmentIds: [sent.Id]), _agent, default));
        await Assert.ThrowsAsync<NotFoundException>(() => Use<DiscardUpload, bool>(async d => { await d.Handle(sent.Id, _agent, default); return true; }));
    }

    [Fact]
    public async Task MacroReply_CarriesTheComposersFiles_AnActionsOnlyMacroRefusesThem()
    {
        var ticket = await NewTicket();
        var macro = await Use<CreateMacro, Macro>(c => c.Handle(new CreateMacroRequest("사진 확인 " + Guid.NewGuid().ToString("N")[..6], null, null,
            new Dictionary<string, string?> { ["ko"] = "사진 확인했습니다." }, new MacroActionsInput("pending", null, null, null, null, null)), _agent, default));
        var file = await Upload(_agent, "안내.png", "image/png", Png);

        var applied = await Use<ApplyMacro, AppliedMacro>(a => a.Handle(macro.Id, new ApplyMacroRequest(ticket.Id, "사진 확인했습니다.", "public", [file.Id]), _agent, default));
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            Assert.Equal(applied.Message!.Id, (await db.Attachments.SingleAsync(a => a.Id == file.Id)).MessageId);
        }

        var other = await Upload(_agent, "둘째.png", "image/png", Png);
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            Use<ApplyMacro, AppliedMacro>(a => a.Handle(macro.Id, new ApplyMacroRequest(ticket.Id, null, "none", [other.Id]), _agent, default)));
        Assert.Equal(["attachmentIds"], refused.Errors.Keys);
        var someoneElses = await Upload(_other, "남의것.png", "image/png", Png);
        refused = await Assert.ThrowsAsync<ValidationException>(() =>
            Use<ApplyMacro, AppliedMacro>(a => a.Handle(macro.Id, new ApplyMacroRequest(ticket.Id, "본문", "internal", [someoneElses.Id]), _agent, default)));
        Assert.Equal(["attachmentIds"], refused.Errors.Keys);
    }

    [Fact]
    public async Task FindImages_GoesByTheBytes_NotTheNameOrTheClaimedType()
    {
        var ticket = await NewTicket();
        var real = await Upload(_agent, "scan", "application/octet-stream", Png);
        var fake = await Upload(_agent, "photo.png", "image/png", "<html><script>alert(1)</script></html>"u8.ToArray());
        var svg = await Upload(_agent, "logo.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray());
        var unsent = await Upload(_agent, "draft.png", "image/png", Png);
        await Use<AddMessage, Message>(a => a.Handle(ticket.Id, new AddMessageRequest("파일 세 개", null, AttachmentIds: [real.Id, fake.Id, svg.Id]), _agent, default));

        var images = await Use<FindImageAttachments, IReadOnlyDictionary<long, string>>(f => f.Handle([real.Id, fake.Id, svg.Id, unsent.Id], default));

        Assert.Equal(new Dictionary<long, string> { [real.Id] = "image/png" }, images);
    }
}
