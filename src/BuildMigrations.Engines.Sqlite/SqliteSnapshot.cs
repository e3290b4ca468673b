using BuildMigrations.Engines.Schema;
using Microsoft.Data.Sqlite;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>
/// Reads a canonical schema snapshot of the <c>main</c> database from SQLite's pragmas and <c>sqlite_master</c>:
/// tables (WITHOUT ROWID, STRICT), columns (declared type, NOT NULL, default, primary-key position, generated),
/// indexes (unique, columns with order and collation, partial WHERE), UNIQUE constraints, foreign keys, views and
/// triggers. Keys are names, never column positions or rowids, so the same schema built in another order compares
/// equal. SQLite's own tables and the history table are left out.
/// </summary>
/// <remarks>
/// Not covered, because SQLite keeps them only inside the CREATE TABLE text: CHECK constraints, column collations,
/// and the expressions of generated columns.
/// </remarks>
internal static class SqliteSnapshot
{
    // Tables of the user: not sqlite_* (sqlite_sequence, sqlite_stat1), not the history table.
    private const string UserTables = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name <> @history";

    private static readonly (string Sql, Func<SqliteDataReader, SchemaObject> Read)[] Queries =
    [
        ($"""
            SELECT m.name, t.type, t.wr, t.strict, m.sql FROM sqlite_master m JOIN pragma_table_list t ON t.name = m.name AND t.schema = 'main'
            WHERE {UserTables} AND t.type <> 'shadow'
            """,
            r => new($"table {r.GetString(0)}", (r.GetString(1) == "virtual" ? "VIRTUAL " + SqliteSchemaText.Normalize(r.GetString(4)) : "TABLE")
                + (r.GetBoolean(2) ? " WITHOUT ROWID" : "") + (r.GetBoolean(3) ? " STRICT" : ""))),
        ($"""
            SELECT m.name, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden FROM sqlite_master m JOIN pragma_table_xinfo(m.name) c
            WHERE {UserTables}
            """,
            r => new($"column {r.GetString(0)}.{r.GetString(1)}", r.GetString(2).ToUpperInvariant()
                + (r.GetBoolean(3) ? " NOT NULL" : " NULL")
                + (r.IsDBNull(4) ? "" : " DEFAULT " + r.GetString(4))
                + (r.GetInt64(5) > 0 ? $" PRIMARY KEY {r.GetInt64(5)}" : "")
                + (r.GetInt64(6) switch { 2 => " GENERATED VIRTUAL", 3 => " GENERATED STORED", _ => "" }))),
        ($"""
            SELECT m.name, f.id, f."table", group_concat(f."from", ', ' ORDER BY f.seq), group_concat(coalesce(f."to", '(primary key)'), ', ' ORDER BY f.seq),
                   f.on_update, f.on_delete, f."match"
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE {UserTables} GROUP BY m.name, f.id
            """,
            r => new($"foreign key {r.GetString(0)} ({r.GetString(3)}) REFERENCES {r.GetString(2)} ({r.GetString(4)})",
                $"ON UPDATE {r.GetString(5)} ON DELETE {r.GetString(6)} MATCH {r.GetString(7)}")),
        ("SELECT name, sql FROM sqlite_master WHERE type = 'view'",
            r => new($"view {r.GetString(0)}", SqliteSchemaText.Normalize(r.GetString(1)))),
        ("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name <> @history",
            r => new($"trigger {r.GetString(0)}.{r.GetString(1)}", SqliteSchemaText.Normalize(r.GetString(2)))),
    ];

    public static async Task<SchemaSnapshot> ReadAsync(SqliteConnection connection, string historyTable, CancellationToken cancellationToken)
    {
        var objects = new List<SchemaObject>();
        foreach (var (sql, read) in Queries)
        {
            await using var command = new SqliteCommand(sql, connection);
            command.Parameters.AddWithValue("@history", historyTable);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                objects.Add(read(reader));
        }
        objects.AddRange(await SqliteIndexes.ReadAsync(connection, historyTable, cancellationToken));
        return new SchemaSnapshot(objects);
    }
}
