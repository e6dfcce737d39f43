using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sori.Core.Conversations.Inbound;

namespace Sori.Core.Channels.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>The email channel's use cases: mailboxes and the inbound pipeline.</summary>
    public static IServiceCollection AddEmailChannel(this IServiceCollection services)
    {
        services.TryAddSingleton<MailboxDirectory>();
        services.AddScoped<MailboxInputs>();
        services.AddScoped<CreateMailbox>();
        services.AddScoped<UpdateMailbox>();
        services.AddScoped<DeleteMailbox>();
        services.AddScoped<GetMailboxes>();
        services.TryAddSingleton(new EmailOptions());
        services.AddScoped<ReceiveInboundMessage>();
        services.TryAddSingleton<InboundInFlight>();
        services.AddScoped<IngestEmail>();
        services.AddScoped<ListMailboxMail>();
        services.AddScoped<ReleaseHeldMail>();
        services.AddScoped<Conversations.GetOriginalMessage>();
        services.TryAddSingleton<EmailDeliverySignal>();
        services.AddScoped<QueueReplyEmail>();
        services.AddScoped<Outbox.IOutboxHandler>(sp => sp.GetRequiredService<QueueReplyEmail>());
        services.AddScoped<Outbox.IOutboxHandler, AcknowledgeNewTicket>();
        services.AddScoped<ResendEmail>();
        return services;
    }
}
