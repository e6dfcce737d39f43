using Sori.Web.Cli;
using Sori.Web.Hosting;

// `sori <command>` (admin, token, migrate, seed-demo, import, help) runs it and exits; without one it serves.
if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(args);

var app = SoriApp.Build(args);
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>Exposed for the in-memory test host.</summary>
public partial class Program;
