using Microsoft.Extensions.DependencyInjection;

namespace Sori.Core.SavedViews;

public static class SavedViewServiceCollectionExtensions
{
    public static IServiceCollection AddSavedViews(this IServiceCollection services)
    {
        services.AddScoped<SavedViewInputs>();
        services.AddScoped<CreateSavedView>();
        services.AddScoped<UpdateSavedView>();
        services.AddScoped<DeleteSavedView>();
        services.AddScoped<ListSavedViews>();
        return services;
    }
}
