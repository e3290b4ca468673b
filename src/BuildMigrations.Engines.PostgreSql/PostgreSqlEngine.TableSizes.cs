using BuildMigrations.Engines.Schema;
using Npgsql;

namespace BuildMigrations.Engines.PostgreSql;

public sealed partial class PostgreSqlEngine : ITableSizes
{
    // reltuples is the planner's estimate (-1 before the first ANALYZE or VACUUM; then the statistics collector's
    // live-tuple count stands in). Unquoted names in scripts fold to lower case, so that spelling is tried second.
    private const string SizeSql = """
        WITH target AS (
            SELECT COALESCE(
                to_regclass(CASE WHEN @schema IS NULL THEN '' ELSE quote_ident(@schema) || '.' END || quote_ident(@table)),
                to_regclass(CASE WHEN @schema IS NULL THEN '' ELSE quote_ident(lower(@schema)) || '.' END || quote_ident(lower(@table)))) AS oid)
        SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE s.n_live_tup END, pg_total_relation_size(c.oid)
        FROM target JOIN pg_class c ON c.oid = target.oid
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relkind IN ('r', 'p', 'm')
        """;

    public async Task<TableSize?> SizeAsync(string? schema, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SizeSql, Connection);
        command.Parameters.Add(new NpgsqlParameter<string?>("schema", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = schema });
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new TableSize(reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }
}
