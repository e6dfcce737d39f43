using Microsoft.AspNetCore.Http.Features;
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
        // Endpoints that take files declare their own, larger limit.
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? SoriApp.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
                detail: $"This request may carry at most {limit / (1024 * 1024)} MB.").ExecuteAsync(http);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        return next(http);
    }
}
