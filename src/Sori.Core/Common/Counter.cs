namespace Sori.Core.Common;

/// <summary>A named sequence kept in a table, for providers without native sequences.</summary>
public sealed class Counter
{
    public string Name { get; private set; } = "";
    public long Value { get; private set; }
    private Counter() { }
    public Counter(string name, long value) => (Name, Value) = (name, value);
}
