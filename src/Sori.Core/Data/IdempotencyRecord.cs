namespace Sori.Core.Data;

/// <summary>The stored response to a POST made with an Idempotency-Key, replayed on a retry.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    /// <summary>Who sent it ("agent:3", "token:7") so two callers never share a key space.</summary>
    public string Principal { get; set; } = "";
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string? ResponseBody { get; set; }
    public string? Location { get; set; }
    public DateTime CreatedAt { get; set; }
}
