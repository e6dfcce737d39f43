using System.Diagnostics;
using Sori.Web.Cli;
using Sori.Web.Hosting;

// `sori <command>` (admin, token, migrate, seed-demo, import, help) runs it and exits; without one it serves.
if (CommandLine.IsCommand(args)) return await CommandLine.RunInConsoleAsync(args);

var processStart = Process.GetCurrentProcess().StartTime;
double Elapsed() => (DateTime.Now - processStart).TotalMilliseconds;

var app = SoriApp.Build(args);
var built = Elapsed();
await app.PrepareDatabaseAsync();
var prepared = Elapsed();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "Sori is ready {Total:0} ms after the process started (host built at {Built:0} ms, database ready at {Prepared:0} ms)",
    Elapsed(), built, prepared));
await app.RunAsync();
return 0;

/// <summary>Exposed for the in-memory test host.</summary>
public partial class Program;
