using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Engines.Providers;
using BuildMigrations.Sandbox.Docker;
using BuildMigrations.Sandbox.Local;

namespace BuildMigrations.Sandbox;

/// <summary>Opens the sandbox the settings ask for, for any registered engine.</summary>
public static class Sandboxes
{
    private const string HowToGetOne =
        "Set MIGRATIONS_TEST_DATABASE to 'docker' (needs a running docker engine), 'local' (needs the server binaries, e.g. "
        + "apt-get install postgresql-15 or mariadb-server), or the URL of a server where databases may be created "
        + "(postgresql://user:pass@host:5432/postgres, mariadb://root:pass@host:3306/mysql).";

    public static async Task<IDatabaseSandbox> OpenAsync(string engine, SandboxSettings settings, CancellationToken cancellationToken)
    {
        var provider = KnownEngines.Registry.Find(engine)
            ?? throw new SandboxUnavailableException($"throwaway databases for {engine} are not available in this version.");
        // A file engine (SQLite) always has temporary files; a server URL meant for another engine does not apply to it.
        if (provider.ServerKind == SandboxServerKind.File)
            return FileSandbox.Open(engine, provider);
        if (settings.Mode.Contains("://", StringComparison.Ordinal))
        {
            var admin = ConnectionTarget.Resolve(settings.Mode, engine);
            return new ServerSandbox(engine, provider.OpenCatalog(admin), $"existing server {admin.Display}", server: null);
        }
        return settings.Mode.ToLowerInvariant() switch
        {
            "docker" => await DockerAsync(engine, provider, settings, cancellationToken),
            "local" => await LocalAsync(engine, provider, settings, cancellationToken),
            "auto" => await AutoAsync(engine, provider, settings, cancellationToken),
            _ => throw new SandboxUnavailableException($"{SandboxSettings.DatabaseVariable} is {Quoted(settings.Mode)}. {HowToGetOne}"),
        };
    }

    // A mistyped word is shown; anything else (a connection string, with its password) is not.
    private static string Quoted(string mode) =>
        mode.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? $"'{mode}'" : "neither a mode nor a URL";

    private const string NoDockerClient = "this native build of the tool has no docker client";

    // Plain (not async) gates around the docker code: the native compiler removes what sits behind a switch that is off
    // only where the test is a simple branch.
    private static Task<IDatabaseSandbox> DockerAsync(string engine, IEngineProvider provider, SandboxSettings settings, CancellationToken cancellationToken)
    {
        if (!DockerSupport.IsSupported)
            throw new SandboxUnavailableException($"{NoDockerClient}: use 'local' or the URL of a server where databases may be created.");
        return ContainerAsync(engine, provider, settings, cancellationToken);
    }

    private static Task<bool> DockerAnswersAsync(CancellationToken cancellationToken)
    {
        if (!DockerSupport.IsSupported)
            return Task.FromResult(false);
        return AnswersAsync(cancellationToken);

        static async Task<bool> AnswersAsync(CancellationToken cancellationToken) => await DockerEngine.FindAsync(cancellationToken) is not null;
    }

    private static async Task<IDatabaseSandbox> ContainerAsync(string engine, IEngineProvider provider, SandboxSettings settings, CancellationToken cancellationToken)
    {
        var endpoint = await DockerEngine.FindAsync(cancellationToken)
            ?? throw new SandboxUnavailableException($"MIGRATIONS_TEST_DATABASE=docker but no docker engine answers. {HowToGetOne}");
        var spec = DockerDatabaseSpec.For(engine, provider)!;
        var image = settings.ImageFor(engine);
        var container = await DockerDatabase.StartAsync(endpoint, spec, image, settings.DockerNetwork, cancellationToken);
        return Sandbox(engine, provider, container.Url, $"docker container {container.ContainerId[..12]} ({image})", container);
    }

    private static async Task<IDatabaseSandbox> LocalAsync(string engine, IEngineProvider provider, SandboxSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            if (provider.ServerKind == SandboxServerKind.MySql)
            {
                var mariadb = await LocalMariaDbServer.StartAsync(cancellationToken: cancellationToken);
                return Sandbox(engine, provider, mariadb.Url(), $"local MariaDB on {mariadb.Host}:{mariadb.Port}", mariadb);
            }
            var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions(settings.PostgresBin), cancellationToken);
            return Sandbox(engine, provider, postgres.Url(), $"local PostgreSQL on {postgres.Host}:{postgres.Port}", postgres);
        }
        catch (Exception e) when (e is LocalPostgresException or LocalMariaDbException)
        {
            throw new SandboxUnavailableException($"{e.Message} {HowToGetOne}", e);
        }
    }

    /// <summary>Docker if an engine answers, else the local binaries, else an error saying how to get one.</summary>
    private static async Task<IDatabaseSandbox> AutoAsync(string engine, IEngineProvider provider, SandboxSettings settings, CancellationToken cancellationToken)
    {
        string? dockerProblem = DockerSupport.IsSupported ? null : NoDockerClient;
        if (await DockerAnswersAsync(cancellationToken))
        {
            try
            {
                return await DockerAsync(engine, provider, settings, cancellationToken);
            }
            catch (SandboxUnavailableException e)
            {
                dockerProblem = e.Message;
            }
        }
        try
        {
            return await LocalAsync(engine, provider, settings, cancellationToken);
        }
        catch (SandboxUnavailableException e)
        {
            throw new SandboxUnavailableException(
                $"no throwaway database could be started: {(dockerProblem ?? "no docker engine answers")}; {e.Message}", e);
        }
    }

    private static ServerSandbox Sandbox(string engine, IEngineProvider provider, string adminUrl, string description, IAsyncDisposable server) =>
        new(engine, provider.OpenCatalog(ConnectionTarget.Resolve(adminUrl, engine)), description, server);
}
