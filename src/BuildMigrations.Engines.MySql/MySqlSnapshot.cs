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
        SELECT HEX(CONCAT('foreign key ', k.table_name, '.', k.constraint_name)),
               HEX(CONCAT('(', GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position SEPARATOR ', '), ') REFERENCES ', k.referenced_table_name,
                          ' (', GROUP_CONCAT(k.referenced_column_name ORDER BY k.ordinal_position SEPARATOR ', '), ') ON DELETE ', r.delete_rule, ' ON UPDATE ', r.update_rule))
          FROM information_schema.key_column_usage k
          JOIN information_schema.referential_constraints r ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name
          WHERE k.table_schema = @schema AND k.referenced_table_name IS NOT NULL
          GROUP BY k.table_name, k.constraint_name, k.referenced_table_name, r.delete_rule, r.update_rule
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

    public static async Task<SchemaSnapshot> ReadAsync(MySqlConnection connection, string schema, string historyTable, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(Queries, connection);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("history", historyTable);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var objects = new List<SchemaObject>();
        while (await reader.ReadAsync(cancellationToken))
            objects.Add(new SchemaObject(FromHex(reader.GetString(0)), reader.IsDBNull(1) ? "" : FromHex(reader.GetString(1))));
        return new SchemaSnapshot(objects);
    }

    // HEX on both sides of every UNION branch keeps information_schema's mixed collations from clashing.
    private static string FromHex(string hex) => System.Text.Encoding.UTF8.GetString(Convert.FromHexString(hex));
}
