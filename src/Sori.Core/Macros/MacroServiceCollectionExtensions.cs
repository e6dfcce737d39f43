using Microsoft.Extensions.DependencyInjection;

namespace Sori.Core.Macros;

public static class MacroServiceCollectionExtensions
{
    public static IServiceCollection AddMacros(this IServiceCollection services)
    {
        services.AddScoped<MacroInputs>();
        services.AddScoped<CreateMacro>();
        services.AddScoped<UpdateMacro>();
        services.AddScoped<DeleteMacro>();
        services.AddScoped<ListMacros>();
        services.AddScoped<PreviewMacro>();
        services.AddScoped<ApplyMacro>();
        return services;
    }
}
