using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;

namespace Sori.Web.Api;

/// <summary>Every exception becomes an RFC 9457 problem detail in this one place.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Map(exception);
        if (problem is null) return false;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            log.LogWarning(exception, "Database unavailable");
            http.Response.Headers.RetryAfter = "5";
        }
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails? Map(Exception e) => e switch
    {
        ValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(p => p.Key, p => p.Value))
        {
            Status = 400, Title = "One or more fields are invalid.", Type = "https://sori.dev/problems/validation",
        },
        NotFoundException n => new ProblemDetails { Status = 404, Title = $"{n.Entity} not found.", Detail = n.Message, Type = "https://sori.dev/problems/not-found" },
        ConflictException c => Conflict(c.Message, c.Field),
        ForbiddenException f => new ProblemDetails { Status = 403, Title = "Forbidden.", Detail = f.Message },
        DbUpdateConcurrencyException => Conflict("The record was changed by someone else meanwhile; reload and try again.", null),
        BadHttpRequestException { InnerException: JsonException j } => JsonProblem(j),
        BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = b.StatusCode == 413 ? "The request body is too large." : "The request is malformed.", Detail = b.Message },
        TimeoutException or DbException { IsTransient: true } => Unavailable(),
        DbUpdateException { InnerException: DbException { IsTransient: true } } => Unavailable(),
        InvalidOperationException { InnerException: DbException { IsTransient: true } } => Unavailable(),
        _ => null,
    };

    private static ProblemDetails Conflict(string detail, string? field)
    {
        var p = new ProblemDetails { Status = 409, Title = "The request conflicts with the current state.", Detail = detail, Type = "https://sori.dev/problems/conflict" };
        if (field is not null) p.Extensions["field"] = field;
        return p;
    }

    private static ProblemDetails JsonProblem(JsonException j)
    {
        var field = string.IsNullOrEmpty(j.Path) ? "body" : j.Path.TrimStart('$', '.');
        if (field.Length == 0) field = "body";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [JsonMessage(j)] })
        {
            Status = 400, Title = "The request body is not valid JSON for this endpoint.", Type = "https://sori.dev/problems/validation",
        };
    }

    private static string JsonMessage(JsonException j) =>
        j.Message.Contains("could not be converted", StringComparison.Ordinal) ? "has the wrong type." : "is not valid JSON.";

    private static ProblemDetails Unavailable() =>
        new() { Status = 503, Title = "The service is temporarily unavailable.", Detail = "The database did not answer; try again shortly." };
}
