using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>
/// What differs between database images: environment (official images' contract), port, the server arguments
/// that make it listen on a port of the host's network, URL (password, host, port).
/// </summary>
internal sealed record DockerDatabaseSpec(
    string Engine,
    int ContainerPort,
    Func<string, IReadOnlyDictionary<string, string>> Environment,
    Func<int, string[]> HostNetworkArguments,
    Func<string, string, int, string> Url)
{
    /// <summary>The official image contract of the engine's server kind; null when it runs in no container (SQLite).</summary>
    public static DockerDatabaseSpec? For(string engine, IEngineProvider provider) => provider.ServerKind switch
    {
        SandboxServerKind.PostgreSql => new(engine, 5432,
            password => new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = password },
            port => ["-c", $"port={port}", "-c", "listen_addresses=127.0.0.1"],
            (password, host, port) => $"postgresql://postgres:{password}@{host}:{port}/postgres"),
        // The official mariadb and mysql images (MARIADB_ROOT_PASSWORD / MYSQL_ROOT_PASSWORD).
        SandboxServerKind.MySql => new(engine, 3306,
            password => new Dictionary<string, string> { ["MARIADB_ROOT_PASSWORD"] = password, ["MYSQL_ROOT_PASSWORD"] = password },
            port => [$"--port={port}", "--bind-address=127.0.0.1"],
            (password, host, port) => $"{engine}://root:{password}@{host}:{port}/mysql"),
        _ => null,
    };

    /// <summary>Succeeds once the server accepts connections.</summary>
    public Task ConnectAsync(string url, CancellationToken cancellationToken) =>
        KnownEngines.Registry.Get(Engine).OpenCatalog(ConnectionTarget.Resolve(url, Engine)).PingAsync(cancellationToken);
}
