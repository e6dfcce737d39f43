using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sori.Web.Tests.Support;

public static class Http
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status, and (for validation) an error naming the field.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Json(expected);
        Assert.Equal((int)expected, body.GetProperty("status").GetInt32());
        if (field is not null)
        {
            var errors = body.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"no error for '{field}' in {errors}");
        }
        return body;
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, object body) => client.PatchAsJsonAsync(url, body);
}
