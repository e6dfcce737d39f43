using Sori.Core.Channels.Email;
using Sori.Infrastructure.Email;
using Sori.Web.Hosting;
using Sori.Web.Workers;

namespace Sori.Web.Features.Email;

public static class EmailHostingExtensions
{
    /// <summary>
    /// The email channel's transports: inbound limits ("Sori:Email"), IMAP polling ("Sori:Imap") and
    /// reply sending ("Sori:Smtp"), all checked at start-up, and their workers unless
    /// "Sori:Workers:Enabled" (or "Sori:Imap:Enabled" for polling) is false.
    /// </summary>
    public static IServiceCollection AddSoriEmail(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        var problems = options.Problems().ToList();
        if (problems.Count > 0) throw new InvalidOperationException($"{EmailOptions.Section}: {string.Join(" ", problems)}");
        services.AddSingleton(options);

        services.AddValidatedOptions<ImapOptions>(config, ImapOptions.Section, o => o.Problems());
        services.AddValidatedOptions<SmtpOptions>(config, SmtpOptions.Section, o => o.Problems());
        services.AddSingleton<MailAccessTokens>();
        // Token endpoints answer a form POST in a second or two; a redirect would carry the client secret elsewhere.
        services.AddHttpClient<OAuth2TokenEndpoint>(http => http.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<ImapMailboxSync>();
        services.AddSingleton<ImapPoller>();
        services.AddSingleton<EmailDeliveryProcessor>();
        services.AddScoped<TestMailboxConnection>();

        if (config.GetValue(WorkerOptions.Section + ":Enabled", true))
        {
            services.AddHostedService<EmailDeliveryWorker>();
            if (config.GetValue(ImapOptions.Section + ":Enabled", true)) services.AddHostedService<MailboxPollWorker>();
        }
        return services;
    }
}
