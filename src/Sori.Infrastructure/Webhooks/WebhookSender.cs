using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Sori.Core.Webhooks;

namespace Sori.Infrastructure.Webhooks;

/// <summary>The outcome of one POST: 2xx is success; anything else (or no answer) is retried.</summary>
public sealed record WebhookAttempt(bool Succeeded, int? Status, string? Error);

/// <summary>
/// Posts one delivery to its receiver, signed, and reports what happened. Receiver faults (refused
/// connections, timeouts, non-2xx) are results, not exceptions. The HttpClient comes from
/// IHttpClientFactory (a typed client), which sets the timeout and disables redirects.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock)
{
    public const int MaxErrorLength = 500;

    public async Task<WebhookAttempt> SendAsync(ClaimedDelivery d, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, d.Url)
        {
            Content = new StringContent(d.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Sori-Webhooks", "1"));
        request.Headers.Add("X-Sori-Event", d.EventType);
        request.Headers.Add("X-Sori-Delivery", d.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Sori-Event-Id", d.EventId.ToString());
        request.Headers.Add("X-Sori-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Sori-Signature", WebhookSignature.Compute(d.Secret, timestamp, d.Payload));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new WebhookAttempt(true, status, null);
            return new WebhookAttempt(false, status, Truncate($"HTTP {status} {response.ReasonPhrase}: {await SnippetAsync(response, ct)}".TrimEnd(' ', ':')));
        }
        catch (HttpRequestException e) { return new WebhookAttempt(false, null, Truncate(e.Message)); }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(false, null, $"No response within {http.Timeout.TotalSeconds:0.#} s.");
        }
    }

    // Enough of the body to tell an operator why the receiver refused, without reading an unbounded stream.
    private static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[MaxErrorLength];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            return Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException) { return ""; }
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
