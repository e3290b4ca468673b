using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.PostgreSql;
using Npgsql;

namespace BuildMigrations.Sandbox;

/// <summary>
/// Throwaway databases on a PostgreSQL server reached through an administrator URL. Copies use
/// <c>CREATE DATABASE ... TEMPLATE</c>, which costs tens of milliseconds, so a database per test is cheap.
/// </summary>
public sealed class PostgresServerSandbox(string adminUrl, string description, IAsyncDisposable? server) : IDatabaseSandbox
{
    private readonly List<string> _created = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _count;

    public string Engine => "postgresql";

    public bool CanCopy => true;

    public string Description => description;

    public async Task<SandboxDatabase> CreateDatabaseAsync(string? template, CancellationToken cancellationToken)
    {
        // Unique per process and call: parallel test runs against one existing server never collide.
        var name = $"bm_test_{Environment.ProcessId}_{Interlocked.Increment(ref _count)}_{Guid.NewGuid().ToString("N")[..8]}";
        var sql = $"CREATE DATABASE {Quote(name)}" + (template is null ? "" : $" TEMPLATE {Quote(template)}");
        // CREATE DATABASE ... TEMPLATE fails while another session copies the same template: one at a time.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ExecuteAsync(sql, cancellationToken);
            lock (_created)
                _created.Add(name);
        }
        finally
        {
            _gate.Release();
        }
        return new SandboxDatabase(name, UrlFor(name));
    }

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", cancellationToken);
        lock (_created)
            _created.Remove(name);
    }

    private string UrlFor(string database) => new UriBuilder(adminUrl) { Path = "/" + database }.Uri.ToString();

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlConnections.ToConnectionString(ConnectionTarget.Resolve(adminUrl, null))) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        string[] created;
        lock (_created)
            created = [.. _created];
        try
        {
            foreach (var name in created)
                await DropDatabaseAsync(name, CancellationToken.None);
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync();
        }
    }
}
