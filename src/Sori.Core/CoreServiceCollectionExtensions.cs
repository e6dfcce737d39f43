using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sori.Core.Agents;
using Sori.Core.Attachments;
using Sori.Core.Audit;
using Sori.Core.Channels.Email;
using Sori.Core.Fields;
using Sori.Core.Macros;
using Sori.Core.SavedViews;
using Sori.Core.Customers;
using Sori.Core.Settings;
using Sori.Core.Tags;
using Sori.Core.Tokens;
using Sori.Core.Tickets;
using Sori.Core.Webhooks;

namespace Sori.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the use cases; the host adds the database (Sori.Infrastructure) and its own adapters.</summary>
    public static IServiceCollection AddSoriCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new AttachmentOptions());
        services.AddScoped<FindOrCreateCustomer>();
        services.AddScoped<TicketInputs>();
        services.AddScoped<CreateTicket>();
        services.AddScoped<UpdateTicket>();
        services.AddScoped<BulkUpdateTickets>();
        services.AddScoped<BulkMergeTickets>();
        services.AddScoped<AddMessage>();
        services.AddScoped<MergeTickets>();
        services.AddScoped<SplitMessage>();
        services.AddScoped<FollowTicket>();
        services.AddScoped<GetTicket>();
        services.AddScoped<ListTickets>();
        services.AddScoped<CountTickets>();
        services.AddScoped<CreateAgent>();
        services.AddScoped<ListAgents>();
        services.AddScoped<UpdateAgent>();
        services.AddScoped<ListAgentAccounts>();
        services.AddScoped<SignInLinks>();
        services.AddScoped<InviteAgent>();
        services.AddScoped<IssueSignInLink>();
        services.AddScoped<RedeemSignInLink>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<ManageTwoFactor>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<ManageTeams>();
        services.AddScoped<CustomerInputs>();
        services.AddScoped<CreateCustomer>();
        services.AddScoped<UpdateCustomer>();
        services.AddScoped<MergeCustomers>();
        services.AddScoped<PreviewCustomerMerge>();
        services.AddScoped<CustomerQueries>();
        services.AddScoped<BackfillPhoneKeys>();
        services.AddScoped<ManageOrganizations>();
        services.TryAddSingleton<OrganizationDomains>();
        services.AddScoped<ManageCustomFields>();
        services.AddScoped<ManageTags>();
        services.TryAddSingleton(new DeskDefaults());
        services.AddScoped<GetDeskSettings>();
        services.AddScoped<UpdateDeskSettings>();
        services.AddScoped<SetUpDesk>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<Sori.Core.Outbox.OutboxQueries>();
        services.AddScoped<UploadAttachments>();
        services.AddScoped<PendingAttachments>();
        services.AddScoped<DiscardUpload>();
        services.AddScoped<FindImageAttachments>();
        services.TryAddSingleton<AttachmentContent>();
        services.AddMacros();
        services.AddSavedViews();
        services.AddWebhookUseCases();
        services.AddEmailChannel();
        return services;
    }
}
