using BuildMigrations.Engines.Schema;
using Microsoft.Data.Sqlite;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>
/// The indexes of the user's tables as snapshot objects. A <c>CREATE INDEX</c> is keyed by its name; an index SQLite
/// made for a UNIQUE constraint is keyed by its table and columns (its name, <c>sqlite_autoindex_T_N</c>, counts the
/// constraints in declaration order); the primary key's is left out (the columns carry it).
/// </summary>
internal static class SqliteIndexes
{
    private const string Sql = """
        SELECT m.name, i.name, i."unique", i.origin, s.sql,
               group_concat(coalesce(x.name, '(expression)') || iif(x."desc", ' DESC', '') || iif(x.coll <> 'BINARY', ' COLLATE ' || x.coll, ''), ', ' ORDER BY x.seqno),
               max(x.cid = -2)
        FROM sqlite_master m
        JOIN pragma_index_list(m.name) i
        JOIN pragma_index_xinfo(i.name) x
        LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = i.name
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name <> @history AND x.key AND i.origin <> 'pk'
        GROUP BY m.name, i.name
        """;

    public static async Task<IReadOnlyList<SchemaObject>> ReadAsync(SqliteConnection connection, string historyTable, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(Sql, connection);
        command.Parameters.AddWithValue("@history", historyTable);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var indexes = new List<SchemaObject>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var (table, name, unique, origin, columns) = (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3), reader.GetString(5));
            if (origin == "u")
            {
                indexes.Add(new SchemaObject($"unique {table} ({columns})", "UNIQUE"));
                continue;
            }
            var sql = reader.IsDBNull(4) ? "" : reader.GetString(4);
            var definition = $"{(unique ? "UNIQUE " : "")}ON {table} ({columns})";
            if (SqliteSchemaText.WhereClause(sql) is { } where)
                definition += " WHERE " + where;
            if (reader.GetBoolean(6))
                definition += " AS " + SqliteSchemaText.Normalize(sql); // expressions are only in the text
            indexes.Add(new SchemaObject($"index {name}", definition));
        }
        return indexes;
    }
}
