namespace Sori.Bench.Load;

/// <summary>Request bodies serialized up front so the generator spends its CPU on sending, not on JSON.</summary>
public sealed class RequestBodies(IReadOnlyList<byte[]> bodies)
{
    public int Count => bodies.Count;

    public byte[] Pick(Random rnd) => bodies[rnd.Next(bodies.Count)];

    public byte[] this[int index] => bodies[index % bodies.Count];
}
