using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sori.Infrastructure.Database;

/// <summary>How long SQLite writers queue for the write gate and how long each holds it (Prometheus: sori_db_write_*).</summary>
public static class DatabaseMetrics
{
    public const string MeterName = "Sori.Database";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> WriteWait = Meter.CreateHistogram<double>("sori.db.write_wait", "s",
        "Time a SQLite write waited for the write gate.");

    private static readonly Histogram<double> WriteHold = Meter.CreateHistogram<double>("sori.db.write_hold", "s",
        "Time a SQLite write (a transaction or a lone statement) held the write gate.");

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("sori.db.write_batch_size", "{unit}",
        "Units of work committed together by the SQLite write batcher.");

    public static void Waited(long since) => WriteWait.Record(Stopwatch.GetElapsedTime(since).TotalSeconds);
    public static void Held(long since) => WriteHold.Record(Stopwatch.GetElapsedTime(since).TotalSeconds);
    public static void Batched(int units) => BatchSize.Record(units);
}
