using Sori.Web.Cli;
using Sori.Web.Hosting;

// `sori` with a command (admin, token, migrate, seed-demo, ...) runs it and exits; without one it serves.
if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(args);

var app = SoriApp.Build(args);
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;
