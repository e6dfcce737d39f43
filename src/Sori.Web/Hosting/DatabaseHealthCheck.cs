using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sori.Core.Data;

namespace Sori.Web.Hosting;

/// <summary>Healthy when the database answers a round trip.</summary>
public sealed class DatabaseHealthCheck(SoriDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}
