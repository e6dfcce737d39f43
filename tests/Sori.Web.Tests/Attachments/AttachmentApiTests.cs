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
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<long[]> UploadAndSend(HttpClient agent, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var uploaded = await (await agent.PostAsync("/api/v1/uploads", Form(files))).Json(HttpStatusCode.Created);
        var ids = uploaded.EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).ToArray();
        var ticket = await (await agent.PostJson("/api/v1/tickets", new { subject = "파일", body = "파일 보냅니다", requester = new { email = $"h{Guid.NewGuid():N}@example.kr" } }))
            .Json(HttpStatusCode.Created);
        await (await agent.PostJson($"/api/v1/tickets/{ticket.GetProperty("id")}/messages", new { body = "첨부", attachmentIds = ids })).Json(HttpStatusCode.Created);
        return ids;
    }

    [Fact]
    public async Task Download_IsInlineOnlyForRealImages_JudgedByTheirBytes()
    {
        var agent = await app.As(Roles.Agent);
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var ids = await UploadAndSend(agent,
            ("scan", "application/octet-stream", Png),
            ("photo.png", "image/png", "<html><script>alert(1)</script></html>"u8.ToArray()),
            ("logo.svg", "image/svg+xml", svg),
            ("page.html", "text/html", "<h1>hi</h1>"u8.ToArray()));

        var scan = await agent.GetAsync($"/api/v1/attachments/{ids[0]}");
        Assert.Equal(("image/png", "inline"), (scan.Content.Headers.ContentType?.MediaType, scan.Content.Headers.ContentDisposition?.DispositionType));
        foreach (var id in ids.Skip(1))
        {
            var file = await agent.GetAsync($"/api/v1/attachments/{id}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/octet-stream", file.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("sandbox", file.Headers.GetValues("Content-Security-Policy").Single());
        }
        var saved = await agent.GetAsync($"/api/v1/attachments/{ids[0]}?download=true");
        Assert.Equal(("application/octet-stream", "attachment"), (saved.Content.Headers.ContentType?.MediaType, saved.Content.Headers.ContentDisposition?.DispositionType));
        Assert.Equal(Png, await saved.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UnsentUpload_IsReadableByItsUploaderOnly_ASentOneByEveryReader_NeverAnonymously()
    {
        var agent = await app.As(Roles.Agent);
        var lead = await app.As(Roles.Lead);
        var reader = await app.WithToken("read");
        var uploaded = await (await agent.PostAsync("/api/v1/uploads", Form(("초안.png", "image/png", Png)))).Json(HttpStatusCode.Created);
        var id = uploaded[0].GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/v1/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/v1/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/attachments/{id}")).StatusCode);

        var ticket = await (await agent.PostJson("/api/v1/tickets", new { subject = "보냄", body = "본문", requester = new { email = $"u{Guid.NewGuid():N}@example.kr" } }))
            .Json(HttpStatusCode.Created);
        await (await agent.PostJson($"/api/v1/tickets/{ticket.GetProperty("id")}/messages", new { body = "메모", visibility = "internal", attachmentIds = new[] { id } }))
            .Json(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/v1/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/attachments/{id}")).StatusCode);
    }

    [Fact]
    public async Task DeleteUpload_TakesBackMyUnsentUpload_OthersAre404()
    {
        var agent = await app.As(Roles.Agent);
        var lead = await app.As(Roles.Lead);
        var uploaded = await (await agent.PostAsync("/api/v1/uploads", Form(("빼기.txt", "text/plain", "x"u8.ToArray())))).Json(HttpStatusCode.Created);
        var id = uploaded[0].GetProperty("id").GetInt64();

        await (await lead.DeleteAsync($"/api/v1/uploads/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/v1/uploads/{id}")).StatusCode);
        await (await agent.DeleteAsync($"/api/v1/uploads/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/v1/attachments/{id}")).StatusCode);
        var sent = await UploadAndSend(agent, ("보낸.txt", "text/plain", "y"u8.ToArray()));
        await (await agent.DeleteAsync($"/api/v1/uploads/{sent[0]}")).Problem(HttpStatusCode.NotFound);
    }
}
