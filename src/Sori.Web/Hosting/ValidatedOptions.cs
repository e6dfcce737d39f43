using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sori.Web.Hosting;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds a configuration section to <typeparamref name="T"/> and checks it when Sori starts, naming
    /// every problem ("Sori:Webhooks: Timeout must be positive."), not just "invalid". Registering the
    /// same section twice keeps one validator.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration config, string section,
        Func<T, IEnumerable<string>> problems) where T : class
    {
        services.AddOptions<T>().Bind(config.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new ProblemsValidator<T>(section, problems)));
        return services;
    }

    private sealed class ProblemsValidator<T>(string section, Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var found = problems(options).Select(p => $"{section}: {p}").ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
