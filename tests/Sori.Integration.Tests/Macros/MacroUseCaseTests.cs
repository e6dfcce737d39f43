using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Macros;
using Sori.Core.Tickets;
using Sori.Integration.Tests.Support;
using Sori.Testing;

namespace Sori.Integration.Tests.Macros;

public sealed class MacroUseCaseTests_Sqlite(SqliteDatabase db) : MacroUseCaseTests(db), IClassFixture<SqliteDatabase>;
public sealed class MacroUseCaseTests_Postgres(PostgresDatabase db) : MacroUseCaseTests(db), IClassFixture<PostgresDatabase>;

public abstract class MacroUseCaseTests(TestDatabase database) : UseCaseTest(database)
{
    private static readonly Dictionary<string, string?> RefundBodies = new()
    {
        ["ko"] = "{{customer.name}}님, 안녕하세요. #{{ticket.number}} 환불을 접수했습니다. - {{agent.name}}, {{desk.name}}",
        ["en"] = "Hi {{ customer.name | there }}, we refunded #{{ticket.number}} ({{ticket.subject}}). - {{agent.name}}",
    };

    private Task<Macro> Create(Actor actor, string? scope = null, IReadOnlyDictionary<string, string?>? bodies = null,
        MacroActionsInput? actions = null, long? teamId = null, string? title = null) =>
        Use<CreateMacro, Macro>(c => c.Handle(new CreateMacroRequest(title ?? "환불 안내 " + Unique(), scope, teamId, bodies ?? RefundBodies, actions), actor, default));

    private Task<AppliedMacro> Apply(long macroId, long ticketId, Actor actor, string? body = null, string? visibility = null) =>
        Use<ApplyMacro, AppliedMacro>(a => a.Handle(macroId, new ApplyMacroRequest(ticketId, body, visibility), actor, default));

    [Fact]
    public async Task ApplyMacro_Reply_FillsPlaceholdersInTheCustomersLanguageAndAppliesEveryActionThroughTheTicket()
    {
        var team = await NewTeam();
        var agent = await NewAgent();
        var admin = await NewAgent(Roles.Admin);
        var tag = "refund-" + Unique();
        var macro = await Create(admin, "shared", actions: new MacroActionsInput("solved", "high", [tag, "VIP"], ["needs-info"], "me", team.ToString()));
        var ticket = await CreateTicket("en", "Jane Doe", tags: ["needs-info"], subject: "Broken lamp");

        var applied = await Apply(macro.Id, ticket.Id, agent);

        Assert.Equal($"Hi Jane Doe, we refunded #{ticket.Number} (Broken lamp). - {agent.Name}", applied.Message!.BodyText);
        Assert.Equal("en", applied.Macro.Language);
        var stored = await Db(db => db.Tickets.Include(t => t.Tags).SingleAsync(t => t.Id == ticket.Id));
        Assert.Equal(TicketStatus.Solved, stored.Status);
        Assert.Equal(TicketPriority.High, stored.Priority);
        Assert.Equal(agent.AgentId, stored.AssigneeId);
        Assert.Equal(team, stored.TeamId);
        Assert.Equal([tag, "vip"], stored.TagNames.Order());
        Assert.NotNull(stored.FirstResponseAt);
        var events = await Db(db => db.TicketEvents.Where(e => e.TicketId == ticket.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Contains(events, e => e.Kind == "assigned" && e.NewValue == agent.AgentId.ToString() && e.ActorId == agent.AgentId);
        Assert.Contains(events, e => e.Kind == "tag_removed" && e.OldValue == "needs-info");
        Assert.Contains(events, e => e.Kind == "status_changed" && e.NewValue == "solved");
        var macroEntry = events.Single(e => e.Kind == "macro_applied");
        Assert.Equal((macro.Id.ToString(), macro.Title, agent.AgentId), (macroEntry.OldValue, macroEntry.NewValue, macroEntry.ActorId));
        Assert.True(events.IndexOf(macroEntry) < events.FindIndex(e => e.Kind == "assigned"), "the macro's entry comes before its changes");
        var outbox = await Db(db => db.OutboxMessages.Where(o => o.Payload.Contains($"\"ticketId\":{ticket.Id},")).Select(o => o.Type).ToListAsync());
        Assert.Contains("ticket.solved", outbox);
        Assert.Contains("message.created", outbox);
        Assert.Equal(1, await Db(db => db.Macros.Where(m => m.Id == macro.Id).Select(m => m.UsageCount).SingleAsync()));
    }

    [Theory]
    [InlineData(null, "ko")]
    [InlineData("ko", "ko")]
    public async Task PreviewMacro_KoreanOrUnknownLanguage_UsesTheKoreanBody(string? language, string expected)
    {
        var agent = await NewAgent();
        var macro = await Create(agent);
        var ticket = await CreateTicket(language);

        var preview = await Use<PreviewMacro, MacroPreview>(p => p.Handle(macro.Id, ticket.Id, agent, default));

        Assert.Equal(expected, preview.Language);
        Assert.Equal($"김민지님, 안녕하세요. #{ticket.Number} 환불을 접수했습니다. - {agent.Name}, Sori", preview.Body);
    }

    [Fact]
    public async Task PreviewMacro_OnlyEnglishBody_IsUsedForAKoreanCustomer()
    {
        var agent = await NewAgent();
        var macro = await Create(agent, bodies: new Dictionary<string, string?> { ["en"] = "Hello {{customer.name}}" });
        var preview = await Use<PreviewMacro, MacroPreview>(async p => await p.Handle(macro.Id, (await CreateTicket("ko")).Id, agent, default));
        Assert.Equal(("en", "Hello 김민지"), (preview.Language, preview.Body));
    }

    [Fact]
    public async Task PreviewMacro_HostileBodyAndValues_AreEscapedInTheHtml()
    {
        var agent = await NewAgent();
        var macro = await Create(agent, bodies: new Dictionary<string, string?> { ["ko"] = "<script>alert(1)</script>\n{{customer.name}} & <b>굵게</b>" });
        var ticket = await CreateTicket(name: "Tom & Jerry <3");

        var preview = await Use<PreviewMacro, MacroPreview>(p => p.Handle(macro.Id, ticket.Id, agent, default));

        Assert.Equal("<script>alert(1)</script>\nTom & Jerry <3 & <b>굵게</b>", preview.Body);
        Assert.Equal("<div>&lt;script&gt;alert(1)&lt;/script&gt;<br>Tom &amp; Jerry &lt;3 &amp; &lt;b&gt;굵게&lt;/b&gt;</div>", preview.BodyHtml);
    }

    [Fact]
    public async Task ApplyMacro_EditedBodyAsNote_IsTakenAsItIsAndStatusStillApplies()
    {
        var agent = await NewAgent();
        var macro = await Create(agent, actions: new MacroActionsInput(Status: "pending"));
        var ticket = await CreateTicket();

        var applied = await Apply(macro.Id, ticket.Id, agent, body: "직접 고친 {{customer.name}} 메모", visibility: "internal");

        Assert.Equal(MessageVisibility.Internal, applied.Message!.Visibility);
        Assert.Equal("직접 고친 {{customer.name}} 메모", applied.Message.BodyText);
        Assert.Equal(TicketStatus.Pending, (await Db(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id))).Status);
    }

    [Fact]
    public async Task ApplyMacro_ActionsOnly_AddsNoMessage()
    {
        var agent = await NewAgent();
        var macro = await Create(agent, bodies: new Dictionary<string, string?>(), actions: new MacroActionsInput(Priority: "urgent", AddTags: ["escalated"]));
        var ticket = await CreateTicket();

        var applied = await Apply(macro.Id, ticket.Id, agent);

        Assert.Null(applied.Message);
        Assert.Equal(1, await Db(db => db.Messages.CountAsync(m => m.TicketId == ticket.Id)));
        Assert.Equal(TicketPriority.Urgent, (await Db(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id))).Priority);
        await Assert.ThrowsAsync<ValidationException>(() => Apply(macro.Id, ticket.Id, agent, visibility: "public"));
    }

    [Fact]
    public async Task ApplyMacro_StatusTheTicketCannotMoveTo_ConflictAndNothingWritten()
    {
        var agent = await NewAgent();
        var solve = await Create(agent, bodies: new Dictionary<string, string?>(), actions: new MacroActionsInput(Status: "solved"));
        var pending = await Create(agent, actions: new MacroActionsInput(Status: "pending", AddTags: ["waiting"]));
        var ticket = await CreateTicket();
        await Apply(solve.Id, ticket.Id, agent);
        var before = await Db(db => db.TicketEvents.CountAsync(e => e.TicketId == ticket.Id));

        await Assert.ThrowsAsync<ConflictException>(() => Apply(pending.Id, ticket.Id, agent));

        Assert.Equal(before, await Db(db => db.TicketEvents.CountAsync(e => e.TicketId == ticket.Id)));
        Assert.Equal(1, await Db(db => db.Messages.CountAsync(m => m.TicketId == ticket.Id)));
        Assert.Empty(await Db(db => db.TicketTags.Where(t => t.TicketId == ticket.Id).ToListAsync()));
        Assert.Equal(0, await Db(db => db.Macros.Where(m => m.Id == pending.Id).Select(m => m.UsageCount).SingleAsync()));
    }

    [Fact]
    public async Task ApplyMacro_ThatClosesASolvedTicket_Closes()
    {
        var agent = await NewAgent();
        var solve = await Create(agent, bodies: new Dictionary<string, string?>(), actions: new MacroActionsInput(Status: "solved"));
        var close = await Create(agent, bodies: new Dictionary<string, string?>(), actions: new MacroActionsInput(Status: "closed"));
        var ticket = await CreateTicket();
        await Apply(solve.Id, ticket.Id, agent);

        await Apply(close.Id, ticket.Id, agent);

        Assert.Equal(TicketStatus.Closed, (await Db(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id))).Status);
        await Assert.ThrowsAsync<ConflictException>(() => Apply(solve.Id, ticket.Id, agent));
    }

    [Fact]
    public async Task ApplyMacro_AssignToMeByAnApiToken_NamesTheAction()
    {
        var macro = await Create(Token(admin: true), "shared", actions: new MacroActionsInput(Assignee: "me"));
        var e = await Assert.ThrowsAsync<ValidationException>(async () => await Apply(macro.Id, (await CreateTicket()).Id, Token()));
        Assert.Contains("actions.assignee", e.Errors.Keys);
    }

    [Fact]
    public async Task CreateMacro_BadInput_NamesEveryFieldAndStoresNothing()
    {
        var agent = await NewAgent();
        var before = await Db(db => db.Macros.CountAsync());
        var e = await Assert.ThrowsAsync<ValidationException>(() => Use<CreateMacro, Macro>(c => c.Handle(new CreateMacroRequest(
            "<b>제목</b>", "team", null,
            new Dictionary<string, string?> { ["ko"] = "{{customer.nmae}}님", ["en"] = new string('x', MacroInputs.BodyMaxLength + 1), ["fr"] = "Bonjour" },
            new MacroActionsInput("finished", "asap", ["a,b"], null, "someone", "999999")), agent, default)));

        Assert.Equal(["actions.addTags", "actions.assignee", "actions.priority", "actions.status", "actions.team", "bodies", "bodies.en", "bodies.ko", "scope", "title"],
            e.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("{{customer.nmae}}", e.Errors["bodies.ko"][0]);
        Assert.Equal(before, await Db(db => db.Macros.CountAsync()));
    }

    [Fact]
    public async Task CreateMacro_NeitherBodyNorAction_IsRefused()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(async () => await Create(await NewAgent(), bodies: new Dictionary<string, string?> { ["ko"] = "  " }));
        Assert.Contains("bodies", e.Errors.Keys);
    }

    [Fact]
    public async Task SharedMacros_OnlyAdminsManageThem_PersonalOnesOnlyTheirOwner()
    {
        var admin = await NewAgent(Roles.Admin);
        var owner = await NewAgent();
        var other = await NewAgent();
        await Assert.ThrowsAsync<ForbiddenException>(() => Create(owner, "shared"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Create(Token(admin: false), "shared"));
        var personalByToken = await Assert.ThrowsAsync<ValidationException>(() => Create(Token(admin: true)));
        Assert.Contains("scope", personalByToken.Errors.Keys);
        var shared = await Create(admin, "shared");
        var mine = await Create(owner);

        await Assert.ThrowsAsync<ForbiddenException>(() => Use<UpdateMacro, Macro>(u => u.Handle(shared.Id, new UpdateMacroRequest { Title = "x" }, owner, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => Use<UpdateMacro, Macro>(u => u.Handle(mine.Id, new UpdateMacroRequest { Title = "x" }, other, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => Use<UpdateMacro, Macro>(u => u.Handle(mine.Id, new UpdateMacroRequest { Title = "x" }, admin, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => Use<DeleteMacro, bool>(async d => { await d.Handle(mine.Id, other, default); return true; }));
        await Assert.ThrowsAsync<NotFoundException>(async () => await Apply(mine.Id, (await CreateTicket()).Id, other));

        var renamed = await Use<UpdateMacro, Macro>(u => u.Handle(mine.Id, new UpdateMacroRequest { Title = "  새 제목 " }, owner, default));
        Assert.Equal("새 제목", renamed.Title);
        Assert.Equal(RefundBodies["ko"], renamed.Bodies["ko"]);
        await Use<DeleteMacro, bool>(async d => { await d.Handle(shared.Id, admin, default); return true; });
        Assert.False(await Db(db => db.Macros.AnyAsync(m => m.Id == shared.Id)));
    }

    [Fact]
    public async Task ListMacros_ShowsSharedForEveryoneOrMyTeamAndMyOwn_MostUsedFirst()
    {
        var myTeam = await NewTeam();
        var otherTeam = await NewTeam();
        var admin = await NewAgent(Roles.Admin);
        var me = await NewAgent(teamId: myTeam);
        var colleague = await NewAgent();
        var word = Unique();
        var everyone = await Create(admin, "shared", title: $"{word} 모두");
        var forMyTeam = await Create(admin, "shared", teamId: myTeam, title: $"{word} 우리 팀");
        var forOtherTeam = await Create(admin, "shared", teamId: otherTeam, title: $"{word} 다른 팀");
        var mine = await Create(me, title: $"{word} 내 것");
        var theirs = await Create(colleague, title: $"{word} 남의 것");
        await Apply(mine.Id, (await CreateTicket()).Id, me);

        var seen = await Use<ListMacros, IReadOnlyList<MacroView>>(l => l.Handle(new MacroQuery(Q: word), me, default));
        Assert.Equal([mine.Id, everyone.Id, forMyTeam.Id], seen.Select(m => m.Id)); // used first, then by title (모두 < 우리 팀)
        var byAdmin = await Use<ListMacros, IReadOnlyList<MacroView>>(l => l.Handle(new MacroQuery(Q: word), admin, default));
        Assert.Equal([forOtherTeam.Id, forMyTeam.Id, everyone.Id], byAdmin.Select(m => m.Id).Order().Reverse());
        var byToken = await Use<ListMacros, IReadOnlyList<MacroView>>(l => l.Handle(new MacroQuery(MacroView.Shared, word), Token(), default));
        Assert.Equal([everyone.Id], byToken.Select(m => m.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Use<ListMacros, MacroView>(l => l.Get(forOtherTeam.Id, me, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => Use<ListMacros, MacroView>(l => l.Get(theirs.Id, me, default)));
        var personal = await Use<ListMacros, IReadOnlyList<MacroView>>(l => l.Handle(new MacroQuery(MacroView.Personal, "내 것 " + word), me, default));
        Assert.Equal([mine.Id], personal.Select(m => m.Id));
    }

    [Fact]
    public async Task ApplyMacro_UnknownTicketOrMacro_NotFound()
    {
        var agent = await NewAgent();
        var macro = await Create(agent);
        await Assert.ThrowsAsync<NotFoundException>(() => Apply(macro.Id, 987_654_321, agent));
        await Assert.ThrowsAsync<NotFoundException>(async () => await Apply(987_654_321, (await CreateTicket()).Id, agent));
    }
}
