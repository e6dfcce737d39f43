namespace Sori.Web.Workspace;

/// <summary>
/// Runs a use case in a scope of its own. A Blazor circuit lives for hours, so its DI scope must
/// not hold a DbContext: every action gets a fresh handler, like one HTTP request would.
/// </summary>
public sealed class UseCases(IServiceScopeFactory scopes)
{
    public async Task<TResult> Run<THandler, TResult>(Func<THandler, Task<TResult>> action) where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    public async Task Run<THandler>(Func<THandler, Task> action) where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<THandler>());
    }
}
