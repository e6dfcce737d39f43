using System.Diagnostics;
using Microsoft.Extensions.Options;
using Sori.Web.Cli;
using Sori.Web.Hosting;

// `sori <command>` (admin, token, migrate, seed-demo, import, help) runs it and exits; without one it serves.
if (CommandLine.IsCommand(args)) return await CommandLine.RunInConsoleAsync(args);

var processStart = Process.GetCurrentProcess().StartTime;
double Elapsed() => (DateTime.Now - processStart).TotalMilliseconds;

var app = SoriApp.Build(args);
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
await app.PrepareDatabaseAsync();
var prepared = Elapsed();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "Sori is ready {Total:0} ms after the process started (host built at {Built:0} ms, database ready at {Prepared:0} ms)",
    Elapsed(), built, prepared));
await app.RunAsync();
return 0;

/// <summary>Exposed for the in-memory test host.</summary>
public partial class Program;
