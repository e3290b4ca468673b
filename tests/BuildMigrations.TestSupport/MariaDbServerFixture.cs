using BuildMigrations.Sandbox.Local;
using MySqlConnector;

namespace BuildMigrations.TestSupport;

/// <summary>One throwaway MariaDB server for a test class, and a fresh database per test; assertions go through MySqlConnector.</summary>
public sealed class MariaDbServerFixture : IAsyncLifetime
{
    private LocalMariaDbServer? _server;
    private int _databases;

    public LocalMariaDbServer Server => _server ?? throw new InvalidOperationException("the server is not started");

    public string Password => Server.Password;

    public async Task InitializeAsync() => _server = await LocalMariaDbServer.StartAsync();

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync(null, $"CREATE DATABASE `{name}`");
        return name;
    }

    /// <summary><c>mariadb://root:PASSWORD@127.0.0.1:PORT/DATABASE</c>.</summary>
    public string Url(string database) => Server.Url(database);

    public async Task ExecuteAsync(string? database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row, as text ("NULL" for null); null when there is no row.</summary>
    public async Task<string?> ScalarAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return reader.IsDBNull(0) ? "NULL" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> TableExistsAsync(string database, string table) =>
        await ScalarAsync(database, $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{database}' AND table_name = '{table}'") == "1";

    private async Task<MySqlConnection> OpenAsync(string? database)
    {
        var settings = new MySqlConnectionStringBuilder
        {
            Server = Server.Host,
            Port = (uint)Server.Port,
            UserID = "root",
            Password = Server.Password,
            Database = database ?? "",
            Pooling = false,
            AllowUserVariables = true,
        };
        var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
