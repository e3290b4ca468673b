using System.Net;
using System.Net.Sockets;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>
/// A database container for one test run, started through the docker CLI: the official image's environment
/// contract, labelled so containers of crashed runs are removed later, ready when a connection succeeds (never
/// after a fixed sleep), removed when disposed or when the test process dies.
/// </summary>
internal sealed class DockerDatabase : IAsyncDisposable
{
    public const string Label = "io.buildmigrations.sandbox";
    public const string OwnerLabel = "io.buildmigrations.owner-pid";

    private DockerDatabase(string containerId, string url)
    {
        ContainerId = containerId;
        Url = url;
    }

    public string ContainerId { get; }

    /// <summary>An administrator URL with the container's generated password.</summary>
    public string Url { get; }

    /// <param name="spec">What the image needs.</param>
    /// <param name="image">The image, e.g. postgres:15 or mariadb:10.11.</param>
    /// <param name="network">"host" to share the host's network on a free port; otherwise a random published port on 127.0.0.1.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<DockerDatabase> StartAsync(DockerDatabaseSpec spec, string image, string? network, CancellationToken cancellationToken)
    {
        await StaleContainers.RemoveAsync(cancellationToken);
        var password = Guid.NewGuid().ToString("N");
        var hostNetwork = string.Equals(network, "host", StringComparison.OrdinalIgnoreCase);
        var port = hostNetwork ? FreePort() : 0;
        List<string> args = ["run", "-d", "--rm", "--label", $"{Label}={spec.Engine}", "--label", $"{OwnerLabel}={Environment.ProcessId}"];
        foreach (var variable in spec.Environment(password))
            args.AddRange(["-e", variable]);
        args.AddRange(hostNetwork ? ["--network", "host"] : network is null ? ["-p", $"127.0.0.1::{spec.ContainerPort}"] : ["--network", network, "-p", $"127.0.0.1::{spec.ContainerPort}"]);
        args.Add(image);
        if (hostNetwork)
            args.AddRange(spec.HostNetworkArguments(port));

        var (exit, output) = await DockerCli.RunAsync(cancellationToken, [.. args]);
        if (exit != 0)
            throw new SandboxUnavailableException($"docker could not start {image}: {output}");
        var id = output.Split('\n')[^1].Trim();
        Reaper.AfterThisProcess($"docker rm -f {id} >/dev/null 2>&1");
        try
        {
            if (!hostNetwork)
                port = await PublishedPortAsync(id, spec.ContainerPort, cancellationToken);
            var url = spec.Url(password, port);
            await WaitUntilReadyAsync(spec, id, url, cancellationToken);
            return new DockerDatabase(id, url);
        }
        catch
        {
            await DockerCli.RunAsync(CancellationToken.None, "rm", "-f", id);
            throw;
        }
    }

    private static async Task<int> PublishedPortAsync(string id, int containerPort, CancellationToken cancellationToken)
    {
        var (_, output) = await DockerCli.RunAsync(cancellationToken, "port", id, $"{containerPort}/tcp");
        var line = output.Split('\n').First(l => l.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        return int.Parse(line[(line.LastIndexOf(':') + 1)..]);
    }

    private static async Task WaitUntilReadyAsync(DockerDatabaseSpec spec, string id, string url, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                await spec.ConnectAsync(url, cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var (running, state) = await DockerCli.RunAsync(cancellationToken, "inspect", "--format", "{{.State.Running}}", id);
                if (running != 0 || state.Trim() != "true")
                    throw new SandboxUnavailableException($"the {spec.Engine} container {id[..12]} stopped while starting", e);
                if (DateTime.UtcNow > deadline)
                {
                    var (_, logs) = await DockerCli.RunAsync(CancellationToken.None, "logs", "--tail", "20", id);
                    throw new SandboxUnavailableException($"the {spec.Engine} container did not accept connections within a minute: {e.Message}\n{logs}", e);
                }
                await Task.Delay(200, cancellationToken);
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
