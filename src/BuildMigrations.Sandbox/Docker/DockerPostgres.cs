using System.Net;
using System.Net.Sockets;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.PostgreSql;
using Npgsql;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>
/// A PostgreSQL container for one test run: official image contract (POSTGRES_PASSWORD), labelled so containers
/// of crashed runs are removed later, ready when a connection succeeds (never after a fixed sleep).
/// </summary>
internal sealed class DockerPostgres : IAsyncDisposable
{
    public const string Label = "io.buildmigrations.sandbox";
    private const string OwnerLabel = "io.buildmigrations.owner-pid";

    private DockerPostgres(string containerId, string url)
    {
        ContainerId = containerId;
        Url = url;
    }

    public string ContainerId { get; }

    public string Url { get; }

    /// <param name="image">e.g. postgres:15 (MIGRATIONS_TEST_POSTGRES_IMAGE).</param>
    /// <param name="network">"host" to share the host's network on a free port; otherwise a random published port on 127.0.0.1.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<DockerPostgres> StartAsync(string image, string? network, CancellationToken cancellationToken)
    {
        await StaleContainers.RemoveAsync(cancellationToken);
        var password = Guid.NewGuid().ToString("N");
        var hostNetwork = string.Equals(network, "host", StringComparison.OrdinalIgnoreCase);
        var port = hostNetwork ? FreePort() : 0;
        List<string> args = ["run", "-d", "--rm", "--label", $"{Label}=postgresql", "--label", $"{OwnerLabel}={Environment.ProcessId}",
            "-e", $"POSTGRES_PASSWORD={password}"];
        args.AddRange(hostNetwork ? ["--network", "host"] : network is null ? ["-p", "127.0.0.1::5432"] : ["--network", network, "-p", "127.0.0.1::5432"]);
        args.Add(image);
        if (hostNetwork)
            args.AddRange(["-c", $"port={port}", "-c", "listen_addresses=127.0.0.1"]);

        var (exit, output) = await DockerCli.RunAsync(cancellationToken, [.. args]);
        if (exit != 0)
            throw new SandboxUnavailableException($"docker could not start {image}: {output}");
        var id = output.Split('\n')[^1].Trim();
        Reaper.AfterThisProcess($"docker rm -f {id} >/dev/null 2>&1");
        try
        {
            if (!hostNetwork)
                port = await PublishedPortAsync(id, cancellationToken);
            var url = $"postgresql://postgres:{password}@127.0.0.1:{port}/postgres";
            await WaitUntilReadyAsync(id, url, cancellationToken);
            return new DockerPostgres(id, url);
        }
        catch
        {
            await DockerCli.RunAsync(CancellationToken.None, "rm", "-f", id);
            throw;
        }
    }

    private static async Task<int> PublishedPortAsync(string id, CancellationToken cancellationToken)
    {
        var (_, output) = await DockerCli.RunAsync(cancellationToken, "port", id, "5432/tcp");
        var line = output.Split('\n').First(l => l.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        return int.Parse(line[(line.LastIndexOf(':') + 1)..]);
    }

    private static async Task WaitUntilReadyAsync(string id, string url, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgreSqlConnections.ToConnectionString(ConnectionTarget.Resolve(url, null)))
        {
            Pooling = false,
            Timeout = 2,
        }.ConnectionString;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                var (state, _) = await DockerCli.RunAsync(cancellationToken, "inspect", "--format", "{{.State.Running}}", id);
                if (state != 0)
                    throw new SandboxUnavailableException($"the PostgreSQL container {id[..12]} stopped while starting");
                await Task.Delay(200, cancellationToken);
            }
            catch (NpgsqlException e)
            {
                var (_, logs) = await DockerCli.RunAsync(CancellationToken.None, "logs", "--tail", "20", id);
                throw new SandboxUnavailableException($"the PostgreSQL container did not accept connections within a minute: {e.Message}\n{logs}", e);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync() => await DockerCli.RunAsync(CancellationToken.None, "rm", "-f", ContainerId);
}
