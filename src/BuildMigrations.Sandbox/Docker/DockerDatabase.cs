using BuildMigrations.Sandbox.Local;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Logging.Abstractions;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>
/// A database container for one test run, started through Testcontainers: the official image's environment
/// contract, labelled as ours, ready when a connection succeeds (never after a fixed sleep). Only this run's
/// container is ever removed: when disposed, by Ryuk when it is on, and by <see cref="Reaper"/> if the test process
/// dies first; containers of other runs on a shared engine are never looked at.
/// </summary>
internal sealed class DockerDatabase : IAsyncDisposable
{
    /// <summary>Marks every sandbox container (value: the engine), so people and tests can find them.</summary>
    public const string Label = "io.buildmigrations.sandbox";

    private readonly IContainer _container;
    private readonly Func<Reaper?> _reaper;

    private DockerDatabase(IContainer container, string url, Func<Reaper?> reaper)
    {
        _container = container;
        Url = url;
        _reaper = reaper;
    }

    /// <summary>The container id docker gave (never parsed from command output).</summary>
    public string ContainerId => _container.Id;

    /// <summary>An administrator URL with the container's generated password.</summary>
    public string Url { get; }

    /// <param name="endpoint">The docker engine that answered.</param>
    /// <param name="spec">What the image needs.</param>
    /// <param name="image">The image, e.g. postgres:15 or mariadb:10.11.</param>
    /// <param name="network">"host" to share the host's network on a free port; another name to join that network;
    /// null for the default one; off the host network the server's port is published on a random host port.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<DockerDatabase> StartAsync(
        IDockerEndpointAuthenticationConfiguration endpoint, DockerDatabaseSpec spec, string image, string? network, CancellationToken cancellationToken)
    {
        await RyukReaper.DecideAsync(endpoint, cancellationToken);
        var password = Guid.NewGuid().ToString("N");
        var hostNetwork = string.Equals(network, "host", StringComparison.OrdinalIgnoreCase);
        var hostPort = hostNetwork ? FreePort.Pick() : 0;
        string UrlOf(IContainer container) => hostNetwork
            ? spec.Url(password, "127.0.0.1", hostPort)
            : spec.Url(password, container.Hostname, container.GetMappedPublicPort(spec.ContainerPort));

        var ready = new UntilServerAcceptsConnections(spec, UrlOf);
        var builder = new ContainerBuilder(image)
            .WithDockerEndpoint(endpoint)
            .WithLogger(NullLogger.Instance)
            .WithLabel(Label, spec.Engine)
            .WithEnvironment(spec.Environment(password))
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(ready, wait => wait
                .WithTimeout(TimeSpan.FromMinutes(1))
                .WithInterval(TimeSpan.FromMilliseconds(200))));
        // Testcontainers only adds endpoints for networks it manages; the mode is what puts the container on
        // "host" (or a network someone else made). Its host config is always set before modifiers run.
        if (network is not null)
            builder = builder.WithCreateParameterModifier(parameters => parameters.HostConfig!.NetworkMode = network);
        builder = hostNetwork ? builder.WithCommand(spec.HostNetworkArguments(hostPort)) : builder.WithPortBinding(spec.ContainerPort, assignRandomHostPort: true);
        var container = builder.Build();
        // Registered as soon as docker has given the id, before the image's start-up can fail or be interrupted.
        Reaper? reaper = null;
        container.Created += (_, _) => reaper = Reaper.AfterThisProcess($"docker rm -f {container.Id} >/dev/null 2>&1");

        try
        {
            await container.StartAsync(cancellationToken);
            return new DockerDatabase(container, UrlOf(container), () => reaper);
        }
        catch (Exception e)
        {
            await container.DisposeAsync();
            reaper?.Dismiss();
            if (e is OperationCanceledException)
                throw;
            throw new SandboxUnavailableException(e switch
            {
                TimeoutException => $"the {spec.Engine} container did not accept connections within a minute: {ready.LastError?.Message}",
                ContainerNotRunningException => $"the {spec.Engine} container stopped while starting: {e.Message}",
                _ => $"docker could not start {image}: {e.Message}",
            }, e);
        }
    }

    /// <summary>Removes the container (forcibly: it is a throwaway server).</summary>
    public async ValueTask DisposeAsync()
    {
        await _container.DisposeAsync();
        _reaper()?.Dismiss();
    }
}
