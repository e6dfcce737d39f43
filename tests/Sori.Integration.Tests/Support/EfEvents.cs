using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Sori.Integration.Tests.Support;

/// <summary>
/// EF Core's diagnostic events (by name, with their event data) from every context in this process,
/// while the listener is alive. Test classes run in parallel: filter by the test's own database.
/// </summary>
public sealed class EfEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Action<string, object?> _seen;
    private readonly List<IDisposable> _subscriptions = [];

    public EfEvents(Action<string, object?> seen)
    {
        _seen = seen;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value) => _seen(value.Key, value.Value);
    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}
