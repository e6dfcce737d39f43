using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Sori.Core.Attachments;
using Sori.Core.Audit;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;
using Sori.Infrastructure.Storage;
using Sori.Web.Auth;
using Sori.Web.Hosting;

namespace Sori.Web.Features.Attachments;

public static class AttachmentEndpoints
{
    public static IServiceCollection AddSoriAttachments(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(AttachmentOptions.Section).Get<AttachmentOptions>() ?? new AttachmentOptions();
        services.AddSingleton(options);
        services.AddSingleton<IAttachmentStore>(new DiskAttachmentStore(Path.Combine(SoriApp.DataDirectory(config), "attachments")));
        return services;
    }

    public static void MapAttachmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/uploads", Upload).WithTags("Attachments").RequireAuthorization(Policies.Write).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimit));
        api.MapDelete("/uploads/{id:long}", Discard).WithTags("Attachments").RequireAuthorization(Policies.Write);
        api.MapGet("/attachments/{id:long}", Download).WithTags("Attachments").RequireAuthorization(Policies.Read);
    }

    /// <summary>A whole multipart upload: the per-file limit times the file count, plus form overhead.</summary>
    public const long UploadLimit = 260L * 1024 * 1024;

    private static async Task<Created<List<AttachmentView>>> Upload(HttpRequest request, UploadAttachments upload, HttpContext http, CancellationToken ct)
    {
        if (!request.HasFormContentType) throw ValidationException.For("files", "must be sent as multipart/form-data.");
        var form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = UploadLimit }, ct);
        var files = form.Files.Select(f => new UploadedFile(f.FileName, f.ContentType, f.OpenReadStream)).ToList();
        var saved = await upload.Handle(files, http.ToActor(), ct);
        return TypedResults.Created("/api/v1/attachments", saved.Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size)).ToList());
    }

    /// <summary>Takes back an upload of the caller's that no message carries yet.</summary>
    private static async Task<NoContent> Discard(long id, DiscardUpload discard, HttpContext http, CancellationToken ct)
    {
        await discard.Handle(id, http.ToActor(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The file, to agents and read tokens (who may read every ticket) once it belongs to a message; an
    /// upload not sent yet only to whoever uploaded it. Shown inline only when its bytes are a PNG, JPEG,
    /// GIF or WebP image (<c>?download=true</c> saves it instead); anything else downloads as bytes. Never
    /// sniffed by the browser, and sandboxed should it be opened anyway.
    /// </summary>
    private static async Task<IResult> Download(long id, bool? download, SoriDbContext db, IAttachmentStore store, AttachmentContent content,
        IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Attachment", id);
        if (a.MessageId is null && (a.UploadedByKind != actor.Kind || a.UploadedById != actor.Id)) throw new NotFoundException("Attachment", id);
        var image = download == true ? null : await content.ImageTypeAsync(a.Sha256, ct);
        var stream = store.OpenRead(a.Sha256) ?? throw new NotFoundException("Attachment", id);
        audit.Record(actor, "attachment.read", "attachment", id, null, a.FileName);
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, max-age=3600";
        var disposition = new ContentDispositionHeaderValue(image is null ? "attachment" : "inline");
        disposition.SetHttpFileName(a.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(stream, image ?? "application/octet-stream", enableRangeProcessing: true,
            entityTag: new EntityTagHeaderValue($"\"{a.Sha256}\""));
    }
}
