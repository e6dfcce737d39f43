namespace Sori.Core.Conversations.Inbound;

/// <summary>
/// What this process is receiving right now: each message by its dedupe key, and each sender by address.
/// The look-ups made before the write unit (is the message stored, is the sender a customer) hold for the
/// unit unless another delivery overlapped them: another copy of the message (an MTA's retry, two pollers,
/// a mailing list's copies) or another mail of a sender who was new. Then the unit looks again itself: all
/// of one sender's mail goes to the same writer, one unit after the other, so the later finds what the
/// earlier stored instead of failing on a unique key, which would cost its whole batch a second run.
/// Other processes' writes are still stopped by those unique keys.
/// </summary>
public sealed class InboundInFlight
{
    private readonly Dictionary<string, Entry> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>One delivery's hold on a key, from <see cref="Enter"/> until <see cref="Exit"/>.</summary>
    public sealed class Entry
    {
        internal int Count;
        private volatile bool _overlapped;

        /// <summary>Whether another delivery has held the same key at the same time as this one.</summary>
        public bool Overlapped
        {
            get => _overlapped;
            internal set => _overlapped = value;
        }
    }

    /// <summary>Notes a delivery holding the key; pair it with <see cref="Exit"/> once its outcome is committed.</summary>
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
