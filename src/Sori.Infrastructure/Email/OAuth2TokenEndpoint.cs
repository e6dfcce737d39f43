using System.Net.Http.Headers;
using System.Text.Json;
using Sori.Core.Channels.Email;

namespace Sori.Infrastructure.Email;

/// <summary>What a token endpoint handed out: a new access token, when it expires, and a new refresh token if it rotates them.</summary>
public sealed record OAuth2Tokens(string AccessToken, DateTime? ExpiresAt, string? RefreshToken);

/// <summary>The token endpoint refused or failed; the message says why, for the admin.</summary>
public sealed class OAuth2RefreshException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The refresh-token grant (RFC 6749 §6) against a provider's token endpoint, as Google and Microsoft
/// accept it: a form POST with the refresh token and the app's client id and secret in the body
/// (client_secret_post), and the scope when one is set. The HttpClient comes from IHttpClientFactory
/// (a typed client with a timeout and no redirects).
/// </summary>
public sealed class OAuth2TokenEndpoint(HttpClient http, TimeProvider clock)
{
    private const int MaxBody = 64 * 1024;

    public async Task<OAuth2Tokens> RefreshAsync(MailboxOAuth2 grant, CancellationToken ct)
    {
        if (!grant.CanRefresh) throw new OAuth2RefreshException("There is no refresh token (with token URL and client id) to get a new access token with.");
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", grant.RefreshToken!),
            new("client_id", grant.ClientId!),
        };
        if (grant.ClientSecret is { } secret) form.Add(new("client_secret", secret));
        if (grant.Scope is { } scope) form.Add(new("scope", scope));
        using var request = new HttpRequestMessage(HttpMethod.Post, grant.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try { response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct); }
        catch (HttpRequestException e) { throw new OAuth2RefreshException($"The token endpoint could not be reached: {e.Message}", e); }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new OAuth2RefreshException($"The token endpoint did not answer within {http.Timeout.TotalSeconds:0.#} s.", e);
        }
        using (response)
        {
            var body = await ReadAsync(response, ct);
            JsonElement json;
            try { json = JsonDocument.Parse(body).RootElement; }
            catch (JsonException) { throw new OAuth2RefreshException($"The token endpoint answered {(int)response.StatusCode} with something other than JSON."); }
            if (!response.IsSuccessStatusCode || json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("access_token", out var access)
                || access.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(access.GetString()))
                throw new OAuth2RefreshException(Refusal(response, json));
            var expiresIn = json.TryGetProperty("expires_in", out var e) ? Seconds(e) : null;
            var refresh = json.TryGetProperty("refresh_token", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var expiresAt = expiresIn is { } s ? clock.GetUtcNow().UtcDateTime.AddSeconds(s) : (DateTime?)null;
            return new OAuth2Tokens(access.GetString()!, expiresAt, string.IsNullOrEmpty(refresh) ? null : refresh);
        }
    }

    private static string Refusal(HttpResponseMessage response, JsonElement json)
    {
        var error = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var description = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var status = (int)response.StatusCode;
        if (error is null) return $"The token endpoint answered {status} without an access token.";
        var advice = error == "invalid_grant" ? " Sign in to the mail account again and enter the new refresh token." :
                     error is "invalid_client" or "unauthorized_client" ? " Check the client id and secret." : "";
        return $"The token endpoint refused the refresh ({status} {error}{(description is null ? "" : ": " + Clip(description))}).{advice}";
    }

    private static double? Seconds(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetDouble(out var n) && n > 0 => n,
        JsonValueKind.String when double.TryParse(e.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 => n,
        _ => null,
    };

    private static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxBody];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string Clip(string s) => s.Length <= 300 ? s : s[..300];
}
