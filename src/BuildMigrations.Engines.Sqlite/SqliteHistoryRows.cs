using BuildMigrations.Engines.History;
using Microsoft.Data.Sqlite;

namespace BuildMigrations.Engines.Sqlite;

/// <summary>Binds <see cref="HistoryRecord"/>s to the history table's parameters (rows are read by <see cref="HistoryColumns"/>).</summary>
internal static class SqliteHistoryRows
{
    public static void Bind(SqliteCommand command, HistoryRecord record, IEnumerable<SqliteHistoryColumn> columns)
    {
        foreach (var column in columns)
            command.Parameters.AddWithValue("@" + column.Name, column.Value(record) ?? DBNull.Value);
    }
}
