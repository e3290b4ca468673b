using BuildMigrations.Engines.Connections;
using BuildMigrations.Sandbox.Docker;
using BuildMigrations.Sandbox.Local;

namespace BuildMigrations.Sandbox;

/// <summary>Opens the sandbox the settings ask for.</summary>
public static class Sandboxes
{
    private const string HowToGetOne =
        "Set MIGRATIONS_TEST_DATABASE to 'docker' (needs a running docker engine), 'local' (needs the server binaries, e.g. "
        + "apt-get install postgresql-15), or the URL of a server where databases may be created (postgresql://user:pass@host:5432/postgres).";

    public static async Task<IDatabaseSandbox> OpenAsync(string engine, SandboxSettings settings, CancellationToken cancellationToken)
    {
        if (engine is "mysql" or "mariadb")
            return await OpenMySqlAsync(engine, settings, cancellationToken);
        if (engine != "postgresql")
            throw new SandboxUnavailableException($"throwaway databases for {engine} are not available in this version. {HowToGetOne}");
        var mode = settings.Mode.ToLowerInvariant();
        if (settings.Mode.Contains("://", StringComparison.Ordinal))
            return Existing(settings.Mode);
        return mode switch
        {
            "docker" => await DockerAsync(settings, cancellationToken),
            "local" => await LocalAsync(settings, cancellationToken),
            "auto" => await AutoAsync(settings, cancellationToken),
            _ => throw new SandboxUnavailableException($"MIGRATIONS_TEST_DATABASE is '{settings.Mode}'. {HowToGetOne}"),
        };
    }

    /// <summary>MySQL and MariaDB: an existing server URL, a container, or a local mariadbd (auto: docker if it answers, else local).</summary>
    private static async Task<IDatabaseSandbox> OpenMySqlAsync(string engine, SandboxSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Mode.Contains("://", StringComparison.Ordinal))
            return new MySqlServerSandbox(engine, settings.Mode, $"existing server {ConnectionTarget.Resolve(settings.Mode, engine).Display}", server: null);
        var mode = settings.Mode.ToLowerInvariant();
        var image = engine == "mysql" ? settings.MySqlImage : settings.MariaDbImage;
        if (mode == "docker" || (mode == "auto" && await DockerCli.EngineAnswersAsync(cancellationToken)))
        {
            try
            {
                var container = await DockerDatabase.StartAsync(DockerDatabaseSpec.MySql(engine), image, settings.DockerNetwork, cancellationToken);
                return new MySqlServerSandbox(engine, container.Url, $"docker container {container.ContainerId[..12]} ({image})", container);
            }
            catch (SandboxUnavailableException) when (mode == "auto")
            {
                // fall back to the local server below
            }
        }
        if (mode is not ("local" or "auto"))
            throw new SandboxUnavailableException($"MIGRATIONS_TEST_DATABASE is '{settings.Mode}'. {HowToGetOne}");
        try
        {
            var server = await LocalMariaDbServer.StartAsync(cancellationToken: cancellationToken);
            return new MySqlServerSandbox(engine, server.Url(), $"local MariaDB on {server.Host}:{server.Port}", server);
        }
        catch (LocalMariaDbException e)
        {
            throw new SandboxUnavailableException($"{e.Message} Or set MIGRATIONS_TEST_DATABASE to the URL of a server where databases may be created (mariadb://root:pass@host:3306/mysql).", e);
        }
    }

    private static IDatabaseSandbox Existing(string url) =>
        new PostgresServerSandbox(url, $"existing server {ConnectionTarget.Resolve(url, null).Display}", server: null);

    private static async Task<IDatabaseSandbox> DockerAsync(SandboxSettings settings, CancellationToken cancellationToken)
    {
        if (!await DockerCli.EngineAnswersAsync(cancellationToken))
            throw new SandboxUnavailableException($"MIGRATIONS_TEST_DATABASE=docker but no docker engine answers. {HowToGetOne}");
        var container = await DockerDatabase.StartAsync(DockerDatabaseSpec.PostgreSql, settings.PostgresImage, settings.DockerNetwork, cancellationToken);
        return new PostgresServerSandbox(container.Url, $"docker container {container.ContainerId[..12]} ({settings.PostgresImage})", container);
    }

    private static async Task<IDatabaseSandbox> LocalAsync(SandboxSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions(settings.PostgresBin), cancellationToken);
            return new PostgresServerSandbox(server.Url(), $"local PostgreSQL on {server.Host}:{server.Port}", server);
        }
        catch (LocalPostgresException e)
        {
            throw new SandboxUnavailableException($"{e.Message} {HowToGetOne}", e);
        }
    }

    /// <summary>Docker if an engine answers, else the local binaries, else an error saying how to get one.</summary>
    private static async Task<IDatabaseSandbox> AutoAsync(SandboxSettings settings, CancellationToken cancellationToken)
    {
        string? dockerProblem = null;
        if (await DockerCli.EngineAnswersAsync(cancellationToken))
        {
            try
            {
                return await DockerAsync(settings, cancellationToken);
            }
            catch (SandboxUnavailableException e)
            {
                dockerProblem = e.Message;
            }
        }
        try
        {
            return await LocalAsync(settings, cancellationToken);
        }
        catch (SandboxUnavailableException e)
        {
            throw new SandboxUnavailableException(
                $"no throwaway database could be started: {(dockerProblem ?? "no docker engine answers")}; {e.Message}", e);
        }
    }
}
