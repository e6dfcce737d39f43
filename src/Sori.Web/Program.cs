using System.Diagnostics;
using Microsoft.Extensions.Options;
using Sori.Web.Cli;
using Sori.Web.Hosting;

// `sori <command>` (admin, token, migrate, seed-demo, import, help) runs it and exits; without one it serves.
if (CommandLine.IsCommand(args)) return await CommandLine.RunInConsoleAsync(args);

var processStart = Process.GetCurrentProcess().StartTime;
double Elapsed() => (DateTime.Now - processStart).TotalMilliseconds;

var app = SoriApp.BuildServices(args);
// Settings first (ValidateOnStart would check them only after migrations): name the wrong ones, no stack trace.
try
{
    app.Services.GetRequiredService<IStartupValidator>().Validate();
}
catch (Exception e) when (e is OptionsValidationException || e is AggregateException a && a.InnerExceptions.All(i => i is OptionsValidationException))
{
    Console.Error.WriteLine("Sori cannot start: the configuration is invalid. / 설정이 올바르지 않아 Sori를 시작할 수 없습니다.");
    var failures = e is AggregateException all ? all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(o => o.Failures)
                                               : ((OptionsValidationException)e).Failures;
    foreach (var failure in failures) Console.Error.WriteLine("  " + failure);
    return 2;
}
var built = Elapsed();
// Preparing the database and building the pipeline (endpoints, hubs, metrics) share nothing, and each is a
// few hundred milliseconds of one core: run them side by side.
var preparing = Task.Run(app.PrepareDatabaseAsync);
app.UseSoriPipeline();
// Meanwhile, build the endpoints once: the host builds them again as it starts, but Razor components keep
// theirs (most of the cost: the pages and the circuit hub) and the rest run as compiled code by then.
foreach (var source in ((IEndpointRouteBuilder)app).DataSources) _ = source.Endpoints;
await preparing;
var prepared = Elapsed();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "Sori is ready {Total:0} ms after the process started (host built at {Built:0} ms, database ready at {Prepared:0} ms; " +
    "{Jitted} methods JIT-compiled in {JitMs:0} ms)",
    Elapsed(), built, prepared, System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds));
StartUpMemory.ReleaseAfterStart(app.Lifetime, TimeSpan.FromSeconds(2));
await app.RunAsync();
return 0;

/// <summary>Exposed for the in-memory test host.</summary>
public partial class Program;
