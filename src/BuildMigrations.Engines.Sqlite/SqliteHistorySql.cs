using BuildMigrations.Engines.History;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>The SQL of the history table, for one table name (in the <c>main</c> database of the file).</summary>
internal sealed class SqliteHistorySql(HistoryTableName name)
{
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public string Table { get; } = $"{Quote(name.Schema ?? "main")}.{Quote(name.Table)}";

    public string Create => $"CREATE TABLE IF NOT EXISTS {Table} (\n    id INTEGER PRIMARY KEY,\n    "
        + string.Join(",\n    ", SqliteHistoryColumns.Written.Select(c => $"{c.Name} {c.Declaration}")) + "\n)";

    /// <summary>
    /// How many of the history's identifying columns the table has, whether it has the command column, and how many
    /// columns it has (none: there is no such table). Names are plain identifiers: HistoryTableName checks them.
    /// </summary>
    public string ColumnCounts =>
        $"SELECT coalesce(sum(lower(name) IN ({HistoryTableShape.IdentifyingColumns})), 0), coalesce(sum(lower(name) = 'command'), 0), count(*) "
        + $"FROM pragma_table_info('{name.Table}', '{name.Schema ?? "main"}')";

    public string AddCommandColumn => $"ALTER TABLE {Table} ADD COLUMN command TEXT";

    public string Insert =>
        $"INSERT INTO {Table} ({string.Join(", ", SqliteHistoryColumns.Written.Select(c => c.Name))}) "
        + $"VALUES ({string.Join(", ", SqliteHistoryColumns.Written.Select(c => "@" + c.Name))}) RETURNING id";

    public string Complete =>
        $"UPDATE {Table} SET {string.Join(", ", SqliteHistoryColumns.Completed.Select(c => $"{c.Name} = @{c.Name}"))} WHERE id = @id";

    public string Select => $"SELECT id, {string.Join(", ", SqliteHistoryColumns.Written.Select(c => c.Name))} FROM {Table} ORDER BY id";
}
