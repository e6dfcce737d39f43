using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sori.Core.Common;

namespace Sori.Core.Macros;

public static class MacroServiceCollectionExtensions
{
    public static IServiceCollection AddMacros(this IServiceCollection services)
    {
        services.TryAddSingleton(DeskProfile.Default);
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
