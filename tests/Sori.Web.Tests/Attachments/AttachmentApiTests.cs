using System.Net;
using System.Net.Http.Headers;
using Sori.Core.Common;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Attachments;

public sealed class AttachmentApiTests_Sqlite(SqliteWebApp app) : AttachmentApiTests(app), IClassFixture<SqliteWebApp>;
public sealed class AttachmentApiTests_Postgres(PostgresWebApp app) : AttachmentApiTests(app), IClassFixture<PostgresWebApp>;

public abstract class AttachmentApiTests(SoriWebApp app)
{
    private static MultipartFormDataContent Form(params (string Name, string Type, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, type, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            form.Add(part, "files", name);
        }
        return form;
    }

    [Fact]
    public async Task UploadAttachDownload_WithSafeNamesAndHeaders()
    {
        var agent = await app.As(Roles.Agent);
        var html = "<script>alert(1)</script>"u8.ToArray();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var uploaded = await (await agent.PostAsync("/api/v1/uploads", Form(("../../etc/영수증.html", "text/html", html), ("사진.png", "image/png", png))))
            .Json(HttpStatusCode.Created);
        var (doc, image) = (uploaded[0], uploaded[1]);
        Assert.Equal("영수증.html", doc.GetProperty("fileName").GetString());

        var ticket = await (await agent.PostJson("/api/v1/tickets", new
        {
            subject = "영수증 첨부", body = "영수증을 보내드립니다.", requester = new { email = $"f{Guid.NewGuid():N}@example.kr" },
            attachmentIds = new[] { doc.GetProperty("id").GetInt64() },
        })).Json(HttpStatusCode.Created);
        var id = ticket.GetProperty("id").GetInt64();
        await (await agent.PostJson($"/api/v1/tickets/{id}/messages", new { body = "사진 확인 부탁드립니다", attachmentIds = new[] { image.GetProperty("id").GetInt64() } }))
            .Json(HttpStatusCode.Created);
        var messages = await (await agent.GetAsync($"/api/v1/tickets/{id}/messages")).Json(HttpStatusCode.OK);
        Assert.Equal("영수증.html", messages.GetProperty("items")[0].GetProperty("attachments")[0].GetProperty("fileName").GetString());

        var download = await agent.GetAsync($"/api/v1/attachments/{doc.GetProperty("id")}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(html, await download.Content.ReadAsByteArrayAsync());
        var shown = await agent.GetAsync($"/api/v1/attachments/{image.GetProperty("id")}");
        Assert.Equal("image/png", shown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", shown.Content.Headers.ContentDisposition?.DispositionType);

        // Already attached: cannot be attached again.
        await (await agent.PostJson($"/api/v1/tickets/{id}/messages", new { body = "재첨부", attachmentIds = new[] { image.GetProperty("id").GetInt64() } }))
            .Problem(HttpStatusCode.BadRequest, "attachmentIds");
    }

    [Fact]
    public async Task SomeoneElsesUpload_CannotBeAttached()
    {
        var agent = await app.As(Roles.Agent);
        var lead = await app.As(Roles.Lead);
        var uploaded = await (await agent.PostAsync("/api/v1/uploads", Form(("a.txt", "text/plain", "hello"u8.ToArray())))).Json(HttpStatusCode.Created);
        var ticket = await (await lead.PostJson("/api/v1/tickets", new { subject = "x", body = "y", requester = new { email = $"g{Guid.NewGuid():N}@example.kr" } })).Json(HttpStatusCode.Created);
        await (await lead.PostJson($"/api/v1/tickets/{ticket.GetProperty("id")}/messages", new { body = "z", attachmentIds = new[] { uploaded[0].GetProperty("id").GetInt64() } }))
            .Problem(HttpStatusCode.BadRequest, "attachmentIds");
    }

    [Fact]
    public async Task OversizedFile_RejectedNamingTheFile()
    {
        var agent = await app.As(Roles.Agent);
        var big = new byte[SoriWebApp.MaxFileBytes + 1];
        await (await agent.PostAsync("/api/v1/uploads", Form(("small.txt", "text/plain", "ok"u8.ToArray()), ("big.bin", "application/octet-stream", big))))
            .Problem(HttpStatusCode.BadRequest, "files[1]");
        await (await agent.PostJson("/api/v1/uploads", new { files = "nope" })).Problem(HttpStatusCode.BadRequest, "files");
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/v1/attachments/999999")).StatusCode);
    }
}
