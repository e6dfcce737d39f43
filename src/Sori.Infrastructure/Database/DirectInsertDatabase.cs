using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;

namespace Sori.Infrastructure.Database;

/// <summary>
/// SaveChanges for the common write of a help desk: only new rows (a ticket with its first message,
/// events, outbox rows and perhaps a new customer; an inbound mail; a batch of audit entries). EF's
/// update pipeline builds a modification command per row, generates its SQL, sorts the rows, batches
/// them and reads results back, which is most of the write batch's time under load (ADR-006, ADR-016).
/// Here each table's INSERT is generated once, rows go principals first, and a key the database assigns
/// is read back with RETURNING and handed to EF (<see cref="IUpdateEntry.SetStoreGeneratedValue"/>),
/// which fixes up the foreign keys of the new rows that point at it, as after its own inserts. How the
/// statements run is the provider's (<see cref="SqliteInsertDatabase"/>, <see cref="PostgresInsertDatabase"/>).
/// <para>
/// Everything around the statements stays EF's: interceptors, domain events, accepting the changes, and
/// discarding the assigned keys when the save fails. Values go through each column's type mapping, so
/// they are stored exactly as EF would store them (<c>DirectInsertTests</c> compares the two).
/// Any other save (an update or delete among the entries, an entity type whose insert EF shapes itself:
/// generated or default values besides the key, owned or shared tables, a row pointing at another new
/// row of its own table) goes to EF's pipeline unchanged, as does a save inside a transaction that wants
/// a savepoint around it. The statements bypass EF's command logging.
/// </para>
/// </summary>
public abstract class DirectInsertDatabase(
    DatabaseDependencies dependencies, RelationalDatabaseDependencies relationalDependencies, ICurrentDbContext current)
    : RelationalDatabase(dependencies, relationalDependencies)
{
    /// <summary>How the provider's statements name their parameters, from the parameter's position.</summary>
    private protected abstract Func<int, string> Placeholder { get; }

    public override int SaveChanges(IList<IUpdateEntry> entries) =>
        Plan(entries) is { } plan ? SaveAsync(plan, async: false, default).GetAwaiter().GetResult() : base.SaveChanges(entries);

    public override Task<int> SaveChangesAsync(IList<IUpdateEntry> entries, CancellationToken ct = default) =>
        Plan(entries) is { } plan ? SaveAsync(plan, async: true, ct) : base.SaveChangesAsync(entries, ct);

    private async Task<int> SaveAsync(InsertRow[] plan, bool async, CancellationToken ct)
    {
        var connection = RelationalDependencies.Connection;
        if (async) await connection.OpenAsync(ct);
        else connection.Open();
        try
        {
            if (connection.CurrentTransaction is not null) return await InsertAsync(plan, async, ct);
            // A transaction of its own, begun through EF so that interceptors (SQLite's write gate) see it.
            var transaction = async ? await connection.BeginTransactionAsync(ct) : connection.BeginTransaction();
            try
            {
                var written = await InsertAsync(plan, async, ct);
                if (async) await transaction.CommitAsync(ct);
                else transaction.Commit();
                return written;
            }
            finally
            {
                if (async) await transaction.DisposeAsync();
                else transaction.Dispose();
            }
        }
        finally
        {
            if (async) await connection.CloseAsync();
            else connection.Close();
        }
    }

    /// <summary>Inserts the planned rows, in order, on the context's open connection and current transaction.</summary>
    private protected abstract Task<int> InsertAsync(InsertRow[] plan, bool async, CancellationToken ct);

    /// <summary>The value a row's column is stored with, as a parameter made by the column's type mapping.</summary>
    private protected static DbParameter Parameter(InsertRow row, InsertColumn column, DbCommand factory)
    {
        if (row.Entry.HasTemporaryValue(column.Property))
            throw new InvalidOperationException($"{row.Entry.EntityType.DisplayName()}.{column.Property.Name} still has a temporary value at insert.");
        return column.Mapping.CreateParameter(factory, column.Parameter, row.Entry.GetCurrentValue(column.Property), column.Property.IsNullable);
    }

    /// <summary>Gives EF the key the database assigned to a row.</summary>
    private protected static void KeyAssigned(InsertRow row, object? value) =>
        row.Entry.SetStoreGeneratedValue(row.Table.GeneratedKey!,
            Convert.ChangeType(value ?? throw new InvalidOperationException("The insert returned no key."), row.Table.GeneratedKey!.ClrType, CultureInfo.InvariantCulture));

    private protected static DbUpdateException Failed(Exception e, IUpdateEntry entry) =>
        new("An error occurred while saving the entity changes. See the inner exception for the details.", e, [entry]);

    /// <summary>The entries in insert order, or null when EF's own pipeline must save them.</summary>
    private InsertRow[]? Plan(IList<IUpdateEntry> entries)
    {
        var database = current.Context.Database;
        if (entries.Count == 0 || (database.CurrentTransaction is not null && database.AutoSavepointsEnabled)
            || (database.CurrentTransaction is null && database.AutoTransactionBehavior == AutoTransactionBehavior.Never))
            return null;
        var types = TypeOrder.For(entries[0].EntityType.Model);
        var planned = new InsertRow[entries.Count];
        // Every new row's key, and whether EF has only a temporary value for it yet.
        var newKeys = new Dictionary<(IEntityType, object), bool>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.EntityState != EntityState.Added || entry.SharedIdentityEntry is not null) return null;
            var table = InsertTable.For(entry.EntityType, Placeholder);
            if (table is null || !types.Rank.TryGetValue(entry.EntityType, out var rank)) return null;
            var temporary = table.GeneratedKey is { } key && entry.HasTemporaryValue(key);
            newKeys[(entry.EntityType.GetRootType(), KeyOf(entry, table.Key))] = temporary;
            // EF numbers new rows' temporary keys in the order they were added; rows are inserted in that
            // order (the outbox is read back in key order), as EF's own pipeline does.
            var added = temporary ? Convert.ToInt64(entry.GetCurrentValue(table.GeneratedKey!), CultureInfo.InvariantCulture) : long.MaxValue;
            planned[i] = new InsertRow(entry, table, temporary, rank, added, i);
        }
        // Rows are inserted table by table, principals first. A row that points at another new row of its
        // own table would need the table's rows sorted among themselves, and a foreign key set by hand to
        // a new row's temporary key is not replaced when the database assigns the real one: EF's pipeline
        // handles both.
        foreach (var row in planned)
            foreach (var fk in row.Table.ForeignKeys)
            {
                var sameTable = fk.PrincipalEntityType.GetRootType() == row.Entry.EntityType.GetRootType();
                if (fk.Properties.Any(row.Entry.HasTemporaryValue))
                {
                    if (sameTable) return null;
                    continue;
                }
                if (!fk.PrincipalKey.IsPrimaryKey() || fk.Properties.Any(p => row.Entry.GetCurrentValue(p) is null)) continue;
                if (newKeys.TryGetValue((fk.PrincipalEntityType.GetRootType(), KeyOf(row.Entry, fk.Properties)), out var principalTemporary)
                    && (sameTable || principalTemporary))
                    return null;
            }
        Array.Sort(planned, static (a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Added != b.Added ? a.Added.CompareTo(b.Added) : a.Position.CompareTo(b.Position));
        return planned;
    }

    private protected static object KeyOf(IUpdateEntry entry, IReadOnlyList<IProperty> properties) =>
        properties.Count == 1 ? entry.GetCurrentValue(properties[0])! : string.Join('\u001f', properties.Select(p => entry.GetCurrentValue(p)));
}

/// <summary>One new row: its entry, its table, whether the database assigns its key, and its place in the insert order.</summary>
internal readonly record struct InsertRow(IUpdateEntry Entry, InsertTable Table, bool GeneratesKey, int Rank, long Added, int Position)
{
    public InsertStatement Statement => GeneratesKey ? Table.InsertReturningKey! : Table.Insert;
}

/// <summary>How the rows of one entity type are inserted; null for types EF's pipeline must handle.</summary>
internal sealed class InsertTable
{
    private static readonly ConcurrentDictionary<(IEntityType, Func<int, string>), InsertTable?> Cache = new();

    /// <summary>Every column, the key included: for a row whose key is given.</summary>
    public required InsertStatement Insert { get; init; }
    /// <summary>Every column but the key, which the database assigns and returns.</summary>
    public InsertStatement? InsertReturningKey { get; init; }
    public IProperty? GeneratedKey { get; init; }
    public required IReadOnlyList<IProperty> Key { get; init; }
    public required IForeignKey[] ForeignKeys { get; init; }

    public static InsertTable? For(IEntityType type, Func<int, string> placeholder) => Cache.GetOrAdd((type, placeholder), static k => Build(k.Item1, k.Item2));

    private static InsertTable? Build(IEntityType type, Func<int, string> placeholder)
    {
        if (type.IsOwned() || type.GetComplexProperties().Any() || type.IsMappedToJson() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            return null;
        var mappings = type.GetTableMappings().ToList();
        if (mappings.Count != 1 || mappings[0].Table.EntityTypeMappings.Count() != 1 || mappings[0].Table.Triggers.Any()) return null;
        var key = type.FindPrimaryKey();
        if (key is null) return null;
        IProperty? generatedKey = null;
        var columns = new List<IColumnMapping>();
        foreach (var m in mappings[0].ColumnMappings)
        {
            var p = m.Property;
            if (p.ValueGenerated != ValueGenerated.Never)
            {
                if (p.ValueGenerated != ValueGenerated.OnAdd || key.Properties.Count != 1 || key.Properties[0] != p
                    || (p.ClrType != typeof(long) && p.ClrType != typeof(int)))
                    return null;
                generatedKey = p;
            }
            else if (p.GetDefaultValueSql() is not null || p.GetComputedColumnSql() is not null || m.Column.DefaultValue is not null)
                return null;
            columns.Add(m);
        }
        var table = (mappings[0].Table.Schema is { } schema ? Quote(schema) + "." : "") + Quote(mappings[0].Table.Name);
        return new InsertTable
        {
            Insert = Statement(table, columns, placeholder, returning: null),
            InsertReturningKey = generatedKey is null ? null : Statement(table, columns, placeholder, returning: generatedKey),
            GeneratedKey = generatedKey,
            Key = key.Properties,
            ForeignKeys = type.GetForeignKeys().ToArray(),
        };
    }

    private static InsertStatement Statement(string table, List<IColumnMapping> all, Func<int, string> placeholder, IProperty? returning)
    {
        var columns = all.Where(m => m.Property != returning)
            .Select((m, i) => new InsertColumn(m.Property, m.TypeMapping, Quote(m.Column.Name), placeholder(i))).ToArray();
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (");
        sql.AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES (");
        sql.AppendJoin(", ", columns.Select(c => c.Parameter)).Append(')');
        if (returning is not null) sql.Append(" RETURNING ").Append(Quote(returning.GetColumnName()));
        return new InsertStatement(sql.ToString(), columns);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>An INSERT and the columns its parameters stand for, in order.</summary>
internal sealed record InsertStatement(string Sql, InsertColumn[] Columns);

internal sealed record InsertColumn(IProperty Property, RelationalTypeMapping Mapping, string Name, string Parameter);

/// <summary>
/// Entity types ranked so that every principal comes before its dependents. Types that reference each
/// other in a cycle get no rank, and their rows are saved by EF's pipeline.
/// </summary>
internal sealed class TypeOrder
{
    private static readonly ConditionalWeakTable<IModel, TypeOrder> Cache = new();

    public required Dictionary<IEntityType, int> Rank { get; init; }

    public static TypeOrder For(IModel model) => Cache.GetValue(model, Build);

    private static TypeOrder Build(IModel model)
    {
        var types = model.GetEntityTypes().ToList();
        var principals = types.ToDictionary(t => t, t => t.GetForeignKeys()
            .Select(fk => fk.PrincipalEntityType).Where(p => p != t).Distinct().ToList());
        var rank = new Dictionary<IEntityType, int>();
        // Kahn's algorithm: a type gets its rank once all its principals have one.
        var remaining = new HashSet<IEntityType>(types);
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var t in remaining.ToList())
            {
                if (!principals[t].All(rank.ContainsKey)) continue;
                rank[t] = rank.Count;
                remaining.Remove(t);
                progress = true;
            }
        }
        return new TypeOrder { Rank = rank };
    }
}
