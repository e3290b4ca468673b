namespace BuildMigrations.Engines.Schema;

/// <summary>The live size of a table: the planner's row estimate and the bytes of the table with its indexes and TOAST.</summary>
public sealed record TableSize(long? Rows, long? Bytes);

/// <summary>An engine that can say how big a table is, so plan can tell what a lock or a rewrite will cost.</summary>
/// <remarks>Optional: plan shows no sizes for an engine without it. Must only read the catalog (never scan the table).</remarks>
public interface ITableSizes
{
    /// <summary>The size of <paramref name="schema"/>.<paramref name="table"/> (schema null: as the search path finds it); null when it does not exist.</summary>
    Task<TableSize?> SizeAsync(string? schema, string table, CancellationToken cancellationToken);
}
