using DotNet.Testcontainers.Configurations;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>
/// The docker engine Testcontainers found (DOCKER_HOST, ~/.testcontainers.properties, the local socket), asked once
/// per process: Testcontainers pings each candidate endpoint when first touched.
/// </summary>
internal static class DockerEngine
{
    private static readonly Lazy<Task<IDockerEndpointAuthenticationConfiguration?>> Endpoint =
        new(() => Task.Run(async () =>
        {
            await DockerApiVersion.NegotiateAsync();
            return (IDockerEndpointAuthenticationConfiguration?)TestcontainersSettings.OS.DockerEndpointAuthConfig;
        }));

    /// <summary>The endpoint of an engine that answered, or null; never waits long for an endpoint that does not answer.</summary>
    public static async Task<IDockerEndpointAuthenticationConfiguration?> FindAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A missing socket fails at once; an unreachable DOCKER_HOST would hold the caller for the operating
            // system's connect timeout, and auto mode should fall back to local binaries well before that.
            return await Endpoint.Value.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
