using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Microsoft.Extensions.Logging.Abstractions;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>
/// Decides once per process whether Testcontainers' Ryuk reaper watches this run's containers. Off when
/// TESTCONTAINERS_RYUK_DISABLED=true (or ryuk.disabled=true in ~/.testcontainers.properties); otherwise on only if
/// its image is already on the engine (TESTCONTAINERS_RYUK_CONTAINER_IMAGE, else any testcontainers/ryuk) and it
/// starts. Testcontainers would pull a missing image, three attempts over three seconds where no registry answers,
/// in every test process; and our own disposal and <see cref="Reaper"/> remove the containers anyway, so Ryuk is
/// a second safety net, never a reason to fail or slow a run.
/// </summary>
internal static class RyukReaper
{
    private const string Repository = "testcontainers/ryuk";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _decided;

    /// <summary>Starts Ryuk if it is wanted and can run; turns it off otherwise. Call before building a container.</summary>
    public static async Task DecideAsync(IDockerEndpointAuthenticationConfiguration endpoint, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_decided)
                return;
            if (TestcontainersSettings.ResourceReaperEnabled)
                TestcontainersSettings.ResourceReaperEnabled = await StartsAsync(endpoint, cancellationToken);
            _decided = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<bool> StartsAsync(IDockerEndpointAuthenticationConfiguration endpoint, CancellationToken cancellationToken)
    {
        // Testcontainers waits up to a minute for Ryuk's port; a reaper that is not up in 15 seconds is not worth waiting for.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            var image = await LocalImageAsync(endpoint, timeout.Token);
            if (image is null)
                return false;
            TestcontainersSettings.ResourceReaperImage = new DockerImage(image);
            await ResourceReaper.GetAndStartDefaultAsync(endpoint, NullLogger.Instance, ct: timeout.Token);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // No bridge network for its published port, no privileged containers (rootless engines), too slow:
            // each one leaves the run to our own cleanup.
            return false;
        }
    }

    /// <summary>The configured Ryuk image if the engine has it, else the newest testcontainers/ryuk it has, else null.</summary>
    private static async Task<string?> LocalImageAsync(IDockerEndpointAuthenticationConfiguration endpoint, CancellationToken cancellationToken)
    {
        using var client = endpoint.GetDockerClientBuilder(ResourceReaper.DefaultSessionId).Build();
        if (TestcontainersSettings.ResourceReaperImage is { } configured)
        {
            try
            {
                await client.Images.InspectImageAsync(configured.FullName, cancellationToken);
                return configured.FullName;
            }
            catch (DockerImageNotFoundException)
            {
                return null;
            }
        }
        var images = await client.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [Repository] = true } },
        }, cancellationToken);
        return images.OrderByDescending(image => image.Created).SelectMany(image => image.RepoTags ?? []).FirstOrDefault();
    }
}
