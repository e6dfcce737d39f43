using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;
using Sori.Web.Auth;

namespace Sori.Web.Features.Tags;

public static class TagEndpoints
{
    public sealed record TagCount(string Name, int Tickets);

    /// <summary>Tags in use on tickets, most used first, optionally by prefix (for autocomplete).</summary>
    public static void MapTagEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/tags", async (string? prefix, int? limit, SoriDbContext db, CancellationToken ct) =>
            {
                var tags = db.TicketTags.AsNoTracking();
                if (!string.IsNullOrWhiteSpace(prefix)) tags = tags.Where(t => t.Name.StartsWith(prefix.Trim().ToLower()));
                var rows = await tags.GroupBy(t => t.Name).Select(g => new { Name = g.Key, Tickets = g.Count() })
                    .OrderByDescending(t => t.Tickets).ThenBy(t => t.Name).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(r => new TagCount(r.Name, r.Tickets)).ToList());
            })
            .WithTags("Tags").RequireAuthorization(Policies.Read);
}
