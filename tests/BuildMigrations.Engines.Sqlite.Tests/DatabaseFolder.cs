using BuildMigrations.Engines.Connections;
using Microsoft.Data.Sqlite;

namespace BuildMigrations.Engines.Sqlite.Tests;

/// <summary>A temporary folder of database files for one test class instance; deleted with everything in it on disposal.</summary>
public sealed class DatabaseFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bm-sqlite-").FullName;

    /// <summary>A new file name in the folder (the file itself does not exist yet).</summary>
    public string NewFile() => System.IO.Path.Combine(Path, $"db-{Guid.NewGuid():N}.db");

    /// <summary>An opened engine session on <paramref name="file"/>, history in migration_history.</summary>
    public static async Task<SqliteEngine> OpenAsync(string file)
    {
        var engine = SqliteEngine.For(ConnectionTarget.Resolve("sqlite:" + file, null), HistoryTableName.DefaultTable);
        await engine.OpenAsync(default);
        return engine;
    }

    /// <summary>Runs <paramref name="sql"/> through a connection of its own, as another program would.</summary>
    public static async Task<object?> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static async Task<bool> TableExistsAsync(string file, string table) =>
        (long)(await ScalarAsync(file, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"))! > 0;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
