using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sori.Core.Common;

namespace Sori.Core.SavedViews;

public static class SavedViewServiceCollectionExtensions
{
    public static IServiceCollection AddSavedViews(this IServiceCollection services)
    {
        services.TryAddSingleton(DeskProfile.Default);
        services.AddScoped<SavedViewInputs>();
        services.AddScoped<CreateSavedView>();
        services.AddScoped<UpdateSavedView>();
        services.AddScoped<DeleteSavedView>();
        services.AddScoped<ListSavedViews>();
        return services;
    }
}
