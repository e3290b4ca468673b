using System.CommandLine;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;
using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;
using BuildMigrations.Sandbox;
using BuildMigrations.Tool.Output;

namespace BuildMigrations.Tool.Commands;

/// <summary>
/// The throwaway database drift builds the expected schema on (like Atlas's --dev-url): a temporary file for SQLite,
/// otherwise a database on a server chosen by <c>--dev-database</c>. Disposing it drops the database and stops any
/// server it started; a killed tool leaves nothing behind either (the sandbox's reaper stops servers and containers).
/// </summary>
internal sealed class DevDatabase : IAsyncDisposable
{
    private readonly IDatabaseSandbox _sandbox;

    private DevDatabase(IDatabaseSandbox sandbox, IMigrationEngine engine)
    {
        _sandbox = sandbox;
        Engine = engine;
    }

    /// <summary>An open engine on the empty throwaway database.</summary>
    public IMigrationEngine Engine { get; }

    /// <summary>Where it lives, for messages (no password).</summary>
    public string Description => _sandbox.Description;

    public static Option<string?> Option() => new("--dev-database")
    {
        HelpName = "auto|docker|local|URL",
        Description = "Where to build the expected schema (PostgreSQL, MySQL, MariaDB; SQLite always uses a temporary file): "
            + "'docker' (a throwaway container), 'local' (a throwaway server from the local binaries), 'auto' (docker if it answers, else local), "
            + "or the URL (or env:NAME) of a server where the tool may create and drop a database; use the target's server version. "
            + $"Default: ${SandboxSettings.DatabaseVariable}, else auto.",
    };

    /// <summary>Opens a throwaway database for <paramref name="engine"/>; throws BM5032 when none can be had.</summary>
    public static async Task<DevDatabase> OpenAsync(string? option, string engine, string historyTable, CancellationToken cancellationToken)
    {
        var mode = Mode(option, engine);
        IDatabaseSandbox sandbox;
        try
        {
            sandbox = await Sandboxes.OpenAsync(engine, SandboxSettings.FromEnvironment() with { Mode = mode }, cancellationToken);
        }
        catch (SandboxUnavailableException e)
        {
            throw new DiagnosticException(DeployProblems.DevDatabaseUnavailable(e.Message));
        }
        try
        {
            var database = await sandbox.CreateDatabaseAsync(template: null, cancellationToken);
            var target = ConnectionTarget.Resolve(database.Url, engine);
            Secrets.Add(target.Secrets);
            return new DevDatabase(sandbox, await KnownEngines.Registry.OpenEngineAsync(target, historyTable, cancellationToken));
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>The sandbox mode: the option, else the test variable, else auto; a server URL's secrets are registered for masking.</summary>
    private static string Mode(string? option, string engine)
    {
        var mode = option ?? Environment.GetEnvironmentVariable(SandboxSettings.DatabaseVariable);
        if (string.IsNullOrWhiteSpace(mode))
            return "auto";
        if (mode.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = mode[4..];
            mode = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(mode))
                throw new DiagnosticException(DeployProblems.DevDatabaseUnavailable($"--dev-database names the environment variable {name}, which is not set."));
        }
        mode = mode.Trim();
        var fileEngine = KnownEngines.Registry.Find(engine)?.ServerKind == Engines.Providers.SandboxServerKind.File;
        if (!mode.Contains("://", StringComparison.Ordinal))
        {
            // A file engine (SQLite) always takes a temporary file, whatever the setting says (it may be 'sqlite'). Not
            // echoed: a connection string here would carry its password.
            if (!fileEngine && mode.ToLowerInvariant() is not ("docker" or "local" or "auto"))
                throw new DiagnosticException(DeployProblems.DevDatabaseUnavailable(
                    $"{(option is null ? SandboxSettings.DatabaseVariable : "--dev-database")} is neither docker, local, auto nor a server URL (a connection string is not taken here)."));
            return mode;
        }
        var server = ConnectionTarget.Resolve(mode, engine);
        Secrets.Add(server.Secrets);
        if (!fileEngine && !EngineNames.AreCompatible(server.Engine, engine))
            throw new DiagnosticException(DeployProblems.DevDatabaseUnavailable($"--dev-database is a {server.Engine} server but the bundle is for {engine}."));
        return mode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Engine.DisposeAsync();
        }
        finally
        {
            await _sandbox.DisposeAsync();
        }
    }
}
