using Sori.Bench.Scenarios.EmailIngest;
using Sori.Bench.Scenarios.ImapLatency;
using Sori.Bench.Scenarios.TicketCreate;
using Sori.Bench.Scenarios.LiveUpdate;
using Sori.Bench.Scenarios.SessionEnd;
using Sori.Bench.Scenarios.TicketList;
using Sori.Bench.Scenarios.WorkspaceRender;

namespace Sori.Bench.Scenarios;

/// <summary>Every scenario the runner knows; a new one is a class plus a line here.</summary>
public static class ScenarioRegistry
{
    public static readonly IReadOnlyList<IScenario> All =
    [
        new TicketCreateScenario(),
        new TicketListScenario(),
        new WorkspaceRenderScenario(),
        new EmailIngestScenario(),
        new ImapLatencyScenario(),
        new LiveUpdateScenario(),
        new SessionEndScenario(),
    ];

    public static IScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
