namespace BuildMigrations.Engines.Sqlite;

/// <summary>The SQL of the history table, for one table name (in the <c>main</c> database of the file).</summary>
internal sealed class SqliteHistorySql(HistoryTableName name)
{
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public string Table { get; } = $"{Quote(name.Schema ?? "main")}.{Quote(name.Table)}";

    /// <summary>The catalog of the table's database, to ask whether the table exists.</summary>
    public string Catalog { get; } = $"{Quote(name.Schema ?? "main")}.sqlite_master";

    public string Create => $"CREATE TABLE IF NOT EXISTS {Table} (\n    id INTEGER PRIMARY KEY,\n    "
        + string.Join(",\n    ", SqliteHistoryColumns.Written.Select(c => $"{c.Name} {c.Declaration}")) + "\n)";

    /// <summary>Whether a history table made before the command column has it (names are plain identifiers: HistoryTableName checks them).</summary>
    public string HasCommandColumn => $"SELECT count(*) FROM pragma_table_info('{name.Table}', '{name.Schema ?? "main"}') WHERE name = 'command'";

    public string AddCommandColumn => $"ALTER TABLE {Table} ADD COLUMN command TEXT";

    public string Exists => $"SELECT count(*) FROM {Catalog} WHERE type = 'table' AND name = @name";

    public string Insert =>
        $"INSERT INTO {Table} ({string.Join(", ", SqliteHistoryColumns.Written.Select(c => c.Name))}) "
        + $"VALUES ({string.Join(", ", SqliteHistoryColumns.Written.Select(c => "@" + c.Name))}) RETURNING id";

    public string Complete =>
        $"UPDATE {Table} SET {string.Join(", ", SqliteHistoryColumns.Completed.Select(c => $"{c.Name} = @{c.Name}"))} WHERE id = @id";

    public string Select => $"SELECT id, {string.Join(", ", SqliteHistoryColumns.Written.Select(c => c.Name))} FROM {Table} ORDER BY id";
}
