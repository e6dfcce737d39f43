using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Sori.Core.Data;

/// <summary>
/// A query compiled with <c>EF.CompileAsyncQuery</c>, once per model: a compiled query belongs to the model
/// it was first run on and compiles again for another, and while a process normally has one model, the
/// tests run both providers' side by side.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(SoriDbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
