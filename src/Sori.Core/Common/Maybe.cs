namespace Sori.Core.Common;

/// <summary>A PATCH field: absent (leave as is) versus present, possibly null (set or clear).</summary>
public readonly record struct Maybe<T>(bool IsSet, T Value)
{
    public static implicit operator Maybe<T>(T value) => new(true, value);
    public static readonly Maybe<T> Unset = default;
}
