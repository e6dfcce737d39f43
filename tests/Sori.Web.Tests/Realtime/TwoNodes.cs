using Microsoft.AspNetCore.Hosting;
using Sori.Testing;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Realtime;

/// <summary>
/// Two Sori hosts on one database, joined by the throwaway Redis that ./test.sh starts
/// (SORI_TEST_REDIS), on a channel of their own. Node A runs no workers, so its changes reach the
/// outbox worker of node B, whose poll is too slow to explain a prompt push: only the wake-up sent
/// over Redis can.
/// </summary>
public abstract class TwoNodes(TestDatabase database) : IAsyncLifetime
{
    private sealed class Node(TestDatabase database, bool owns, Action<IWebHostBuilder> configure) : SoriWebApp(database, owns)
    {
        protected override void ConfigureHost(IWebHostBuilder builder) => configure(builder);
    }

    public SoriWebApp A { get; private set; } = null!;
    public SoriWebApp B { get; private set; } = null!;

    public static string Redis => Environment.GetEnvironmentVariable("SORI_TEST_REDIS")
        ?? throw new InvalidOperationException("SORI_TEST_REDIS is not set: run the tests through ./test.sh, which starts a throwaway Redis.");

    public async Task InitializeAsync()
    {
        var channel = "sori-test:" + Guid.NewGuid().ToString("N");
        void Common(IWebHostBuilder b, string node)
        {
            b.UseSetting("Sori:Realtime:Redis", Redis);
            b.UseSetting("Sori:Realtime:Channel", channel);
            b.UseSetting("Sori:Workers:NodeId", node);
            b.UseSetting("Sori:Outbox:PollInterval", "00:01:00");
        }
        A = new Node(database, owns: true, b => { Common(b, "a"); b.UseSetting("Sori:Workers:Enabled", "false"); });
        await A.InitializeAsync();
        B = new Node(database, owns: false, b => Common(b, "b"));
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
    }
}

public sealed class TwoSqliteNodes() : TwoNodes(new SqliteDatabase());
public sealed class TwoPostgresNodes() : TwoNodes(new PostgresDatabase());
