using Sori.Web.Hosting;

namespace Sori.Web.Api;

/// <summary>
/// Refuses a declared-too-large body up front with a 413 problem, before anything reads it.
/// Kestrel's own limit (same size) still stops chunked bodies that grow past it.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentLength > SoriApp.MaxRequestBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
                detail: $"Requests may carry at most {SoriApp.MaxRequestBodyBytes / (1024 * 1024)} MB.").ExecuteAsync(http);
        }
        return next(http);
    }
}
