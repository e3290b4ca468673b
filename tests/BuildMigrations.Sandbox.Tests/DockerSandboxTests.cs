using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Sandbox.Docker;
using BuildMigrations.TestSupport;
using DotNet.Testcontainers.Containers;

namespace BuildMigrations.Sandbox.Tests;

/// <summary>
/// The docker sandbox against the engine the machine has, with the images the run configured (CI: images built
/// locally, host network, as scripts/prerequisites.sh sets up). Another run's container on the same engine is
/// simulated with the old driver's labels and an owner that is gone: it must survive.
/// </summary>
public sealed class DockerSandboxTests
{
    [DockerFact]
    public Task A_postgresql_container_serves_throwaway_databases_and_only_it_is_removed() =>
        ServesAndRemovesOnlyItselfAsync("postgresql", "MIGRATIONS_TEST_POSTGRES_IMAGE", "local/postgres:15");

    [DockerFact]
    public Task A_mariadb_container_serves_throwaway_databases_and_only_it_is_removed() =>
        ServesAndRemovesOnlyItselfAsync("mariadb", "MIGRATIONS_TEST_MARIADB_IMAGE", "local/mariadb:10.11");

    [DockerFact]
    public async Task A_missing_image_fails_with_a_sandbox_message_and_leaves_no_container()
    {
        var settings = Settings("MIGRATIONS_TEST_POSTGRES_IMAGE", "local/no-such-image:1") with { PostgresImage = "local/no-such-image:1" };

        var e = await Assert.ThrowsAsync<SandboxUnavailableException>(() => Sandboxes.OpenAsync("postgresql", settings, CancellationToken.None));

        Assert.Contains("docker could not start local/no-such-image:1", e.Message);
        Assert.Equal("", await OurContainersAsync());
    }

    private static async Task ServesAndRemovesOnlyItselfAsync(string engine, string imageVariable, string defaultImage)
    {
        var otherRun = await StartOtherRunsContainerAsync(engine, Settings(imageVariable, defaultImage).ImageFor(engine));
        try
        {
            var sandbox = await Sandboxes.OpenAsync(engine, Settings(imageVariable, defaultImage), CancellationToken.None);
            string ours;
            await using (sandbox)
            {
                ours = await OurContainersAsync();
                Assert.Single(ours.Split('\n'));
                Assert.Contains($"docker container {ours[..12]}", sandbox.Description);
                var database = await sandbox.CreateDatabaseAsync(template: null, CancellationToken.None);
                await KnownEngines.Registry.Get(engine).OpenCatalog(ConnectionTarget.Resolve(database.Url, engine)).PingAsync(CancellationToken.None);
            }

            Assert.Equal("", await OurContainersAsync());
            Assert.Equal("", await DockerAsync("ps", "-aq", "--filter", $"id={ours}"));
            Assert.Equal("true", await DockerAsync("inspect", "--format", "{{.State.Running}}", otherRun));
        }
        finally
        {
            await DockerAsync("rm", "-f", otherRun);
        }
    }

    private static SandboxSettings Settings(string imageVariable, string defaultImage) =>
        SandboxSettings.FromEnvironment(environment: name => name switch
        {
            SandboxSettings.DatabaseVariable => "docker",
            "MIGRATIONS_TEST_DOCKER_NETWORK" => Environment.GetEnvironmentVariable(name) ?? "host",
            _ when name == imageVariable => Environment.GetEnvironmentVariable(name) ?? defaultImage,
            _ => Environment.GetEnvironmentVariable(name),
        });

    /// <summary>This test process's sandbox containers: ours by label, this process's by Testcontainers' session.</summary>
    private static Task<string> OurContainersAsync() =>
        DockerAsync("ps", "-aq", "--no-trunc", "--filter", $"label={DockerDatabase.Label}",
            "--filter", $"label=org.testcontainers.session-id={ResourceReaper.DefaultSessionId:D}");

    /// <summary>
    /// A sandbox container of another test run, as the old docker CLI driver labelled them, owned by a process
    /// that does not exist here (another machine or pid namespace sharing the engine, or a run that crashed).
    /// </summary>
    private static async Task<string> StartOtherRunsContainerAsync(string engine, string image)
    {
        var gone = (await Processes.RunAsync("sh", ["-c", "echo $$"])).Stdout.Trim();
        var id = await DockerAsync("run", "-d", "--network", "host", "--label", $"{DockerDatabase.Label}={engine}",
            "--label", $"io.buildmigrations.owner-pid={gone}", "--entrypoint", "/bin/sleep", image, "300");
        Assert.Matches("^[0-9a-f]{64}$", id);
        return id;
    }

    private static async Task<string> DockerAsync(params string[] args) => (await Processes.RunAsync("docker", args)).Stdout.Trim();
}
