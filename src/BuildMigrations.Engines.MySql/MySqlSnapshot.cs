using BuildMigrations.Engines.Schema;
using MySqlConnector;

namespace BuildMigrations.Engines.MySql;

/// <summary>
/// A canonical schema snapshot of the current database from information_schema: tables, columns, indexes,
/// foreign keys, views, routines, triggers. Keys and definitions are read as HEX. The database is named, not taken from DATABASE(), so a
/// migration's USE cannot move the snapshot; the database's own name is removed from definitions, so snapshots compare across databases.
/// </summary>
internal static class MySqlSnapshot
{
    private const string Queries = """
        SELECT HEX(CONCAT('table ', table_name)), HEX(CONCAT(IFNULL(engine, ''), ' ', IFNULL(table_collation, '')))
          FROM information_schema.tables WHERE table_schema = @schema AND table_type = 'BASE TABLE' AND table_name <> @history
        UNION ALL
        SELECT HEX(CONCAT('column ', table_name, '.', column_name)),
               HEX(CONCAT(column_type, IF(is_nullable = 'YES', ' NULL', ' NOT NULL'), IFNULL(CONCAT(' DEFAULT ', column_default), ''),
                          IF(extra <> '', CONCAT(' ', extra), ''), IFNULL(CONCAT(' COLLATE ', collation_name), '')))
          FROM information_schema.columns WHERE table_schema = @schema AND table_name <> @history
        UNION ALL
        SELECT HEX(CONCAT('index ', table_name, '.', index_name)),
               HEX(CONCAT(IF(non_unique = 0, 'UNIQUE ', ''), index_type, ' (',
                          GROUP_CONCAT(CONCAT(column_name, IFNULL(CONCAT('(', sub_part, ')'), '')) ORDER BY seq_in_index SEPARATOR ', '), ')'))
          FROM information_schema.statistics WHERE table_schema = @schema AND table_name <> @history
          GROUP BY table_name, index_name, non_unique, index_type
        UNION ALL
        SELECT HEX(CONCAT('foreign key ', table_name, '.', constraint_name)),
               HEX(CONCAT('(', GROUP_CONCAT(column_name ORDER BY ordinal_position SEPARATOR ', '), ') REFERENCES ', referenced_table_name,
                          ' (', GROUP_CONCAT(referenced_column_name ORDER BY ordinal_position SEPARATOR ', '), ')'))
          FROM information_schema.key_column_usage
          WHERE table_schema = @schema AND referenced_table_name IS NOT NULL
          GROUP BY table_name, constraint_name, referenced_table_name
        UNION ALL
        SELECT HEX(CONCAT('+foreign key ', table_name, '.', constraint_name)), HEX(CONCAT(' ON DELETE ', delete_rule, ' ON UPDATE ', update_rule))
          FROM information_schema.referential_constraints WHERE constraint_schema = @schema
        UNION ALL
        SELECT HEX(CONCAT('view ', table_name)), HEX(REPLACE(view_definition, CONCAT('`', @schema, '`.'), ''))
          FROM information_schema.views WHERE table_schema = @schema
        UNION ALL
        SELECT HEX(CONCAT(LOWER(routine_type), ' ', routine_name)), HEX(CONCAT(IFNULL(dtd_identifier, ''), ' ', REPLACE(routine_definition, CONCAT('`', @schema, '`.'), '')))
          FROM information_schema.routines WHERE routine_schema = @schema
        UNION ALL
        SELECT HEX(CONCAT('trigger ', trigger_name)), HEX(CONCAT(action_timing, ' ', event_manipulation, ' ON ', event_object_table, ' ', action_statement))
          FROM information_schema.triggers WHERE trigger_schema = @schema
        """;

    // Rows whose key starts with this complete another object's definition. MariaDB evaluates a join of two
    // information_schema views row by row (a foreign key's columns with its rules took most of a snapshot's time),
    // so the rules are read on their own and appended here.
    private const string AppendTo = "+";

    public static async Task<SchemaSnapshot> ReadAsync(MySqlConnection connection, string schema, string historyTable, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(Queries, connection);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("history", historyTable);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        var appended = new List<(string Key, string Text)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var (key, definition) = (FromHex(reader.GetString(0)), reader.IsDBNull(1) ? "" : FromHex(reader.GetString(1)));
            if (key.StartsWith(AppendTo, StringComparison.Ordinal))
                appended.Add((key[AppendTo.Length..], definition));
            else
                objects[key] = definition;
        }
        foreach (var (key, text) in appended)
        {
            if (objects.TryGetValue(key, out var definition))
                objects[key] = definition + text;
        }
        return new SchemaSnapshot(objects.Select(o => new SchemaObject(o.Key, o.Value)));
    }

    // HEX on both sides of every UNION branch keeps information_schema's mixed collations from clashing.
    private static string FromHex(string hex) => System.Text.Encoding.UTF8.GetString(Convert.FromHexString(hex));
}
