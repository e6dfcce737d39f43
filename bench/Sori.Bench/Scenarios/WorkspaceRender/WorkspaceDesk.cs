using System.Net.Http.Json;
using System.Text.Json;

namespace Sori.Bench.Scenarios.WorkspaceRender;

/// <summary>
/// What a signed-in admin sets up through Sori's own API on top of the bulk-loaded tickets: agents
/// and teams (the pages list them), one ticket with a long conversation, and two personal saved
/// views the inbox counts (open and urgent; a tag on ten tickets).
/// </summary>
public sealed class WorkspaceDesk
{
    public const string AdminEmail = "bench-admin@sori.bench";
    public const string AdminPassword = "bench-password-123";

    public required string Cookie { get; init; }
    public required long LongTicketId { get; init; }
    public required int Messages { get; init; }

    public static async Task<WorkspaceDesk> CreateAsync(Uri root, int tickets, int messages, int agents, Action<string> progress, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = root };
        var login = await http.PostAsJsonAsync("api/v1/auth/login", new { email = AdminEmail, password = AdminPassword }, ct);
        login.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        http.DefaultRequestHeaders.Add("Cookie", cookie);

        var agentIds = new List<long>();
        for (var i = 0; i < agents; i++)
            agentIds.Add(await IdOf(await http.PostAsJsonAsync("api/v1/agents",
                new { email = $"agent{i}@sori.bench", name = $"상담원 {i:00}", password = AdminPassword, role = i % 10 == 0 ? "Lead" : "Agent" }, ct), ct));
        foreach (var (name, n) in new[] { ("배송팀", 0), ("결제팀", 1), ("교환반품팀", 2), ("VIP", 3) })
            await IdOf(await http.PostAsJsonAsync("api/v1/teams", new { name, memberIds = agentIds.Where((_, i) => i % 4 == n).ToList() }, ct), ct);
        progress($"{agents} agents and 4 teams created");

        var ticketId = await IdOf(await http.PostAsJsonAsync("api/v1/tickets", new
        {
            subject = "주문한 니트가 두 번 결제되었어요", body = Body(0), channel = "email", tags = new[] { "결제", "중복결제" },
            requester = new { name = "김민지", email = "minji@example.kr", language = "ko" },
        }, ct), ct);
        for (var i = 1; i < messages; i++)
        {
            object message = (i % 10) switch
            {
                3 => new { body = Body(i), visibility = "internal" },
                _ when i % 2 == 1 => new { body = Body(i) },
                _ => new { body = Body(i), author = "customer" },
            };
            (await http.PostAsJsonAsync($"api/v1/tickets/{ticketId}/messages", message, ct)).EnsureSuccessStatusCode();
            if (i % 40 == 0)
                (await http.PatchAsJsonAsync($"api/v1/tickets/{ticketId}", new { assigneeId = agentIds[i / 40 % agentIds.Count], addTags = new[] { $"확인{i}" } }, ct)).EnsureSuccessStatusCode();
        }
        (await http.PostAsJsonAsync("api/v1/views", new { name = "진행 중 긴급", filters = new { status = new[] { "open" }, priority = new[] { "urgent" } } }, ct))
            .EnsureSuccessStatusCode();
        // A rare tag (10 tickets of the million) in a view: counted on every inbox render.
        for (var i = 1; i <= 10; i++)
            (await http.PatchAsJsonAsync($"api/v1/tickets/{(long)tickets * i / 11}", new { addTags = new[] { "vip" } }, ct)).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("api/v1/views", new { name = "VIP", filters = new { tag = "vip" } }, ct)).EnsureSuccessStatusCode();
        progress($"ticket {ticketId} with {messages} messages created");
        return new WorkspaceDesk { Cookie = cookie, LongTicketId = ticketId, Messages = messages };
    }

    private static async Task<long> IdOf(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    // Realistic lengths: a few lines of Korean, sometimes with an English order line.
    private static string Body(int i) => (i % 3) switch
    {
        0 => $"안녕하세요. 어제 주문한 니트(주문번호 2026-{1000 + i})가 카드에서 두 번 결제된 것 같아요.\n명세서를 확인해 보니 같은 금액이 두 번 찍혀 있습니다.\n한 건은 취소해 주실 수 있을까요?",
        1 => $"고객님, 불편을 드려 죄송합니다. 결제 내역을 확인해 보니 승인이 두 번 난 것이 맞습니다.\n중복 승인 건은 오늘 안으로 취소 요청하겠습니다. 카드사에 따라 환불까지 3~5영업일이 걸릴 수 있습니다.\n추가로 궁금하신 점이 있으시면 언제든 말씀해 주세요. (#{i})",
        _ => $"Order 2026-{1000 + i}: duplicate authorization confirmed with the PG. Refund request filed, reference R{i:0000}.\n결제팀 확인 완료, 고객 안내 필요.",
    };
}
