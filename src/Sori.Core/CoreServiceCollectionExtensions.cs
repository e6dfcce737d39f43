using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sori.Core.Agents;
using Sori.Core.Customers;
using Sori.Core.Tokens;
using Sori.Core.Tickets;

namespace Sori.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the use cases; the host adds the database (Sori.Infrastructure) and its own adapters.</summary>
    public static IServiceCollection AddSoriCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<FindOrCreateCustomer>();
        services.AddScoped<TicketInputs>();
        services.AddScoped<CreateTicket>();
        services.AddScoped<UpdateTicket>();
        services.AddScoped<BulkUpdateTickets>();
        services.AddScoped<AddMessage>();
        services.AddScoped<MergeTickets>();
        services.AddScoped<SplitMessage>();
        services.AddScoped<FollowTicket>();
        services.AddScoped<GetTicket>();
        services.AddScoped<ListTickets>();
        services.AddScoped<CreateAgent>();
        services.AddScoped<UpdateAgent>();
        services.AddScoped<ApiTokens>();
        return services;
    }
}
