using Microsoft.EntityFrameworkCore;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Web.Cli;

/// <summary>
/// Realistic demo data for trying the desk: Korean and English customers, agents in three teams,
/// and tickets across channels and states with replies and notes. Runs through the same use
/// cases as the API, so the timeline and outbox look exactly as in real use.
/// </summary>
public static class DemoData
{
    public const string AgentPassword = "sori-demo-1234";

    private static readonly (string Name, string Email, string Role, string Lang)[] Agents =
    [
        ("박지훈", "jihoon@demo.sori.dev", Roles.Lead, "ko"),
        ("이서연", "seoyeon@demo.sori.dev", Roles.Agent, "ko"),
        ("최민준", "minjun@demo.sori.dev", Roles.Agent, "ko"),
        ("Emily Carter", "emily@demo.sori.dev", Roles.Agent, "en"),
    ];

    private static readonly string[] Teams = ["배송팀 Delivery", "결제팀 Billing", "기술지원 Tech support"];

    private static readonly (string Name, string Email, string Lang)[] Customers =
    [
        ("김민지", "minji.kim@example.kr", "ko"), ("이준호", "junho.lee@example.kr", "ko"), ("박서윤", "seoyun@example.co.kr", "ko"),
        ("정하늘", "haneul.jung@example.kr", "ko"), ("최유진", "yujin.choi@example.com", "ko"), ("강도현", "dohyun@example.kr", "ko"),
        ("Sarah Johnson", "sarah.j@example.com", "en"), ("Michael Brown", "mbrown@example.org", "en"), ("Aiko Tanaka", "aiko@example.jp", "en"),
    ];

    private static readonly (string Subject, string Body, string Tag, int Team)[] Topics =
    [
        ("배송이 아직 안 왔어요", "지난주 월요일에 주문했는데 아직 배송 조회가 안 됩니다. 언제 받을 수 있을까요?", "배송", 0),
        ("환불 요청드립니다", "사이즈가 맞지 않아 환불을 요청합니다. 주문번호는 20261102-4471 입니다.", "환불", 1),
        ("교환 가능한가요?", "색상이 사진과 달라서 다른 색으로 교환하고 싶습니다.", "교환", 0),
        ("결제가 두 번 되었어요", "카드 결제가 두 번 승인되었습니다. 확인 부탁드립니다.", "결제", 1),
        ("쿠폰이 적용되지 않아요", "회원가입 쿠폰이 결제 단계에서 적용되지 않습니다.", "쿠폰", 1),
        ("앱 로그인이 안 됩니다", "비밀번호를 재설정했는데도 앱에서 로그인이 되지 않아요.", "로그인", 2),
        ("Where is my order?", "I ordered a jacket ten days ago and the tracking page still shows nothing.", "shipping", 0),
        ("Refund for a damaged item", "The mug arrived broken. I would like a refund, photos attached on request.", "refund", 1),
        ("Cannot change my address", "The checkout page will not save my new shipping address.", "account", 2),
    ];

    private static readonly string[] Channels = ["email", "chat", "web_form", "phone", "messenger", "api"];

    public static async Task<int> SeedAsync(IServiceProvider services, int tickets, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SoriDbContext>();
        var agents = await EnsureAgentsAsync(sp, db);
        var teams = await EnsureTeamsAsync(db, agents, sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var random = new Random(20261123);
        for (var i = 0; i < tickets; i++)
        {
            await using var inner = services.CreateAsyncScope();
            await CreateOneAsync(inner.ServiceProvider, random, agents, teams);
        }
        output.WriteLine($"Demo data: {agents.Count} agents (password '{AgentPassword}'), {teams.Count} teams, {tickets} tickets.");
        return 0;
    }

    private static async Task CreateOneAsync(IServiceProvider sp, Random random, IReadOnlyList<Agent> agents, IReadOnlyList<Team> teams)
    {
        var customer = Customers[random.Next(Customers.Length)];
        var topic = Topics.Where(t => IsKorean(t.Subject) == (customer.Lang == "ko")).ElementAt(random.Next(customer.Lang == "ko" ? 6 : 3));
        var system = Actor.System with { Name = "demo" };
        var ticket = await sp.GetRequiredService<CreateTicket>().Handle(new CreateTicketRequest(
            topic.Subject, topic.Body, null, new RequesterInput(null, customer.Name, customer.Email, null, customer.Lang),
            Channel: Channels[random.Next(Channels.Length)], Priority: random.Next(10) switch { 0 => "urgent", < 3 => "high", < 9 => "normal", _ => "low" },
            Tags: [topic.Tag], TeamId: teams[topic.Team].Id), system, CancellationToken.None);

        var stage = random.Next(5);
        if (stage == 0) return; // stays new and unassigned
        var agent = agents[random.Next(agents.Count)];
        var actor = new Actor(ActorKind.Agent, agent.Id, agent.DisplayName, agent.Role);
        await sp.GetRequiredService<UpdateTicket>().Handle(ticket.Id, new UpdateTicketRequest { AssigneeId = agent.Id }, actor, CancellationToken.None);
        var add = sp.GetRequiredService<AddMessage>();
        if (random.Next(3) == 0)
            await add.Handle(ticket.Id, new AddMessageRequest(customer.Lang == "ko" ? "VIP 고객입니다. 우선 처리 부탁드려요." : "Repeat customer, please prioritise.", null, Visibility: "internal"), actor, CancellationToken.None);
        if (stage == 1) return; // open, assigned
        var reply = customer.Lang == "ko"
            ? $"{customer.Name}님, 안녕하세요. 문의 주셔서 감사합니다. 확인 후 바로 안내드리겠습니다."
            : $"Hello {customer.Name}, thank you for reaching out. We are looking into it and will update you shortly.";
        var status = stage switch { 2 => "pending", 3 => "solved", _ => "on_hold" };
        await add.Handle(ticket.Id, new AddMessageRequest(reply, null, Status: status), actor, CancellationToken.None);
        if (stage == 3 && random.Next(2) == 0)
            await sp.GetRequiredService<UpdateTicket>().Handle(ticket.Id, new UpdateTicketRequest { Status = "closed" }, actor, CancellationToken.None);
    }

    private static async Task<List<Agent>> EnsureAgentsAsync(IServiceProvider sp, SoriDbContext db)
    {
        var create = sp.GetRequiredService<CreateAgent>();
        foreach (var (name, email, role, lang) in Agents)
            if (!await db.Agents.AnyAsync(a => a.Email == email))
                await create.Handle(new CreateAgentRequest(email, name, AgentPassword, role, lang), CancellationToken.None);
        var emails = Agents.Select(a => a.Email).ToList();
        return await db.Agents.Where(a => emails.Contains(a.Email!)).OrderBy(a => a.Id).ToListAsync();
    }

    private static async Task<List<Team>> EnsureTeamsAsync(SoriDbContext db, IReadOnlyList<Agent> agents, DateTime now)
    {
        foreach (var (name, i) in Teams.Select((n, i) => (n, i)))
        {
            if (await db.Teams.AnyAsync(t => t.Name == name)) continue;
            var team = new Team(name, now);
            team.Members.Add(new TeamMember(agents[i % agents.Count].Id));
            team.Members.Add(new TeamMember(agents[(i + 1) % agents.Count].Id));
            db.Teams.Add(team);
        }
        await db.SaveChangesAsync();
        return await db.Teams.Where(t => Teams.Contains(t.Name)).OrderBy(t => t.Id).ToListAsync();
    }

    private static bool IsKorean(string s) => s.Any(c => c is >= '\uAC00' and <= '\uD7A3');
}
