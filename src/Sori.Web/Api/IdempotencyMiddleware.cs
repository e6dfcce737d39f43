using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;
using Sori.Web.Auth;

namespace Sori.Web.Api;

/// <summary>
/// Honours "Idempotency-Key" on POST: the first request's response is stored and replayed to
/// retries with the same key and body, so a client that lost a response can safely send again.
/// A concurrent duplicate gets 409; the same key with a different body gets 422.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;
    private const int InProgress = 0;

    public async Task InvokeAsync(HttpContext http, SoriDbContext db, TimeProvider clock)
    {
        var key = http.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(http.Request.Method) || key.Length == 0 || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        if (key.Length > MaxKeyLength)
        {
            await Results.Problem(statusCode: 400, title: $"{Header} must be at most {MaxKeyLength} characters.").ExecuteAsync(http);
            return;
        }

        http.Request.EnableBuffering();
        var bodyHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(http.Request.Body, http.RequestAborted));
        http.Request.Body.Position = 0;
        var principal = http.User.PrincipalKey();
        var record = new IdempotencyRecord
        {
            Principal = principal, Key = key, StatusCode = InProgress, CreatedAt = clock.GetUtcNow().UtcDateTime,
            RequestHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{http.Request.Path}:{bodyHash}"))),
        };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstAsync(r => r.Principal == principal && r.Key == key, http.RequestAborted);
            await Replay(http, existing, record.RequestHash);
            return;
        }
        db.ChangeTracker.Clear();

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        buffer.Position = 0;
        await Settle(db, record.Id, http, buffer.ToArray());
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>Keeps a definite answer for replay; a server error frees the key so the client can retry for real.</summary>
    private static async Task Settle(SoriDbContext db, long id, HttpContext http, byte[] body)
    {
        var status = http.Response.StatusCode;
        var records = db.IdempotencyRecords.Where(r => r.Id == id);
        if (status >= 500)
        {
            await records.ExecuteDeleteAsync(CancellationToken.None);
            return;
        }
        var text = System.Text.Encoding.UTF8.GetString(body);
        var location = http.Response.Headers.Location.ToString();
        await records.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StatusCode, status)
            .SetProperty(r => r.ResponseBody, text)
            .SetProperty(r => r.Location, location.Length == 0 ? null : location), CancellationToken.None);
    }

    private static async Task Replay(HttpContext http, IdempotencyRecord existing, string requestHash)
    {
        if (existing.RequestHash != requestHash)
        {
            await Results.Problem(statusCode: 422, title: $"This {Header} was already used with a different request.").ExecuteAsync(http);
            return;
        }
        if (existing.StatusCode == InProgress)
        {
            http.Response.Headers.RetryAfter = "1";
            await Results.Problem(statusCode: 409, title: $"A request with this {Header} is still being processed.").ExecuteAsync(http);
            return;
        }
        http.Response.StatusCode = existing.StatusCode;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (existing.Location is not null) http.Response.Headers.Location = existing.Location;
        if (existing.ResponseBody is { Length: > 0 } body)
        {
            http.Response.ContentType = existing.StatusCode >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
            await http.Response.WriteAsync(body);
        }
    }
}
