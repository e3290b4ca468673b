using BuildMigrations.Engines.Schema;
using MySqlConnector;

namespace BuildMigrations.Engines.MySql;

public sealed partial class MySqlEngine : ITableSizes
{
    // TABLE_ROWS is InnoDB's estimate; DATA_LENGTH + INDEX_LENGTH the bytes on disk. Neither scans the table.
    private const string SizeSql = """
        SELECT TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = COALESCE(@schema, DATABASE()) AND TABLE_NAME = @table AND TABLE_TYPE = 'BASE TABLE'
        """;

    public async Task<TableSize?> SizeAsync(string? schema, string table, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(SizeSql, Connection);
        command.Parameters.AddWithValue("@schema", schema);
        command.Parameters.AddWithValue("@table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new TableSize(reader.IsDBNull(0) ? null : Convert.ToInt64(reader.GetValue(0)), reader.IsDBNull(1) ? null : Convert.ToInt64(reader.GetValue(1)));
    }
}
