namespace Sori.Core.Conversations.Inbound;

/// <summary>
/// The messages this process is receiving right now, by dedupe key. A message usually arrives once, and
/// its redelivery is found before the write unit. When two deliveries of one message overlap (an MTA's
/// retry, two pollers, a mailing list's copies) both are marked, and their units look for the other in
/// the database: both go to the same writer (the sender's address picks it), so the second finds the
/// first instead of failing on the envelope's unique key, which would cost its whole batch a second run.
/// </summary>
public sealed class MessagesInFlight
{
    private readonly Dictionary<string, Entry> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>One delivery of a message, from <see cref="Enter"/> until it is disposed.</summary>
    public sealed class Entry
    {
        internal int Count;
        private volatile bool _overlapped;

        /// <summary>Whether another delivery of the same message has been received at the same time as this one.</summary>
        public bool Overlapped
        {
            get => _overlapped;
            internal set => _overlapped = value;
        }
    }

    /// <summary>Notes a delivery; pair it with <see cref="Exit"/> once its outcome is committed.</summary>
    public Entry Enter(string key)
    {
        lock (_lock)
        {
            if (_keys.TryGetValue(key, out var entry)) entry.Overlapped = true;
            else _keys[key] = entry = new Entry();
            entry.Count++;
            return entry;
        }
    }

    public void Exit(string key)
    {
        lock (_lock)
        {
            if (_keys.TryGetValue(key, out var entry) && --entry.Count == 0) _keys.Remove(key);
        }
    }
}
