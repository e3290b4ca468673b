using BuildMigrations.Sandbox.Local;
using Npgsql;

namespace BuildMigrations.TestSupport;

/// <summary>
/// One throwaway PostgreSQL server for a test class (started from the local binaries, stopped and deleted
/// afterwards, also when tests fail), and a fresh database per test.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private LocalPostgresServer? _server;
    private int _databases;

    public LocalPostgresServer Server => _server ?? throw new InvalidOperationException("the server is not started");

    public async Task InitializeAsync()
    {
        _server = await LocalPostgresServer.StartAsync();
        // A role with a password, so tests can prove the password never appears in output.
        await ExecuteAsync("postgres", $"CREATE ROLE deployer LOGIN SUPERUSER PASSWORD '{Password}'");
    }

    /// <summary>The password of the <c>deployer</c> role used in connection URLs.</summary>
    public string Password { get; } = "Pw-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A new empty database; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync("postgres", $"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>A URL with the deployer's password for <paramref name="database"/>.</summary>
    public string Url(string database) => $"postgresql://deployer:{Password}@{Server.Host}:{Server.Port}/{database}";

    /// <summary>An Npgsql connection string (superuser, no password) for assertions.</summary>
    public string ConnectionString(string database) => Server.ConnectionString(database);

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
