using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using MailKit;
using MimeKit;
using Sori.Bench.Cli;
using Sori.Bench.Hosting;
using Sori.Bench.Reporting;
using Sori.Bench.Scenarios.TicketCreate;
using Sori.Core.Channels.Email;
using Sori.Infrastructure.Database;

namespace Sori.Bench.Scenarios.ImapLatency;

/// <summary>
/// End to end through IMAP: a message APPENDed to a throwaway Dovecot, until its ticket shows in
/// <c>GET /api/v1/tickets</c> of a published Sori polling the folder with IDLE (production settings).
/// Baseline, for the same messages: a bare MailKit client IDLEing on the same folder, until the
/// server tells it about the new message: the floor that the IMAP server's own notification sets.
/// </summary>
public sealed class ImapLatencyScenario : IScenario
{
    public static readonly OptionSpec SamplesOption = new("samples", "N", "messages appended one after another, each timed", "40");
    private const string Address = "help@shop.example.kr";

    public string Name => "imap-latency";
    public string Description => "APPEND on Dovecot → ticket visible through the API with IDLE, p95 vs a bare IDLE client";
    public IReadOnlyList<OptionSpec> Options => [SamplesOption, .. TicketCreateSettings.Specs.Where(o => o.Name is not ("idle" or "prime"))];

    public async Task<Report> RunAsync(ScenarioContext ctx)
    {
        var s = TicketCreateSettings.From(ctx.Options, ctx.RepoRoot);
        var samples = ctx.Options.Int("samples", 40);
        var runs = ctx.Options.Has("runs") ? s.Runs : 1;
        if (s.Build) await SoriServer.BuildAsync(ctx.RepoRoot, ctx.Progress, ctx.Cancel);
        if (!File.Exists(s.SoriDll)) throw new InvalidOperationException($"{s.SoriDll} not found: build it (drop --no-build) or pass --sori");
        using var dovecot = await Dovecot.StartAsync(ctx.Cancel);
        ctx.Progress($"Dovecot on 127.0.0.1:{dovecot.Port}");

        var report = new Report(Name);
        foreach (var provider in s.Providers)
        {
            var table = new Table("run", "samples", "Sori p50 ms", "Sori p95 ms", "Sori max ms", "bare IDLE p50 ms", "bare IDLE p95 ms", "Sori p95 − IDLE p95");
            report.Section($"{provider}: APPEND → ticket visible through the API").Table = table;
            var p95s = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var (sori, idle) = await RunOnceAsync(ctx, s, provider, dovecot, samples, $"{provider} run {run}/{runs}");
                p95s.Add(P(sori, 0.95));
                table.Add(run.ToString(), sori.Count.ToString(), Format.Ms(P(sori, 0.5)), Format.Ms(P(sori, 0.95)), Format.Ms(sori.Max()),
                    Format.Ms(P(idle, 0.5)), Format.Ms(P(idle, 0.95)), Format.Ms(P(sori, 0.95) - P(idle, 0.95)));
            }
            var p95 = Format.Median(p95s);
            report.Checks.Add(new Check($"{provider} APPEND → ticket visible, p95", "≤ 2,000 ms", Format.Ms(p95) + " ms", p95 <= 2000));
        }
        report.Notes.Add("Each sample: APPEND one new customer message (own connection), then read GET /api/v1/tickets?limit=5 every 10 ms until its subject shows; " +
                         "a pause of 0.2–0.8 s between samples. Sori runs with the default IMAP settings (IDLE up to 25 s), except that it discovers the new mailbox within 1 s.");
        return report;
    }

    private static async Task<(List<double> Sori, List<double> Idle)> RunOnceAsync(
        ScenarioContext ctx, TicketCreateSettings s, DatabaseProvider provider, Dovecot dovecot, int samples, string label)
    {
        var ct = ctx.Cancel;
        var folder = $"latency-{Guid.NewGuid():N}"[..20];
        using (var setup = await dovecot.ConnectAsync(ct))
            await setup.GetFolder(setup.PersonalNamespaces[0]).CreateAsync(folder, true, ct);
        await using var db = await SoriDatabase.CreateAsync(provider, s.Postgres, ct);
        var token = await db.IssueTokenAsync(ct);
        await db.CreateMailboxAsync(Address, new MailServerInput
        {
            Host = "127.0.0.1", Port = dovecot.Port, Tls = "none", Username = Dovecot.User, Password = dovecot.Password, Folder = folder,
        }, ct);
        var env = new Dictionary<string, string>(s.SoriEnv) { ["Sori__Imap__DiscoverInterval"] = "00:00:01" };
        var (sori, root, startUp) = await SoriServer.StartAsync(s.SoriDll, db, s.SoriInDataDirectory, env, ct);
        try
        {
            ctx.Progress($"{label}: Sori healthy after {startUp.TotalMilliseconds:0} ms");
            using var api = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = root, Timeout = TimeSpan.FromSeconds(10) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var appender = await dovecot.ConnectAsync(ct);
            var target = await appender.GetFolderAsync(folder, ct);
            await target.OpenAsync(FolderAccess.ReadWrite, ct);
            await using var idle = await IdleWatcher.StartAsync(dovecot, folder, ct);
            var random = new Random(17);
            var (soriMs, idleMs) = (new List<double>(), new List<double>());
            // The first messages are not recorded: the mailbox is being discovered and the JIT is cold.
            for (var i = -5; i < samples; i++)
            {
                var subject = $"배송 문의 #{i} {Guid.NewGuid():N}";
                var seen = idle.Next();
                var t0 = Stopwatch.GetTimestamp();
                await target.AppendAsync(new AppendRequest(Message(subject, i), MessageFlags.None), ct);
                var visible = await VisibleAsync(api, subject, i < 0 ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(20), ct);
                var soriTook = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                var idleTook = (await seen - t0) * 1000.0 / Stopwatch.Frequency;
                if (!visible) throw new TimeoutException($"{label}: message {i} never showed up; Sori's log:\n{sori.Tail()}");
                if (i >= 0) { soriMs.Add(soriTook); idleMs.Add(idleTook); }
                await Task.Delay(random.Next(200, 800), ct);
            }
            ctx.Progress($"{label}: Sori p50 {P(soriMs, 0.5):0} ms, p95 {P(soriMs, 0.95):0} ms; bare IDLE p50 {P(idleMs, 0.5):0} ms, p95 {P(idleMs, 0.95):0} ms");
            return (soriMs, idleMs);
        }
        finally { sori.Dispose(); }
    }

    private static MimeMessage Message(string subject, int i)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("김민지", $"customer{i + 10}@example.kr"));
        m.To.Add(MailboxAddress.Parse(Address));
        m.Subject = subject;
        m.MessageId = $"{Guid.NewGuid():N}@example.kr";
        m.Date = DateTimeOffset.UtcNow;
        m.Body = new TextPart("plain") { Text = "주문한 상품이 아직 도착하지 않았어요. 확인 부탁드립니다." };
        return m;
    }

    private static async Task<bool> VisibleAsync(HttpClient api, string subject, TimeSpan patience, CancellationToken ct)
    {
        for (var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency); Stopwatch.GetTimestamp() < deadline; await Task.Delay(10, ct))
        {
            using var page = JsonDocument.Parse(await api.GetStringAsync("api/v1/tickets?limit=5", ct));
            if (page.RootElement.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("subject").GetString() == subject)) return true;
        }
        return false;
    }

    private static double P(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
    }
}
