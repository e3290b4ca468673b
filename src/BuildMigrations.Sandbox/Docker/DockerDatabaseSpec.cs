using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.MySql;
using BuildMigrations.Engines.PostgreSql;
using Npgsql;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>What differs between database images: environment (official images' contract), port, URL, readiness.</summary>
internal sealed record DockerDatabaseSpec(
    string Engine,
    int ContainerPort,
    Func<string, string[]> Environment,
    Func<int, string[]> HostNetworkArguments,
    Func<string, int, string> Url,
    Func<string, CancellationToken, Task> ConnectAsync)
{
    public static DockerDatabaseSpec PostgreSql { get; } = new("postgresql", 5432,
        password => [$"POSTGRES_PASSWORD={password}"],
        port => ["-c", $"port={port}", "-c", "listen_addresses=127.0.0.1"],
        (password, port) => $"postgresql://postgres:{password}@127.0.0.1:{port}/postgres",
        async (url, cancellationToken) =>
        {
            var connectionString = new NpgsqlConnectionStringBuilder(PostgreSqlConnections.ToConnectionString(ConnectionTarget.Resolve(url, null)))
            {
                Pooling = false,
                Timeout = 2,
            }.ConnectionString;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
        });

    /// <summary>The official mariadb and mysql images (MARIADB_ROOT_PASSWORD / MYSQL_ROOT_PASSWORD).</summary>
    public static DockerDatabaseSpec MySql(string engine) => new(engine, 3306,
        password => [$"MARIADB_ROOT_PASSWORD={password}", $"MYSQL_ROOT_PASSWORD={password}"],
        port => [$"--port={port}", "--bind-address=127.0.0.1"],
        (password, port) => $"{engine}://root:{password}@127.0.0.1:{port}/mysql",
        (url, cancellationToken) => MySqlAdmin.ExecuteAsync(ConnectionTarget.Resolve(url, engine), "SELECT 1", cancellationToken));
}
