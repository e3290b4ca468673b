using BuildMigrations.Engines.Schema;

namespace BuildMigrations.Engines.MySql;

/// <summary>
/// A canonical schema snapshot of the current database from information_schema: tables, columns, indexes,
/// foreign keys, views, routines, triggers. Keys and definitions are read as HEX so any text survives the
/// client's output; the database's own name is removed from definitions, so snapshots compare across databases.
/// </summary>
internal static class MySqlSnapshot
{
    private static string Queries(string history) => $"""
        SELECT HEX(CONCAT('table ', table_name)), HEX(CONCAT(IFNULL(engine, ''), ' ', IFNULL(table_collation, '')))
          FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name <> '{history}'
        UNION ALL
        SELECT HEX(CONCAT('column ', table_name, '.', column_name)),
               HEX(CONCAT(column_type, IF(is_nullable = 'YES', ' NULL', ' NOT NULL'), IFNULL(CONCAT(' DEFAULT ', column_default), ''),
                          IF(extra <> '', CONCAT(' ', extra), ''), IFNULL(CONCAT(' COLLATE ', collation_name), '')))
          FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name <> '{history}'
        UNION ALL
        SELECT HEX(CONCAT('index ', table_name, '.', index_name)),
               HEX(CONCAT(IF(non_unique = 0, 'UNIQUE ', ''), index_type, ' (',
                          GROUP_CONCAT(CONCAT(column_name, IFNULL(CONCAT('(', sub_part, ')'), '')) ORDER BY seq_in_index SEPARATOR ', '), ')'))
          FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name <> '{history}'
          GROUP BY table_name, index_name, non_unique, index_type
        UNION ALL
        SELECT HEX(CONCAT('foreign key ', k.table_name, '.', k.constraint_name)),
               HEX(CONCAT('(', GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position SEPARATOR ', '), ') REFERENCES ', k.referenced_table_name,
                          ' (', GROUP_CONCAT(k.referenced_column_name ORDER BY k.ordinal_position SEPARATOR ', '), ') ON DELETE ', r.delete_rule, ' ON UPDATE ', r.update_rule))
          FROM information_schema.key_column_usage k
          JOIN information_schema.referential_constraints r ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name
          WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL
          GROUP BY k.table_name, k.constraint_name, k.referenced_table_name, r.delete_rule, r.update_rule
        UNION ALL
        SELECT HEX(CONCAT('view ', table_name)), HEX(REPLACE(view_definition, CONCAT('`', DATABASE(), '`.'), ''))
          FROM information_schema.views WHERE table_schema = DATABASE()
        UNION ALL
        SELECT HEX(CONCAT(LOWER(routine_type), ' ', routine_name)), HEX(CONCAT(IFNULL(dtd_identifier, ''), ' ', REPLACE(routine_definition, CONCAT('`', DATABASE(), '`.'), '')))
          FROM information_schema.routines WHERE routine_schema = DATABASE()
        UNION ALL
        SELECT HEX(CONCAT('trigger ', trigger_name)), HEX(CONCAT(action_timing, ' ', event_manipulation, ' ON ', event_object_table, ' ', action_statement))
          FROM information_schema.triggers WHERE trigger_schema = DATABASE()
        """;

    public static async Task<SchemaSnapshot> ReadAsync(MySqlClientSession session, string historyTable, CancellationToken cancellationToken)
    {
        var result = await session.ExecuteAsync(Queries(historyTable.Replace("'", "''")), cancellationToken);
        if (result.Error is not null)
            throw new MySqlCommandException(result.Error);
        return new SchemaSnapshot(result.Rows.Select(r => new SchemaObject(MySqlLiteral.FromHex(r[0])!, MySqlLiteral.FromHex(r[1]) ?? "")));
    }
}
