using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;
using Npgsql;

namespace BuildMigrations.Engines.PostgreSql;

/// <summary>
/// Databases of a PostgreSQL server. Copies use <c>CREATE DATABASE ... TEMPLATE</c>, which costs tens of
/// milliseconds, so a database per test is cheap.
/// </summary>
internal sealed class PostgreSqlCatalog(ConnectionTarget admin) : IDatabaseCatalog
{
    // CREATE DATABASE ... TEMPLATE fails while another session copies the same template: one at a time.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public bool CanCopy => true;

    public Task PingAsync(CancellationToken cancellationToken) => ExecuteAsync("SELECT 1", cancellationToken, timeoutSeconds: 2);

    public async Task CreateAsync(string name, string? template, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ExecuteAsync($"CREATE DATABASE {Quote(name)}" + (template is null ? "" : $" TEMPLATE {Quote(template)}"), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DropAsync(string name, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", cancellationToken);
    }

    public string UrlFor(string name) =>
        admin.Url is null
            ? throw new InvalidOperationException("throwaway databases need an administrator URL")
            : new UriBuilder(admin.Url) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, int? timeoutSeconds = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlConnections.ToConnectionString(admin, requireDatabase: false)) { Pooling = false };
        if (timeoutSeconds is { } seconds)
            builder.Timeout = seconds;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
