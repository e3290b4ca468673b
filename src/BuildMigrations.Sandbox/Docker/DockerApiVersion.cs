using Docker.DotNet;

namespace BuildMigrations.Sandbox.Docker;

/// <summary>
/// Testcontainers speaks one fixed Docker API version (1.44, the oldest that docker 29 accepts) and takes an engine
/// that speaks only older ones (docker 20.10 to 24: 1.41 to 1.43) for no engine at all; the docker CLI negotiates
/// down instead. So before Testcontainers first looks (it reads its settings once per process), an engine at
/// DOCKER_HOST or the default socket that is older is named in DOCKER_API_VERSION, Testcontainers' own setting,
/// unless the user set one. Nothing of Testcontainers may be touched before this runs.
/// </summary>
internal static class DockerApiVersion
{
    private const string Variable = "DOCKER_API_VERSION";
    private static readonly Version TestcontainersSpeaks = new(1, 44);

    public static async Task NegotiateAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)) || OperatingSystem.IsWindows())
            return;
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var endpoint = new Uri(string.IsNullOrEmpty(host) ? "unix:///var/run/docker.sock" : host);
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
            return;
        try
        {
            // No version given: the engine answers in its own newest one, as /version of the CLI does.
            using var client = new DockerClientBuilder().WithEndpoint(endpoint).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var engine = await client.System.GetVersionAsync(timeout.Token);
            if (Version.TryParse(engine.APIVersion, out var speaks) && speaks < TestcontainersSpeaks)
                Environment.SetEnvironmentVariable(Variable, engine.APIVersion);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // No engine here, or one that cannot be asked: Testcontainers' own discovery says so.
        }
    }
}
