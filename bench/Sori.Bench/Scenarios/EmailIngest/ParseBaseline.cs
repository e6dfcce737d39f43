using System.Diagnostics;
using MimeKit;

namespace Sori.Bench.Scenarios.EmailIngest;

/// <summary>MimeKit's bare parse rate of the same messages: MimeMessage.Load from memory, nothing else, one thread and all cores.</summary>
public static class ParseBaseline
{
    public static (double OneThread, double AllCores) Measure(IReadOnlyList<CorpusMessage> messages)
    {
        Run(messages, 1); // JIT and caches
        return (Best(() => Run(messages, 1)), Best(() => Run(messages, Environment.ProcessorCount)));
    }

    private static double Best(Func<double> measure) => Enumerable.Range(0, 3).Select(_ => measure()).Max();

    private static double Run(IReadOnlyList<CorpusMessage> messages, int threads)
    {
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, messages.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            try { using var m = MimeMessage.Load(new MemoryStream(messages[i].Raw, false)); }
            catch (FormatException) { }
        });
        return messages.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
