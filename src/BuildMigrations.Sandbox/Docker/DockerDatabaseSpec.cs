using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>What differs between database images: environment (official images' contract), port, URL.</summary>
internal sealed record DockerDatabaseSpec(
    string Engine,
    int ContainerPort,
    Func<string, string[]> Environment,
    Func<int, string[]> HostNetworkArguments,
    Func<string, int, string> Url)
{
    /// <summary>The official image contract of the engine's server kind; null when it runs in no container (SQLite).</summary>
    public static DockerDatabaseSpec? For(string engine, IEngineProvider provider) => provider.ServerKind switch
    {
        SandboxServerKind.PostgreSql => new(engine, 5432,
            password => [$"POSTGRES_PASSWORD={password}"],
            port => ["-c", $"port={port}", "-c", "listen_addresses=127.0.0.1"],
            (password, port) => $"postgresql://postgres:{password}@127.0.0.1:{port}/postgres"),
        // The official mariadb and mysql images (MARIADB_ROOT_PASSWORD / MYSQL_ROOT_PASSWORD).
        SandboxServerKind.MySql => new(engine, 3306,
            password => [$"MARIADB_ROOT_PASSWORD={password}", $"MYSQL_ROOT_PASSWORD={password}"],
            port => [$"--port={port}", "--bind-address=127.0.0.1"],
            (password, port) => $"{engine}://root:{password}@127.0.0.1:{port}/mysql"),
        _ => null,
    };

    /// <summary>Succeeds once the server accepts connections.</summary>
    public Task ConnectAsync(string url, CancellationToken cancellationToken) =>
        KnownEngines.Registry.Get(Engine).OpenCatalog(ConnectionTarget.Resolve(url, Engine)).PingAsync(cancellationToken);
}
