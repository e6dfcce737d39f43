namespace Sori.Core.Customers;

/// <summary>
/// When this process last created a customer for an address, kept by a hash of the address (a false
/// alarm only costs a look-up). A write unit may trust "no customer has this address", as looked up
/// before its turn, only when no customer with the address was created since that look-up began.
/// </summary>
public sealed class CustomerCreations
{
    private const int Buckets = 4096;
    private readonly long[] _last = new long[Buckets];
    private long _clock;

    /// <summary>A mark to take before looking an address up.</summary>
    public long Mark() => Interlocked.Read(ref _clock);

    public void Created(string address) => Volatile.Write(ref _last[Bucket(address)], Interlocked.Increment(ref _clock));

    /// <summary>Whether no customer with the address has been created since <paramref name="mark"/>.</summary>
    public bool NoneSince(string address, long mark) => Volatile.Read(ref _last[Bucket(address)]) <= mark;

    private static int Bucket(string address) => (int)((uint)StringComparer.Ordinal.GetHashCode(address) % Buckets);
}
