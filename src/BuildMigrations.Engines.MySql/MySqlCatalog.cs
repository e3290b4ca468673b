using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;
using MySqlConnector;

namespace BuildMigrations.Engines.MySql;

/// <summary>
/// Databases of a MySQL or MariaDB server. MySQL cannot copy a database, so <see cref="CanCopy"/> is false and
/// callers build each database by applying migrations.
/// </summary>
internal sealed class MySqlCatalog(ConnectionTarget admin) : IDatabaseCatalog
{
    public bool CanCopy => false;

    public Task PingAsync(CancellationToken cancellationToken) => ExecuteAsync("SELECT 1", cancellationToken, timeoutSeconds: 2);

    public Task CreateAsync(string name, string? template, CancellationToken cancellationToken) =>
        template is null
            ? ExecuteAsync($"CREATE DATABASE {Quote(name)} CHARACTER SET utf8mb4", cancellationToken)
            : throw new NotSupportedException("MySQL and MariaDB cannot copy a database; apply the migrations to a new one");

    public Task DropAsync(string name, CancellationToken cancellationToken) => ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)}", cancellationToken);

    public string UrlFor(string name) =>
        admin.Url is null
            ? throw new InvalidOperationException("throwaway databases need an administrator URL")
            : new UriBuilder(admin.Url) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();

    private static string Quote(string identifier) => "`" + identifier.Replace("`", "``") + "`";

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, uint? timeoutSeconds = null)
    {
        var settings = MySqlConnections.ToBuilder(admin, requireDatabase: false);
        if (timeoutSeconds is { } seconds)
            settings.ConnectionTimeout = seconds;
        await using var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
